"""Reviewing statuses in the admin: approve or return one from its page, or in bulk.

The writes are alignment.services.approve_change and return_change; a change someone
settled meanwhile is refused with a message, and a bulk action does all or nothing.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alignment.models import ReviewState, StatusChange
from alignment.services import approve_change, is_self_approval, return_change
from countries.scope import REVIEW_PERMISSION


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it sent back?"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("The editor sees this and records a corrected status."),
    )


class ReviewMixin:
    """Approve and return, as views on a change's page and as list actions."""

    actions = ["approve_selected", "return_selected"]

    def has_review_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(REVIEW_PERMISSION)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_review_permission": self.has_review_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["recorded_by_you"] = is_self_approval(obj, request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/approve/", view(self.approve_view), name=f"{name}_approve"),
            path("<path:object_id>/return/", view(self.return_view), name=f"{name}_return"),
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
                # Pairs locked in one order by every bulk approval, so two never deadlock.
                for change in sorted(changes, key=lambda c: (c.country_id, c.requirement_id)):
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
