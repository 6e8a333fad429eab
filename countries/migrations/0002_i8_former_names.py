import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("countries", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="FormerName",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "until",
                    models.DateField(
                        help_text="The last day this name was the country's name.",
                        verbose_name="used until",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="Where the change is recorded.", verbose_name="note"
                    ),
                ),
                (
                    "country",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="former_names",
                        to="countries.country",
                        verbose_name="country",
                    ),
                ),
            ],
            options={
                "verbose_name": "former name",
                "verbose_name_plural": "former names",
                "ordering": ["country__code", "until"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("country", "until"), name="formername_one_per_day"
                    )
                ],
            },
        ),
    ]
