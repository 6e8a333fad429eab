"""Recording a status from the admin's add form: the form, and the admin's part in it.

The form reads plain values (the effective date as YYYY-MM-DD, YYYY-MM or YYYY); the
write is alignment.services.record_status's, which returns the row it wrote for the
admin to log and link to. Only countries the user records for are offered; a crafted
POST for another one is a 403.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alignment.admin.scope import requirements_for
from alignment.dates import parse_partial
from alignment.models import Requirement, StatusChange
from alignment.services import record_status
from alignment.treaties.forms import TreatyStepsMixin
from countries.models import Country
from countries.scope import countries_for, require_country


class RecordStatusForm(TreatyStepsMixin, forms.ModelForm):
    """What an editor fills in; record_status writes it (RecordingMixin.save_form)."""

    effective_on = forms.CharField(
        label=gettext_lazy("Effective date"),
        max_length=10,
        help_text=gettext_lazy(
            "When the status became true in the world: YYYY-MM-DD, or YYYY-MM or YYYY "
            "when only the month or the year is known."
        ),
    )
    # When the form was drawn: a change recorded on the same pair after it makes the
    # form stale (clean() refuses it once, with a link).
    opened_at = forms.DateTimeField(widget=forms.HiddenInput)

    class Meta:
        model = StatusChange
        fields = ["country", "requirement", "status", "effective_on", "evidence", "source"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opened_at"].initial = timezone.now
        self.label_statuses()  # issue 8: a treaty's words

    def clean_effective_on(self):
        """The period's last day; its precision goes to cleaned_data["precision"]."""
        text = self.cleaned_data["effective_on"]
        try:
            day, self.cleaned_data["precision"] = parse_partial(text)
        except ValueError as error:
            raise ValidationError(
                _("“%(value)s” is not a date; use YYYY-MM-DD, YYYY-MM or YYYY.") % {"value": text}
            ) from error
        return day

    def clean(self) -> dict:
        cleaned = super().clean()
        country, requirement = cleaned.get("country"), cleaned.get("requirement")
        opened_at = cleaned.get("opened_at")
        if country and requirement and opened_at:
            newer = (
                StatusChange.objects.for_pair(country, requirement)
                .filter(Q(recorded_at__gt=opened_at) | Q(reviewed_at__gt=opened_at))
                .select_related("recorded_by")
                .order_by("-recorded_at")
                .first()
            )
            if newer is not None:
                self._refresh_opened_at()
                raise ValidationError(stale_message(country, requirement, newer), code="stale")
        self.check_treaty_order(cleaned)  # issue 8: warn before a step back in time
        return cleaned

    def status_values(self) -> dict:
        """record_status's arguments, but who records."""
        names = ["country", "requirement", "status", "effective_on", "precision", "evidence"]
        return {name: self.cleaned_data[name] for name in [*names, "source"]}

    def _refresh_opened_at(self) -> None:
        """The user has now been told: their next save counts from here."""
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_at")] = timezone.now().isoformat()


def stale_message(country: Country, requirement: Requirement, newer: StatusChange) -> str:
    return format_html(
        _(
            "Since you opened this form, the status of {country} on "
            "{requirement} has moved: {status} ({day}), {state}. "
            '<a href="{url}">See it</a>, then save again if yours is '
            "still needed."
        ),
        country=country.code,
        requirement=requirement.full_code,
        status=newer.get_status_display(),
        day=newer.effective_display,
        state=newer.get_review_state_display().lower(),
        url=reverse("admin:alignment_statuschange_change", args=[newer.pk]),
    )


class RecordingMixin:
    """The add form of StatusChangeAdmin: choices in scope, the write by the service.

    Who may add is the role's permission (no query on every admin page); for which
    country is checked where a status is recorded: add_view and the import.
    """

    form = RecordStatusForm

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "country":
            kwargs["queryset"] = countries_for(request.user)
        elif db_field.name == "requirement":
            kwargs["queryset"] = requirements_for(request.user).leaves()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        initial = super().get_changeform_initial_data(request)
        countries = list(countries_for(request.user)[:2])
        if len(countries) == 1:
            initial.setdefault("country", countries[0].pk)
        return initial

    def add_view(self, request: HttpRequest, form_url="", extra_context=None):
        require_a_country(request)
        if request.method == "POST":
            refuse_out_of_scope(request)
        extra_context = {"title": _("Record a status"), **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def save_form(self, request: HttpRequest, form: RecordStatusForm, change: bool):
        """Where the admin asks the form for its object, the service writes it.

        The form and the model's rules have passed; the admin then logs the row returned.
        """
        return record_status(**form.status_values(), recorded_by=request.user)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        """Already written by record_status in save_form."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        """A StatusChange has no many-to-many fields and no inlines."""

    def response_add(self, request: HttpRequest, obj: StatusChange, post_url_continue=None):
        messages.info(request, _("It is proposed: a reviewer approves it before it is public."))
        return super().response_add(request, obj, post_url_continue)


def require_a_country(request: HttpRequest) -> None:
    """403 for a user who may record but has no country to record for."""
    if not countries_for(request.user).exists():
        raise PermissionDenied(_("You record for no country: ask an administrator to add one."))


def refuse_out_of_scope(request: HttpRequest) -> None:
    """403 for a POSTed country or requirement the user may not record for.

    The form's choices already leave them out; this answers a crafted request plainly
    instead of as a form error.
    """
    posted = request.POST.get("country", "")
    if posted.isdigit():
        country = Country.objects.filter(pk=posted).first()
        if country is not None:
            require_country(request.user, country)
    posted = request.POST.get("requirement", "")
    if (
        posted.isdigit()
        and Requirement.objects.filter(pk=posted).exists()
        and not requirements_for(request.user).filter(pk=posted).exists()
    ):
        raise PermissionDenied(_("That requirement does not apply to a country you record for."))
