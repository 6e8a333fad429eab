"""The Translator group (alignment.roles): members edit the catalogues in the browser."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from alignment.roles import ensure_roles

    ensure_roles(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [("alignment", "0004_statuschange_waiting_index")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
