"""Admin: the outbox for administrators, and each staff user's own e-mail preferences.

Subscriptions have no admin page: subscribers' addresses are shown nowhere. In the
outbox, the address of a message to a subscriber is masked.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications import outbox
from notifications.language import staff_language
from notifications.models import EmailKind, OutgoingEmail, Preferences

PUBLIC_KINDS = {EmailKind.CONFIRM, EmailKind.CHANGE, EmailKind.SUMMARY}


def masked(address: str) -> str:
    local, _at, domain = address.partition("@")
    return f"{local[:1]}…@{domain}"


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "recipient", "subject", "state", "attempts", "sent_at"]
    list_filter = ["state", "kind"]
    search_fields = ["subject", "message_id"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    exclude = ["to", "body", "headers"]
    readonly_fields = [
        "kind",
        "recipient",
        "subject",
        "message_id",
        "state",
        "attempts",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "last_error",
        "created_at",
    ]

    @admin.display(description=_("to"))
    def recipient(self, email: OutgoingEmail) -> str:
        return masked(email.to) if email.kind in PUBLIC_KINDS else email.to

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    @admin.action(permissions=["resend"], description=_("Send failed or uncertain ones again"))
    def send_again(self, request: HttpRequest, queryset) -> None:
        count = outbox.retry(queryset)
        self.message_user(
            request,
            ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


@admin.register(Preferences)
class PreferencesAdmin(admin.ModelAdmin):
    """Each staff user edits their own row, and only theirs; the list opens it."""

    fields = ["editor_digest", "reviewer_digest", "email_language"]
    readonly_fields = ["email_language"]

    @admin.display(description=_("language of the e-mails"))
    def email_language(self, preferences: Preferences) -> str:
        language = dict(settings.LANGUAGES)[staff_language(preferences.user)]
        return _("%(language)s: your account's language, chosen from the language menu") % {
            "language": language
        }

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).filter(user=request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_module_permission(request) and (obj is None or obj.user == request.user)

    has_change_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        own, _created = Preferences.objects.get_or_create(user=request.user)
        return HttpResponseRedirect(
            reverse("admin:notifications_preferences_change", args=[own.pk])
        )
