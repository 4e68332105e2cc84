"""Reads for the public disclosure site (대시민공개, issue 16 §1). Everything here returns plain data
built for anonymous visitors, so a template cannot reach a private field by following a relation:

- composition: ex officio seats by post; appointed members by name and affiliation only where the body's
  `disclosure` allows it; never contact details or dates of birth;
- meetings: not cancelled ones; agenda titles only once published; attachments only when marked public;
- minutes: only locked minutes marked public, from the frozen record, with recusal reasons, named ballots
  and the non-disclosure fields taken out (`public_record`);
- the annual page: meetings held, the average attendance rate, and decisions from public minutes only.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from committees import selectors as committee_selectors
from committees.models import Body
from meetings.models import AgendaItem, Attachment, Attendance, Meeting, Minutes
from meetings.selectors.allowances import HELD_STATES

CANCELLED = "cancelled"


def _public_minutes_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": Minutes.Status.LOCKED, f"{prefix}is_public": True}) & Q(
        **{f"{prefix}record__isnull": False}
    )


def public_bodies() -> QuerySet[Body]:
    """Active bodies with their seat and member counts (one query)."""
    return committee_selectors.bodies_with_counts(timezone.localdate()).order_by("order", "name")


def public_body_list() -> QuerySet[Body]:
    """The index's bodies: name and kind with the counts, nothing else (one query)."""
    return public_bodies().select_related(None).only("pk", "name", "kind")


def public_body_ids(limit: int) -> list[int]:
    """The pks of `public_bodies()`, in its order, at most `limit` (the sitemap)."""
    return list(
        Body.objects.filter(is_active=True).order_by("order", "name").values_list("pk", flat=True)[:limit]
    )


def public_body(pk: int) -> Body:
    body = Body.objects.filter(pk=pk, is_active=True).first()
    if body is None:
        raise Http404
    return body


@dataclass(frozen=True)
class PublicSeat:
    label: str
    kind_label: str
    field: str
    name: str  # empty unless the body discloses appointed members (or the seat is vacant)
    affiliation: str
    filled: bool


def public_composition(body: Body) -> list[PublicSeat]:
    """One line per active seat: ex officio seats by their post; appointed seats with the member's name
    and affiliation only under `Body.Disclosure.NAMES`."""
    names = body.disclosure == Body.Disclosure.NAMES
    out = []
    for group in committee_selectors.body_composition(body, timezone.localdate()):
        for row in group.rows:
            person = row.membership.person if row.membership else None
            show = names and person is not None and not group.group.is_ex_officio
            out.append(
                PublicSeat(
                    label=group.group.post.name if group.group.post else group.group.label,
                    kind_label=group.group.get_kind_display(),
                    field=group.group.field,
                    name=person.name if show else "",
                    affiliation=person.affiliation if show else "",
                    filled=person is not None,
                )
            )
    return out


def _month_meetings(year: int, month: int) -> QuerySet[Meeting]:
    first = dt.datetime(year, month, 1, tzinfo=timezone.get_current_timezone())
    last_day = calendar.monthrange(year, month)[1]
    end = first + dt.timedelta(days=last_day)
    return Meeting.objects.filter(starts_at__gte=first, starts_at__lt=end).exclude(status=CANCELLED)


def public_meetings(year: int, month: int) -> QuerySet[Meeting]:
    """The month's meetings (Seoul dates), cancelled ones left out, with their bodies and whether public
    minutes exist. Lazy: two queries when read (the page reads it only when its cached copy is stale)."""
    return (
        _month_meetings(year, month)
        .prefetch_related("bodies")
        .annotate(public_minutes=Count("minutes", filter=_public_minutes_q("minutes__")))
        .order_by("starts_at")
    )


def public_month_version(year: int, month: int) -> str:
    """What the month's calendar shows, in one aggregate query: it changes when a meeting of the month is
    saved, enters or leaves the month (or is cancelled), or when its minutes are published or withdrawn.
    (A body's new name reaches the cached page when it expires: views.public.CALENDAR_CACHE_SECONDS.)"""
    agg = _month_meetings(year, month).aggregate(
        n=Count("pk"),
        last=Max("updated_at"),
        public=Count("minutes", filter=_public_minutes_q("minutes__")),
    )
    last = agg["last"].isoformat() if agg["last"] else "-"
    return hashlib.sha256(f"{year}-{month}|{agg['n']}|{last}|{agg['public']}".encode()).hexdigest()[:32]


