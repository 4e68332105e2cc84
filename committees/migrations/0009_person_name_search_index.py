from django.db import migrations

from seongdong_gov.dbindexes import trigram_index


class Migration(migrations.Migration):
    """Searches by a person's name (`name__icontains`, e.g. the certificate register's) read a trigram
    index on PostgreSQL."""

    dependencies = [("committees", "0008_body_video_attendance_and_disqualification")]

    operations = [
        trigram_index(table="committees_person", column="name", name="person_name_trgm"),
    ]
