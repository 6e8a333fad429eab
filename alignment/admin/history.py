"""The status history shown on the admin pages of an assessment, a country, a requirement.

Every StatusChange of the object, newest first, in pages: who recorded what and when,
from which status to which, its review and its source. "From" is the approved status in
force just before the change (by DESIGN.md's as-of order), whatever the change's own
review state; a pair's first change comes from "no data".
"""

import bisect
from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from alignment.admin.scope import status_changes_for
from alignment.models import Status, StatusChange, as_of_key

PAGE_SIZE = 50
PAGE_PARAM = "history_page"


@dataclass
class HistoryEntry:
    change: StatusChange
    previous_status: str | None  # None: no data before it

    @property
    def previous_display(self) -> str:
        return Status(self.previous_status).label if self.previous_status else ""


def with_previous(changes: list[StatusChange]) -> list[HistoryEntry]:
    """Pair each change with the approved status in force just before it, in one query."""
    pairs = {(c.country_id, c.requirement_id) for c in changes}
    approved = defaultdict(list)
    rows = (
        StatusChange.objects.approved()
        .filter(
            country_id__in={country for country, _ in pairs},
            requirement_id__in={requirement for _, requirement in pairs},
        )
        .oldest_first()
        .only("country_id", "requirement_id", "effective_on", "recorded_at", "status")
    )
    for row in rows:
        if (row.country_id, row.requirement_id) in pairs:
            approved[(row.country_id, row.requirement_id)].append(row)
    keys = {pair: [as_of_key(row) for row in found] for pair, found in approved.items()}
    entries = []
    for change in changes:
        pair = (change.country_id, change.requirement_id)
        before = bisect.bisect_left(keys.get(pair, []), as_of_key(change))
        entries.append(HistoryEntry(change, approved[pair][before - 1].status if before else None))
    return entries


def history_page(changes: QuerySet[StatusChange], number: str | None) -> Page:
    page = Paginator(changes.newest_first(), PAGE_SIZE).get_page(number)
    page.object_list = with_previous(list(page.object_list))
    return page


class StatusHistoryMixin:
    """Adds `status_history` (a page of HistoryEntry) to an object's change page.

    Subclasses say which changes belong to the object; the user's scope is applied here.
    """

    history_shows_country = True
    history_shows_requirement = True

    def history_filter(self, obj) -> dict:
        raise NotImplementedError

    def render_change_form(
        self, request: HttpRequest, context, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None:
            changes = status_changes_for(request.user).filter(**self.history_filter(obj))
            context["status_history"] = history_page(changes, request.GET.get(PAGE_PARAM))
            context["history_page_param"] = PAGE_PARAM
            context["history_shows_country"] = self.history_shows_country
            context["history_shows_requirement"] = self.history_shows_requirement
        return super().render_change_form(request, context, add, change, form_url, obj)
