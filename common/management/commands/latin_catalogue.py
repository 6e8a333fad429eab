"""latin_catalogue: write locale/sr_Latn from locale/sr by transliteration (make messages)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from common.catalogues import latin_catalogue


class Command(BaseCommand):
    help = "Generate the Serbian Latin catalogue from the Cyrillic one."

    def handle(self, *args, **options):
        locale = Path(settings.LOCALE_PATHS[0])
        for domain in ("django", "djangojs"):
            source = locale / "sr" / "LC_MESSAGES" / f"{domain}.po"
            if not source.exists():
                continue
            target = locale / "sr_Latn" / "LC_MESSAGES" / f"{domain}.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            latin_catalogue(polib.pofile(str(source))).save(str(target))
            self.stdout.write(_("Wrote %(path)s") % {"path": target})
