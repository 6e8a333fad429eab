"""The admin site: a password, then an authenticator's code for staff who have one.

A staff user with a confirmed device (django-otp: TOTP, or single-use backup codes) gives
its code at login, or is not logged in. With settings.OTP_REQUIRED every staff user must
have a device: a superuser adds one under *TOTP devices* (its QR code is shown there), and
`manage.py addstatictoken NAME` gives a backup code to someone without their authenticator.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


def has_device(user) -> bool:
    """A confirmed TOTP device or backup codes, in one query."""
    totp = TOTPDevice.objects.devices_for_user(user).values("pk")
    static = StaticDevice.objects.devices_for_user(user).values("pk")
    return totp.union(static).exists()


def two_factor_done(user) -> bool:
    """Verified by a device, unless none is required.

    Whoever has a device gave its code at login (StaffLoginForm), the only way into a
    session here, so with OTP_REQUIRED off nothing more is asked on every page.
    """
    return user.is_verified() or not settings.OTP_REQUIRED


class StaffLoginForm(OTPAdminAuthenticationForm):
    otp_token = forms.CharField(
        required=False,
        label=_("Authenticator code"),
        help_text=_("The six digits your authenticator app shows; leave empty if you have none."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Give the code your authenticator app shows."),
        "invalid_token": _("That code is wrong or has expired; give the current one."),
    }

    def clean(self) -> dict:
        cleaned = super(OTPAdminAuthenticationForm, self).clean()  # the password
        user = self.get_user()
        if user is None:
            return cleaned
        if has_device(user):
            self.clean_otp(user)
        elif settings.OTP_REQUIRED:
            raise ValidationError(
                _(
                    "Two-factor login is required here and you have no authenticator yet: "
                    "ask an administrator to add one for you."
                ),
                code="device_missing",
            )
        return cleaned

    def _chosen_device(self, user):
        """The device picked, or the user's only one, so that one field is enough."""
        chosen = super()._chosen_device(user)
        if chosen is None:
            devices = list(devices_for_user(user, for_verify=True))
            if len(devices) == 1:
                chosen = devices[0]
        return chosen


class StaffAdminSite(admin.AdminSite):
    login_form = StaffLoginForm
    login_template = "admin/login_two_factor.html"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and two_factor_done(request.user)