def public_meeting(pk: int) -> Meeting:
    meeting = (
        Meeting.objects.exclude(status=CANCELLED)
        .prefetch_related("bodies")
        .select_related("host_body")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def public_agenda(meeting: Meeting) -> list[AgendaItem]:
    """Agenda titles once the agenda is published; a draft agenda is not shown at all."""
    if not meeting.agenda_published:
        return []
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("order").only("order", "kind", "title"))


def public_attachments(meeting: Meeting) -> list[Attachment]:
    if not meeting.agenda_published:
        return []
    return list(Attachment.objects.filter(meeting=meeting, is_public=True).order_by("original_name"))


def public_attachment(pk: int) -> Attachment:
    attachment = (
        Attachment.objects.filter(pk=pk, is_public=True, meeting__agenda_published=True)
        .exclude(meeting__status=CANCELLED)
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def public_minutes(meeting_pk: int) -> Minutes:
    minutes = (
        Minutes.objects.filter(_public_minutes_q(), meeting_id=meeting_pk)
        .exclude(meeting__status=CANCELLED)
        .select_related("meeting")
        .first()
    )
    if minutes is None:
        raise Http404
    return minutes


def public_minutes_list() -> QuerySet[Minutes]:
    return Minutes.objects.filter(_public_minutes_q()).exclude(meeting__status=CANCELLED)


def public_record(minutes: Minutes) -> dict:
    """The frozen record as the public sees it: names of recused members without their reasons or the
    declarations and challenges behind them, vote
    totals without named ballots, no internal ids, no approver and no non-disclosure fields."""
    record = copy.deepcopy(minutes.record)
    for line in record.get("roster", []):
        line.pop("membership_id", None)
    for item in record.get("items", []):
        item["recusals"] = [{"name": r["name"]} for r in item.get("recusals", [])]
        # 이해충돌 declarations and challenges are for the member, the secretary and staff only
        item.pop("declarations", None)
        item.pop("challenges", None)
        for vote in item.get("votes", []):
            vote["ballots"] = []
    info = record.get("minutes") or {}
    for key in ("nondisclosure_reason", "approved_by"):
        info.pop(key, None)
    return record


@dataclass(frozen=True)
class Decision:
    meeting: str
    date: str
    title: str
    outcome: str
    passed: bool


def body_year(body: Body, year: int) -> dict:
    """The annual page: meetings held, the average attendance rate over the meetings with a recorded
    attendance, and the decisions recorded in the year's public minutes. Four queries."""
    tz = timezone.get_current_timezone()
    start, end = dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)
    held = list(
        Meeting.objects.filter(bodies=body, starts_at__gte=start, starts_at__lt=end, status__in=HELD_STATES)
        .order_by("starts_at")
        .annotate(
            recorded=Count("attendances", filter=Q(attendances__membership__body=body)),
            present=Count(
                "attendances",
                filter=Q(attendances__membership__body=body, attendances__status=Attendance.Status.PRESENT),
            ),
        )
    )
    rates = [m.present / m.recorded for m in held if m.recorded]
    decisions = []
    for minutes in Minutes.objects.filter(
        _public_minutes_q(), meeting__in=[m.pk for m in held]
    ).select_related("meeting"):
        record = minutes.record
        for item in record.get("items", []):
            results = [*item.get("votes", []), *([item["written"]] if item.get("written") else [])]
            for result in results:
                decisions.append(
                    Decision(
                        meeting=record["meeting"]["title"],
                        date=record["meeting"]["date"],
                        title=item["title"],
                        outcome=result["outcome_label"],
                        passed=bool(result["passed"]),
                    )
                )
    return {
        "held": held,
        "held_count": len(held),
        "attendance_rate": round(100 * sum(rates) / len(rates), 1) if rates else None,
        "decisions": decisions,
        "passed": sum(1 for d in decisions if d.passed),
        "rejected": sum(1 for d in decisions if not d.passed),
    }


def body_years(body: Body) -> list[int]:
    """Years in which the body held meetings (for the annual pages and the sitemap)."""
    dates = Meeting.objects.filter(bodies=body, status__in=HELD_STATES).datetimes("starts_at", "year")
    return [d.year for d in dates]
