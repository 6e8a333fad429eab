"""Give the Country editor and Reviewer groups the indicators' permissions (alignment.roles)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def update_roles(apps, schema_editor):
    from alignment.roles import ensure_roles

    create_permissions(global_apps.get_app_config("indicators"), apps=apps, verbosity=0)
    ensure_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_i15_indicators"),
        ("alignment", "0003_roles"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
