"""Mark the existing 사업성과 회의 (performance review) meetings and series, found as the reports app
found them until now: a series of that name, or a meeting titled so. From now on the purpose field is
the link, and the reports app no longer matches titles."""

from django.conf import settings
from django.db import migrations
from django.db.models import Q


def _name():
    return getattr(settings, "REPORTS_MEETING_SERIES", "사업성과 회의")


def forwards(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    MeetingSeries = apps.get_model("meetings", "MeetingSeries")
    name = _name()
    MeetingSeries.objects.filter(name=name).update(purpose="performance_review")
    Meeting.objects.filter(Q(series__name=name) | Q(title__startswith=name)).update(purpose="performance_review")


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_purpose")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
