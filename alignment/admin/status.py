"""Recording and reviewing statuses in the admin, and their spreadsheets.

An editor records a status through the add form or a spreadsheet; either way the row is
written by alignment.services.record_status, proposed, attributed to them. A reviewer
approves or returns it (approve_change / return_change), one by one from its page or in
bulk from the list. A StatusChange is never changed or deleted from the admin, not even
by a superuser: a correction is a new row.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import RowResult
from import_export.tmp_storages import CacheStorage

from alignment.admin.filters import PAIR_FILTERS, PAIR_SEARCH_FIELDS
from alignment.admin.history import StatusHistoryMixin
from alignment.admin.scope import requirements_for, status_changes_for
from alignment.admin.spreadsheets import (
    StatusChangeExportResource,
    StatusImportResource,
    record,
    template_csv,
    template_rows,
    template_xlsx,
)
from alignment.dates import parse_partial
from alignment.models import Requirement, ReviewState, StatusChange
from alignment.services import approve_change, return_change
from common.admin_guards import GuardedModelAdmin
from countries.models import Country
from countries.scope import REVIEW_PERMISSION, countries_for, require_country


class RecordStatusForm(forms.ModelForm):
    """What an editor fills in; the service writes it (StatusChangeAdmin.save_model)."""

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

    def clean_effective_on(self):
        try:
            day, self.instance.precision = parse_partial(self.cleaned_data["effective_on"])
        except ValueError as error:
            raise ValidationError(
                _("“%(value)s” is not a date; use YYYY-MM-DD, YYYY-MM or YYYY.")
                % {"value": self.cleaned_data["effective_on"]}
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
                raise ValidationError(
                    format_html(
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
                    ),
                    code="stale",
                )
        return cleaned

    def _refresh_opened_at(self) -> None:
        """The user has now been told: their next save counts from here."""
        self.data = self.data.copy()
        self.data[self.add_prefix("opened_at")] = timezone.now().isoformat()


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it sent back?"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("The editor sees this and records a corrected status."),
    )


@admin.register(StatusChange)
class StatusChangeAdmin(StatusHistoryMixin, ImportMixin, ExportActionMixin, GuardedModelAdmin):
    form = RecordStatusForm
    list_display = [
        "country",
        "requirement",
        "status",
        "effective",
        "review_state",
        "recorded_by",
        "recorded_at",
    ]
    list_filter = ["review_state", "status", *PAIR_FILTERS]
    search_fields = [*PAIR_SEARCH_FIELDS, "evidence", "source__title"]
    date_hierarchy = "effective_on"
    show_full_result_count = False  # one COUNT(*) of a big table per page is enough
    autocomplete_fields = ["requirement", "source"]
    actions = ["approve_selected", "return_selected"]
    add_fieldsets = [
        (None, {"fields": ["country", "requirement", "status", "effective_on", "opened_at"]}),
        (gettext_lazy("Evidence"), {"fields": ["evidence", "source"]}),
    ]
    view_fieldsets = [
        (None, {"fields": ["country", "requirement", "status", "effective"]}),
        (gettext_lazy("Evidence"), {"fields": ["evidence", "source"]}),
        (
            gettext_lazy("Record and review"),
            {
                "fields": [
                    "recorded_by",
                    "recorded_at",
                    "review_state",
                    "reviewed_by",
                    "reviewed_at",
                    "review_note",
                    "uid",
                ]
            },
        ),
    ]
    change_form_template = "admin/alignment/statuschange/change_form.html"
    import_export_change_list_template = "admin/alignment/statuschange/change_list.html"
    import_template_name = "admin/alignment/statuschange/import.html"
    show_change_form_export = False
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    # Shared by every process (Redis when REDIS_URL is set), unlike a temporary file.
    tmp_storage_class = CacheStorage
    history_shows_country = False
    history_shows_requirement = False

    @admin.display(description=gettext_lazy("effective"), ordering="effective_on")
    def effective(self, change: StatusChange) -> str:
        return change.effective_display

    def get_queryset(self, request: HttpRequest):
        return status_changes_for(request.user)

    def get_fieldsets(self, request: HttpRequest, obj=None):
        return self.view_fieldsets if obj else self.add_fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return ["effective"] if obj else []

    def history_filter(self, obj: StatusChange) -> dict:
        """The page of one change shows its pair's history: what it changes from."""
        return {"country_id": obj.country_id, "requirement_id": obj.requirement_id}

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_review_permission": self.has_review_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # Nobody changes or deletes a StatusChange; recording needs a country to record for.

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        if not super().has_add_permission(request):
            return False
        # Asked by every admin page (the side bar's add links) and often twice: once a request.
        if not hasattr(request, "records_for_a_country"):
            request.records_for_a_country = countries_for(request.user).exists()
        return request.records_for_a_country

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(REVIEW_PERMISSION)

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request)

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    # Recording.

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
        if request.method == "POST":
            refuse_out_of_scope(request)
        extra_context = {"title": _("Record a status"), **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: StatusChange, form, change: bool) -> None:
        record(obj, recorded_by=request.user)

    def response_add(self, request: HttpRequest, obj: StatusChange, post_url_continue=None):
        messages.info(request, _("It is proposed: a reviewer approves it before it is public."))
        return super().response_add(request, obj, post_url_continue)

    # Reviewing.

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/approve/", view(self.approve_view), name=f"{name}_approve"),
            path("<path:object_id>/return/", view(self.return_view), name=f"{name}_return"),
            path("template/", view(self.template_view), name=f"{name}_template"),
            *super().get_urls(),
        ]

    def _reviewable(self, request: HttpRequest, object_id: str) -> StatusChange:
        if not self.has_review_permission(request):
            raise PermissionDenied(_("Only reviewers approve or return status changes."))
        return self.get_object(request, unquote(object_id))

    def _change_url(self, change: StatusChange) -> str:
        return reverse("admin:alignment_statuschange_change", args=[change.pk])

    @method_decorator(require_POST)
    def approve_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        change = self._reviewable(request, object_id)
        try:
            approve_change(change=change, reviewer=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Approved: %(change)s is public.") % {"change": change})
        return HttpResponseRedirect(self._change_url(change))

    def return_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        change = self._reviewable(request, object_id)
        if change.review_state != ReviewState.PROPOSED:
            messages.error(
                request,
                _("This change was already %(state)s.")
                % {"state": change.get_review_state_display().lower()},
            )
            return HttpResponseRedirect(self._change_url(change))
        form = ReturnForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                return_change(
                    change=change, reviewer=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Returned to its editor: %(change)s.") % {"change": change}
                )
            return HttpResponseRedirect(self._change_url(change))
        return self._return_page(request, [change], form, status=400 if form.errors else 200)

    def _return_page(self, request, changes, form, *, status=200, action=None) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return to the editor"),
            "opts": self.opts,
            "changes": changes,
            "form": form,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/alignment/statuschange/return.html", context, status=status
        )

    @admin.action(permissions=["review"], description=gettext_lazy("Approve selected"))
    def approve_selected(self, request: HttpRequest, queryset) -> None:
        changes = list(queryset)
        if not self._all_proposed(request, changes):
            return
        try:
            with transaction.atomic():
                for change in changes:
                    approve_change(change=change, reviewer=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages) + " " + _("Nothing was approved."))
            return
        messages.success(request, _("Approved %(n)d status changes.") % {"n": len(changes)})

    @admin.action(
        permissions=["review"], description=gettext_lazy("Return selected, with a reason")
    )
    def return_selected(self, request: HttpRequest, queryset):
        changes = list(queryset)
        if not self._all_proposed(request, changes):
            return None
        form = ReturnForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            return self._return_page(
                request, changes, form, status=400 if form.errors else 200, action="return_selected"
            )
        try:
            with transaction.atomic():
                for change in changes:
                    return_change(
                        change=change, reviewer=request.user, reason=form.cleaned_data["reason"]
                    )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages) + " " + _("Nothing was returned."))
            return None
        messages.success(request, _("Returned %(n)d status changes.") % {"n": len(changes)})
        return None

    def _all_proposed(self, request: HttpRequest, changes: list[StatusChange]) -> bool:
        settled = [c for c in changes if c.review_state != ReviewState.PROPOSED]
        if settled:
            messages.error(
                request,
                _(
                    "Nothing was done: %(n)d of the selected changes are no longer proposed "
                    "(someone has reviewed them meanwhile): %(which)s."
                )
                % {"n": len(settled), "which": "; ".join(str(c) for c in settled[:10])},
            )
        return not settled

    # Spreadsheets.

    def get_import_resource_classes(self, request: HttpRequest):
        return [StatusImportResource]

    def get_export_resource_classes(self, request: HttpRequest):
        return [StatusChangeExportResource]

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs) -> dict:
        return {"user": request.user}

    def get_valid_export_item_pks(self, request: HttpRequest):
        return self.get_queryset(request).values_list("pk", flat=True)

    def process_dataset(self, dataset, form, request, **kwargs):
        # Django-import-export commits the good rows of a confirmed file by default; here a
        # row that turned bad since the preview rolls back the whole file.
        kwargs["rollback_on_validation_errors"] = True
        return super().process_dataset(dataset, form, request, **kwargs)

    def process_result(self, result, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, _("Nothing was written: the file has rows that are not valid."))
            context = {
                **self.admin_site.each_context(request),
                "title": _("Import"),
                "opts": self.opts,
                "form": self.create_import_form(request),
                "result": result,
                "import_error_display": self.import_error_display,
            }
            return TemplateResponse(request, [self.import_template_name], context, status=400)
        return super().process_result(result, request)

    def add_success_message(self, result, request: HttpRequest) -> None:
        messages.success(
            request,
            _("Import finished: %(new)d statuses proposed for review, %(same)d rows unchanged.")
            % {
                "new": result.totals[RowResult.IMPORT_TYPE_NEW],
                "same": result.totals[RowResult.IMPORT_TYPE_SKIP],
            },
        )

    def template_view(self, request: HttpRequest) -> HttpResponse:
        """The fill-in template of one country, or the list of countries to pick from."""
        if not self.has_add_permission(request):
            raise PermissionDenied(_("You do not record statuses."))
        code = request.GET.get("country", "").strip().upper()
        if not code:
            context = {
                **self.admin_site.each_context(request),
                "title": _("Download a template"),
                "opts": self.opts,
                "countries": countries_for(request.user).order_by("code"),
            }
            return TemplateResponse(request, "admin/alignment/statuschange/template.html", context)
        country = get_object_or_404(Country, code=code)
        require_country(request.user, country)
        kind = request.GET.get("format", "xlsx")
        writers = {"xlsx": (template_xlsx, XLSX), "csv": (template_csv, CSV)}
        if kind not in writers:
            raise BadRequest(_("format: “%(value)s” is not xlsx or csv.") % {"value": kind})
        write, file_format = writers[kind]
        response = HttpResponse(
            write(template_rows(country, request.user)),
            content_type=file_format().get_content_type(),
        )
        day = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="statuses-{country.code}-{day}.{kind}"'
        )
        return response


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
