"""The admin's record form on a treaty: the treaty's words, and a warning before a step back.

RecordStatusForm (alignment/admin/status.py) mixes this in and calls check_treaty_order()
from its clean(); everything else stays there.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alignment.models import TREATY_LABELS, Status, status_choices, status_label
from alignment.treaties.rules import out_of_order


def both_words() -> list[tuple[str, str]]:
    """Status choices for a form that does not know the framework yet: both words."""
    return [
        (value, label if value == Status.NOT_APPLICABLE else _both(label, TREATY_LABELS[value]))
        for value, label in Status.choices
    ]


def _both(generic, treaty) -> str:
    return _("%(generic)s (on a treaty: %(treaty)s)") % {"generic": generic, "treaty": treaty}


class TreatyStepsMixin(forms.Form):
    explained_out_of_order = forms.BooleanField(
        required=False,
        label=gettext_lazy("The evidence says why this treaty step goes backwards in time"),
        help_text=gettext_lazy(
            "Only asked when the step would put a treaty's history out of order (in force "
            "before signed, say)."
        ),
    )

    def label_statuses(self) -> None:
        """The status field in the words of the requirement's framework when it is known."""
        field = self.fields.get("status")
        if field is None:
            return
        requirement = self.instance.requirement if self.instance.requirement_id else None
        field.choices = status_choices(requirement.framework.kind) if requirement else both_words()

    def check_treaty_order(self, cleaned: dict) -> None:
        """Refuse, once, a step back in time on a treaty unless the editor confirms it."""
        country, requirement = cleaned.get("country"), cleaned.get("requirement")
        status, day = cleaned.get("status"), cleaned.get("effective_on")
        if not (country and requirement and status and day):
            return
        clash = out_of_order(country, requirement, status, day)
        if clash is None or cleaned.get("explained_out_of_order"):
            return
        raise ValidationError(
            _(
                "Warning: %(new)s on %(day)s puts the treaty's steps out of order: %(old)s "
                "is recorded for %(old_day)s. If that is right, say why in the evidence, tick "
                "“%(box)s” and save again."
            )
            % {
                "new": status_label(status, requirement.framework.kind),
                "day": day.isoformat(),
                "old": status_label(clash.status, requirement.framework.kind),
                "old_day": clash.effective_display,
                "box": self.fields["explained_out_of_order"].label,
            },
            code="treaty_out_of_order",
        )
