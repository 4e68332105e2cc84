from django.db import migrations

from seongdong_gov.dbindexes import trigram_index


class Migration(migrations.Migration):
    """The register's search by number (`number__icontains`) reads a trigram index on PostgreSQL."""

    dependencies = [("appointments", "0002_date_ranges_and_text_lengths")]

    operations = [
        trigram_index(table="appointments_certificate", column="number", name="certificate_number_trgm"),
    ]
