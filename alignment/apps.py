from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlignmentConfig(AppConfig):
    name = "alignment"
    verbose_name = _("Alignment")

    def ready(self) -> None:
        # i10: writes that move the kept totals and the data version.
        from alignment import dataversion, scoretable

        dataversion.connect()
        scoretable.connect()
