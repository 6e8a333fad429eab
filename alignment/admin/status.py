"""The status changes in the admin: what the list and a change's page show.

An editor records a status through the add form (recording) or a spreadsheet
(spreadsheet_admin); either way alignment.services.record_status writes it, proposed,
attributed to them. A reviewer approves or returns it (review). A StatusChange is never
changed or deleted from the admin, not even by a superuser: a correction is a new row.
"""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alignment.admin.filters import PAIR_FILTERS, PAIR_SEARCH_FIELDS
from alignment.admin.history import StatusHistoryMixin
from alignment.admin.recording import RecordingMixin
from alignment.admin.review import ReviewMixin
from alignment.admin.scope import status_changes_for
from alignment.admin.spreadsheet_admin import SpreadsheetMixin
from alignment.models import StatusChange
from common.admin_guards import GuardedModelAdmin


@admin.register(StatusChange)
class StatusChangeAdmin(
    StatusHistoryMixin, RecordingMixin, ReviewMixin, SpreadsheetMixin, GuardedModelAdmin
):
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
    add_fieldsets = [
        (None, {"fields": ["country", "requirement", "status", "effective_on", "opened_at"]}),
        (_("Evidence"), {"fields": ["evidence", "source", "explained_out_of_order"]}),
    ]
    view_fieldsets = [
        (None, {"fields": ["country", "requirement", "status", "effective"]}),
        (_("Evidence"), {"fields": ["evidence", "source"]}),
        (
            _("Record and review"),
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
    history_shows_country = False
    history_shows_requirement = False

    @admin.display(description=_("effective"), ordering="effective_on")
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

    # Nobody changes or deletes a StatusChange: a correction is a new row.

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
