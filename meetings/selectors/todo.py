"""The to-do lists on the home page: what the secretary must do next for each meeting, and what a member
is waiting on (upcoming meetings, open written resolutions, convening requests to sign)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.permissions import Roles
from meetings.models import (
    Attendance,
    ConveningRequest,
    ConveningSignature,
    Meeting,
    Minutes,
    WrittenAnswer,
    WrittenResolution,
)

LIMIT = 10


@dataclass(frozen=True)
class Todo:
    text: str
    url: str
    when: dt.datetime | None = None


def secretary_todo(roles: Roles, *, now: dt.datetime | None = None) -> list[Todo]:
    """Per meeting of the bodies the user keeps, the next step: notice due (planned), attendance to record
    (notice sent, started), minutes to write (held, none yet), approval pending (draft minutes). Two
    queries."""
    if not roles.secretary_body_ids:
        return []
    now = now or timezone.now()
    meetings = (
        Meeting.objects.filter(bodies__in=roles.secretary_body_ids)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.MINUTES_APPROVED])
        .annotate(
            has_attendance=Exists(Attendance.objects.filter(meeting=OuterRef("pk"))),
            has_minutes=Exists(Minutes.objects.filter(meeting=OuterRef("pk"))),
            draft_minutes=Exists(Minutes.objects.filter(meeting=OuterRef("pk"), status=Minutes.Status.DRAFT)),
        )
        .distinct()
        .order_by("starts_at")
    )
    out = []
    for m in meetings:
        step = _next_step(m, now)
        if step is not None:
            text, url = step
            out.append(Todo(f"{m.title} · {text}", url, m.starts_at))
        if len(out) >= LIMIT:
            break
    return out


def _next_step(m: Meeting, now: dt.datetime) -> tuple[str, str] | None:
    if m.status == Meeting.Status.PLANNED and m.starts_at >= now:
        return _("소집 통지를 보내세요"), m.get_absolute_url()
    if m.status == Meeting.Status.NOTICE_SENT and m.starts_at <= now and not m.has_attendance:
        return _("출석을 기록하세요"), reverse("meetings:attendance", args=[m.pk])
    if m.status == Meeting.Status.HELD and not m.has_minutes:
        return _("회의록을 작성하세요"), reverse("meetings:minutes_edit", args=[m.pk])
    if m.status == Meeting.Status.HELD and m.draft_minutes:
        return _("회의록 승인 대기"), reverse("meetings:minutes", args=[m.pk])
    return None


def member_todo(roles: Roles, *, now: dt.datetime | None = None) -> list[Todo]:
    """Upcoming noticed meetings of the member's bodies, written resolutions still open and unanswered by
    the member, convening requests not yet satisfied that the member has not signed. Three queries."""
    if roles.person_id is None or not roles.member_body_ids:
        return []
    now = now or timezone.now()
    out = [
        Todo(_("다가오는 회의: %(t)s") % {"t": m.title}, m.get_absolute_url(), m.starts_at)
        for m in Meeting.objects.filter(
            bodies__in=roles.member_body_ids, status=Meeting.Status.NOTICE_SENT, starts_at__gte=now
        )
        .distinct()
        .order_by("starts_at")[:LIMIT]
    ]
    answered = WrittenAnswer.objects.filter(resolution=OuterRef("pk"), membership__person_id=roles.person_id)
    out += [
        Todo(
            _("서면의결 응답: %(t)s") % {"t": r.item.title},
            reverse("meetings:written_answer", args=[r.pk]),
            r.deadline,
        )
        for r in WrittenResolution.objects.filter(
            item__meeting__bodies__in=roles.member_body_ids, counted_at__isnull=True, deadline__gt=now
        )
        .exclude(Exists(answered))
        .select_related("item")
        .distinct()
        .order_by("deadline")[:LIMIT]
    ]
    signed = ConveningSignature.objects.filter(request=OuterRef("pk"), membership__person_id=roles.person_id)
    out += [
        Todo(_("소집 요구 서명: %(b)s") % {"b": c.body.name}, reverse("meetings:convening"), None)
        for c in ConveningRequest.objects.filter(body__in=roles.member_body_ids, satisfied_at__isnull=True)
        .exclude(Exists(signed))
        .select_related("body")
        .order_by("-created_at")[:LIMIT]
    ]
    return out
