"""Indicators and their values in the admin, country-scoped exactly like statuses.

An editor records values for the countries they act for (countries.scope), through the
add form or a spreadsheet; either way indicators.services.record_value writes the row,
proposed. A reviewer approves or returns values from the list. A value is never changed
or deleted: a correction is a new row. Indicators themselves are kept by reviewers.
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alignment.admin.filters import CountryFilter
from alignment.admin.recording import refuse_out_of_scope, require_a_country
from alignment.admin.spreadsheet_admin import SpreadsheetImportMixin, spreadsheet_download
from alignment.admin.spreadsheets import template_csv
from common.admin_guards import GuardedModelAdmin
from countries.scope import REVIEW_PERMISSION, acts_for_every_country, countries_for
from indicators.admin.spreadsheets import (
    COLUMNS,
    ValueImportResource,
    template_rows,
    value_template_xlsx,
)
from indicators.models import Derivation, Indicator, IndicatorValue
from indicators.periods import parse_period
from indicators.services import approve_value, record_value, return_value


@admin.register(Indicator)
class IndicatorAdmin(GuardedModelAdmin):
    list_display = ["code", "title", "unit", "better", "derivation", "framework"]
    list_filter = ["derivation", "framework"]
    search_fields = ["code", "title"]
    autocomplete_fields = ["requirements", "source"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("framework")


def values_for(user) -> QuerySet[IndicatorValue]:
    """The values a staff user may see: their countries', or every one for a reviewer."""
    values = IndicatorValue.objects.select_related(
        "indicator", "country", "source", "recorded_by", "reviewed_by"
    )
    if acts_for_every_country(user):
        return values
    return values.filter(country__in=countries_for(user))


