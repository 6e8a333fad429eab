"""The Country editor and Reviewer groups (alignment.roles), created on migrate.

Permissions are normally created after migrate (post_migrate); they are created here
first so that the groups can be given them on a fresh database.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from alignment.roles import ensure_roles

    for label in ["contenttypes", "auth", "countries", "alignment", "workshops"]:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    ensure_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("alignment", "0002_statuschange_review_permission"),
        ("workshops", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
