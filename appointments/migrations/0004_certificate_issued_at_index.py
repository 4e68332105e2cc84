from django.db import migrations, models


class Migration(migrations.Migration):
    """The register CSV's version (selectors.register_version) reads the newest record time from an
    index rather than from every certificate."""

    dependencies = [("appointments", "0003_certificate_number_search_index")]

    operations = [
        migrations.AddIndex(
            model_name="certificate",
            index=models.Index(fields=["issued_at"], name="certificate_issued_at"),
        ),
    ]