class RecordValueForm(forms.ModelForm):
    period = forms.CharField(
        label=gettext_lazy("Period"),
        max_length=21,
        help_text=gettext_lazy(
            "A year (2016), a month (2016-03), or two days joined by a slash "
            "(2016-01-01/2016-06-30)."
        ),
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "country",
            "period",
            "value",
            "not_reported_reason",
            "source",
            "note",
        ]

    def clean_period(self):
        try:
            self.instance.period_start, self.instance.period_end = parse_period(
                self.cleaned_data["period"]
            )
        except ValueError as error:
            raise ValidationError(str(error)) from error
        return self.cleaned_data["period"]

    def value_values(self) -> dict:
        """record_value's arguments, once the form is valid."""
        names = ["indicator", "country", "value", "not_reported_reason", "source", "note"]
        return {
            **{name: self.cleaned_data[name] for name in names},
            "period_start": self.instance.period_start,
            "period_end": self.instance.period_end,
        }

    def _update_errors(self, errors: ValidationError) -> None:
        """The model names the period's two fields; the form has one."""
        if hasattr(errors, "error_dict"):
            moved = {}
            for name, messages_ in errors.error_dict.items():
                key = "period" if name in {"period_start", "period_end"} else name
                moved.setdefault(key, []).extend(messages_)
            errors = ValidationError(moved)
        super()._update_errors(errors)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it sent back?"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("The editor sees this and records a corrected value."),
    )


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SpreadsheetImportMixin, GuardedModelAdmin):
    form = RecordValueForm
    list_display = [
        "country",
        "indicator",
        "period_display",
        "display",
        "review_state",
        "recorded_by",
        "recorded_at",
    ]
    list_filter = ["review_state", "indicator", ("country", CountryFilter)]
    search_fields = ["country__code", "country__name", "indicator__code", "note"]
    show_full_result_count = False
    autocomplete_fields = ["source"]
    actions = ["approve_selected", "return_selected"]
    add_fields = RecordValueForm.Meta.fields
    view_fields = [
        "indicator",
        "country",
        "period_display",
        "value",
        "not_reported_reason",
        "source",
        "note",
        "recorded_by",
        "recorded_at",
        "review_state",
        "reviewed_by",
        "reviewed_at",
        "review_note",
        "uid",
    ]
    import_template_name = "admin/indicators/indicatorvalue/import.html"
    import_export_change_list_template = "admin/indicators/indicatorvalue/change_list.html"
    import_resource_class = ValueImportResource
    import_success_message = gettext_lazy(
        "Import finished: %(new)d values proposed for review, %(same)d rows unchanged."
    )
    template_refusal = gettext_lazy("You do not record indicator values.")

    @admin.display(description=gettext_lazy("value"))
    def display(self, value: IndicatorValue) -> str:
        return value.display

    @admin.display(description=gettext_lazy("period"), ordering="period_start")
    def period_display(self, value: IndicatorValue) -> str:
        return value.period

    def get_queryset(self, request: HttpRequest):
        return values_for(request.user)

    def get_fields(self, request: HttpRequest, obj=None):
        return self.view_fields if obj else self.add_fields

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return ["period_display"] if obj else []

    # Nobody changes or deletes a value; recording needs a country to record for.

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(REVIEW_PERMISSION)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "country":
            kwargs["queryset"] = countries_for(request.user)
        elif db_field.name == "indicator":
            kwargs["queryset"] = Indicator.objects.filter(derivation=Derivation.TYPED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def add_view(self, request: HttpRequest, form_url="", extra_context=None):
        require_a_country(request)
        if request.method == "POST":
            refuse_out_of_scope(request)
        extra_context = {"title": _("Record an indicator value"), **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def save_form(self, request: HttpRequest, form: RecordValueForm, change: bool):
        """Where the admin asks the form for its object, the service writes it."""
        return record_value(**form.value_values(), recorded_by=request.user)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        """Already written by record_value in save_form."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        """An IndicatorValue has no many-to-many fields and no inlines."""

    def response_add(self, request: HttpRequest, obj, post_url_continue=None):
        messages.info(request, _("It is proposed: a reviewer approves it before it is public."))
        return super().response_add(request, obj, post_url_continue)

    # Reviewing.

    def changelist_view(self, request: HttpRequest, extra_context=None):
        """A POSTed action the user does not have is a 403, even when they have none."""
        action = request.POST.get("action") if request.method == "POST" else None
        if action and action not in self.get_actions(request):
            raise PermissionDenied(_("That action is not available to you."))
        return super().changelist_view(request, extra_context)

    @admin.action(permissions=["review"], description=gettext_lazy("Approve selected"))
    def approve_selected(self, request: HttpRequest, queryset) -> None:
        values = list(queryset)
        try:
            with transaction.atomic():
                for value in values:
                    approve_value(value=value, reviewer=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages) + " " + _("Nothing was approved."))
            return
        messages.success(request, _("Approved %(n)d indicator values.") % {"n": len(values)})

    @admin.action(
        permissions=["review"], description=gettext_lazy("Return selected, with a reason")
    )
    def return_selected(self, request: HttpRequest, queryset):
        values = list(queryset)
        form = ReturnForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Return to the editor"),
                "opts": self.opts,
                "values": values,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request,
                "admin/indicators/indicatorvalue/return.html",
                context,
                status=400 if form.errors else 200,
            )
        try:
            with transaction.atomic():
                for value in values:
                    return_value(
                        value=value, reviewer=request.user, reason=form.cleaned_data["reason"]
                    )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages) + " " + _("Nothing was returned."))
            return None
        messages.success(request, _("Returned %(n)d indicator values.") % {"n": len(values)})
        return None

    # The fill-in template (the import itself is SpreadsheetImportMixin's).

    def template_download(self, request: HttpRequest) -> HttpResponse:
        require_a_country(request)
        return spreadsheet_download(
            request,
            rows=lambda: template_rows(request.user),
            writers={"xlsx": value_template_xlsx, "csv": partial(template_csv, COLUMNS)},
            name="indicator-values",
        )
