"""Django's loaddata, made strict: every row is validated before it is written.

A fixture row with an unknown status, a future or malformed date, a requirement whose
framework does not apply to its country (and so on: every model's full_clean) stops the
load with a message naming the row, and the whole load is rolled back, so the database is
left as it was. StatusChanges loaded this way move their Assessments in the same
transaction, as alignment.services does for changes recorded by hand.
"""

from django.core.exceptions import ValidationError
from django.core.management.commands import loaddata
from django.utils import timezone

from alignment.models import ReviewState, StatusChange
from alignment.services import refresh_assessments


class Command(loaddata.Command):
    help = loaddata.Command.help + " Every row is validated; nothing is written if one is bad."

    def loaddata(self, fixture_labels) -> None:
        self.rows_seen = 0
        self.touched_pairs: set[tuple[int, int]] = set()
        super().loaddata(fixture_labels)
        refresh_assessments(self.touched_pairs)

    def save_obj(self, obj) -> bool:
        self.rows_seen += 1
        instance = obj.object
        for field in instance._meta.concrete_fields:
            if getattr(field, "auto_now", False) and getattr(instance, field.attname) is None:
                setattr(instance, field.attname, timezone.now())
        try:
            instance.full_clean()
        except ValidationError as error:
            raise ValidationError(
                f"row {self.rows_seen} ({instance._meta.label} {describe(instance)}): "
                + "; ".join(
                    f"{field}: {' '.join(messages)}"
                    for field, messages in error.message_dict.items()
                )
            ) from error
        saved = super().save_obj(obj)
        if isinstance(instance, StatusChange) and instance.review_state == ReviewState.APPROVED:
            self.touched_pairs.add((instance.country_id, instance.requirement_id))
        return saved


def describe(instance) -> str:
    try:
        return repr(list(instance.natural_key()))
    except Exception:  # a row whose own references are broken still gets named
        return f"pk={instance.pk}"
