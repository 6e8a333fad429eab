from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Shared plumbing")

    # The project's apps whose text fields refuse control characters (common.text). A new
    # app joins here, with a migration of its own that records the validators.
    GUARDED_APPS = ["countries", "alignment", "workshops"]

    def ready(self) -> None:
        from common.text import guard_text_fields

        for label in self.GUARDED_APPS:
            guard_text_fields(apps.get_app_config(label).get_models())
