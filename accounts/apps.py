from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from accounts.language import remember_on_login

        user_logged_in.connect(remember_on_login, dispatch_uid="accounts.remember_on_login")
