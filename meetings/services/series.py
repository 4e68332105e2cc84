"""Meeting series (회의 일정 계획): save a series and generate its occurrences."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committees.models import Body
from committees.workdays import WorkingCalendar, load_calendar
from meetings import schedule
from meetings.models import Meeting, MeetingSeries, SeriesHost
from meetings.services.meeting import new_uid
from seongdong_gov.audit import audit_record, snapshot

SEOUL = ZoneInfo("Asia/Seoul")


def series_generate(
    *, actor, series: MeetingSeries, until: dt.date, calendar: WorkingCalendar | None = None
) -> list[Meeting]:
    """Create the series' meetings up to `until` on the working-day calendar; idempotent (one meeting
    per series and nominal date), so a moved or cancelled occurrence stays as edited.
    Side effects: Meetings, one AuditEntry for the series."""
    calendar = calendar or load_calendar()
    hosts = [h.body for h in series.hosts.select_related("body").order_by("order")]
    bodies = list(series.bodies.all())
    end = min(until, series.end_date) if series.end_date else until
    occ = schedule.occurrences(
        series.recurrence,
        series.start_date,
        end,
        calendar,
        series.non_working_policy,
        day_of_month=series.day_of_month,
    )
    created = []
    with transaction.atomic():
        # Lock the series so two generate requests at once cannot both create the same occurrence.
        MeetingSeries.objects.select_for_update().get(pk=series.pk)
        existing = set(series.meetings.values_list("original_date", flat=True))
        for o in occ:
            if o.nominal in existing:
                continue
            starts = dt.datetime.combine(o.date, series.start_time, tzinfo=SEOUL)
            m = Meeting.objects.create(
                title=series.name,
                series=series,
                kind=series.kind,
                purpose=series.purpose,
                place=series.place,
                starts_at=starts,
                ends_at=starts + dt.timedelta(minutes=series.duration_minutes),
                original_date=o.nominal,
                moved_reason=o.reason if (o.moved or o.flagged) else "",
                date_flagged=o.flagged,
                host_body=schedule.host_for(o.index, hosts),
                uid=new_uid(),
            )
            m.bodies.set(bodies)
            created.append(m)
        audit_record(
            actor=actor, action="series_generate", obj=series, note=f"{len(created)} {until.isoformat()}"
        )
    return created


def series_save(*, actor, series: MeetingSeries, bodies, hosts: list[Body]) -> MeetingSeries:
    """Create or change a series with its bodies and its host rotation (`hosts` in order; each must be
    one of `bodies`). Meetings already generated keep their own dates, places and hosts: each is an
    occurrence that may have been moved or cancelled on its own. Side effects: one AuditEntry."""
    body_ids = {b.pk for b in bodies}
    if not body_ids:
        raise ValidationError({"bodies": _("참여 기구를 하나 이상 고르세요.")})
    strays = [h.name for h in hosts if h.pk not in body_ids]
    if strays:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _("주관 기구는 참여 기구 중에서 골라야 합니다: %(b)s")
                % {"b": ", ".join(strays)}
            }
        )
    with transaction.atomic():
        creating = series.pk is None
        before = None
        if not creating:
            old = MeetingSeries.objects.select_for_update().get(pk=series.pk)
            before = {
                **snapshot(old),
                "bodies": sorted(old.bodies.values_list("name", flat=True)),
                "hosts": [h.body.name for h in old.hosts.select_related("body").order_by("order")],
            }
        series.full_clean()
        series.save()
        series.bodies.set(bodies)
        series.hosts.all().delete()
        SeriesHost.objects.bulk_create(
            [SeriesHost(series=series, body=body, order=i) for i, body in enumerate(hosts, start=1)]
        )
        after = {
            **snapshot(series),
            "bodies": sorted(b.name for b in bodies),
            "hosts": [h.name for h in hosts],
        }
        audit_record(
            actor=actor, action="create" if creating else "update", obj=series, before=before, after=after
        )
    return series
