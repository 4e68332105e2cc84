from django.db import migrations

from seongdong_gov.dbconstraints import no_overlap


class Migration(migrations.Migration):
    """Periods that must never overlap, enforced by the database (exclusion constraints on PostgreSQL,
    triggers on SQLite): one holder per post, one member per seat, one seat per person per body."""

    dependencies = [("committees", "0001_initial")]

    operations = [
        no_overlap(table="committees_postholding", name="holding_no_overlap_per_post", group=["post_id"]),
        no_overlap(table="committees_membership", name="membership_no_overlap_per_seat", group=["seat_id"]),
        no_overlap(
            table="committees_membership", name="membership_no_overlap_per_body_person", group=["body_id", "person_id"]
        ),
    ]
