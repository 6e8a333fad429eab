"""E-mails to staff follow the account's language (notifications.language): a language
chosen here for e-mails moves onto the account, unless the account has one already."""

from django.db import migrations


def move_to_accounts(apps, schema_editor):
    NotificationPreferences = apps.get_model("notifications", "Preferences")
    AccountPreferences = apps.get_model("accounts", "Preferences")
    for user_id, language in NotificationPreferences.objects.exclude(language="en").values_list(
        "user_id", "language"
    ):
        account, _created = AccountPreferences.objects.get_or_create(user_id=user_id)
        if not account.language:
            account.language = language
            account.save(update_fields=["language"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_to_accounts, migrations.RunPython.noop),
        migrations.RemoveField(model_name="preferences", name="language"),
    ]
