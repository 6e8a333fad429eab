"""The Translator group (alignment.roles): members edit the catalogues in the browser."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from alignment.roles import ensure_roles

    create_permissions(global_apps.get_app_config("accounts"), apps=apps, verbosity=0)
    ensure_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("alignment", "0007_plain_text_i8_fields"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
