"""Reads for attendance allowances: the lines a payment list would hold, a meeting's list, annual totals.

The attendance comes from the frozen record (`Minutes.record`) once the minutes are locked, otherwise from
the live attendance rows: the list pays what the minutes say happened."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Sum

from committees.models import Membership, SeatGroup
from meetings.models import (
    AllowanceRule,
    Attendance,
    Meeting,
    Minutes,
    PaymentLine,
    PaymentList,
    WrittenAnswer,
)
from meetings.rules import allowances as rule
from meetings.selectors.meetings import enrolled_memberships

SOURCE_RECORD = "record"
SOURCE_LIVE = "live"

# The meeting states after which it has been held (compared by value: the lifecycle may add states)
HELD_STATES = frozenset({"held", "minutes_draft", "minutes_approved", "minutes_locked"})


@dataclass(frozen=True)
class Presence:
    membership_id: int
    name: str
    affiliation: str
    body_name: str
    present: bool


def _presences(meeting: Meeting) -> tuple[str, list[Presence]]:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.status == Minutes.Status.LOCKED and minutes.record:
        return SOURCE_RECORD, [
            Presence(
                membership_id=r["membership_id"],
                name=r["name"],
                affiliation=r["affiliation"],
                body_name=r["body"],
                present=r["status"] == Attendance.Status.PRESENT,
            )
            for r in minutes.record["roster"]
        ]
    status = dict(meeting.attendances.values_list("membership_id", "status"))
    return SOURCE_LIVE, [
        Presence(
            membership_id=m.pk,
            name=m.person.name,
            affiliation=" ".join(p for p in (m.person.affiliation, m.person.title) if p),
            body_name=m.body.name,
            present=status.get(m.pk) == Attendance.Status.PRESENT,
        )
        for m in enrolled_memberships(meeting)
    ]


def _written_answers(meeting: Meeting) -> dict[int, int]:
    """Answers per membership to the meeting's counted written resolutions."""
    counts: dict[int, int] = defaultdict(int)
    answers = WrittenAnswer.objects.filter(
        resolution__item__meeting=meeting, resolution__counted_at__isnull=False
    ).values_list("membership_id", flat=True)
    for membership_id in answers:
        counts[membership_id] += 1
    return counts


def payment_lines_compute(meeting: Meeting, *, paid_on: dt.date) -> tuple[str, list[dict]]:
    """The source of the attendance and one dict per enrolled member (PaymentLine fields): the amount
    from the body's AllowanceRule, the withholding from meetings.rules.allowances (the table
    in force on `paid_on`), or the reason nothing
    is paid. Members of a body without a rule are left out (the body pays no allowance)."""
    source, presences = _presences(meeting)
    memberships = {
        m.pk: m
        for m in Membership.objects.filter(pk__in=[p.membership_id for p in presences]).select_related(
            "seat__group", "body"
        )
    }
    body_ids = {m.body_id for m in memberships.values()}
    rules_by_body = {
        r.body_id: r for r in AllowanceRule.objects.filter(body_id__in=body_ids).prefetch_related("bands")
    }
    answers = _written_answers(meeting)
    minutes_long = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    table = rule.table_for(paid_on)
    lines = []
    for p in presences:
        membership = memberships.get(p.membership_id)
        allowance = rules_by_body.get(membership.body_id) if membership else None
        if allowance is None:
            continue
        answered = answers.get(p.membership_id, 0)
        excluded = ""
        if allowance.exclude_ex_officio and membership.seat.group.kind == SeatGroup.Kind.EX_OFFICIO:
            excluded = rule.EXCLUDED_EX_OFFICIO
        elif not p.present and not answered:
            excluded = rule.NOT_ATTENDED
        amount, basis = 0, []
        if not excluded:
            if p.present:
                bands = [(b.min_minutes, b.amount) for b in allowance.bands.all()]
                amount += rule.allowance_amount(
                    base=allowance.per_attendance, bands=bands, minutes=minutes_long
                )
                basis.append(f"참석 {minutes_long}분")
            if answered:
                amount += answered * allowance.per_written_answer
                basis.append(f"서면의결 응답 {answered}건")
        w = rule.withholding(amount, table)
        lines.append(
            {
                "membership_id": p.membership_id,
                "order": len(lines) + 1,
                "name": p.name,
                "affiliation": p.affiliation,
                "body_name": p.body_name,
                "basis": ", ".join(basis),
                "amount": amount,
                "income_tax": w.income_tax,
                "local_tax": w.local_tax,
                "excluded_reason": rule.exclusion_label(excluded) if excluded else "",
            }
        )
    return source, lines


def payment_list_of(meeting: Meeting) -> PaymentList | None:
    return (
        PaymentList.objects.filter(meeting=meeting)
        .select_related("confirmed_by")
        .prefetch_related(Prefetch("lines", queryset=PaymentLine.objects.order_by("order")))
        .first()
    )


def payment_totals(lines) -> dict[str, int]:
    lines = list(lines)
    return {
        "amount": sum(line.amount for line in lines),
        "income_tax": sum(line.income_tax for line in lines),
        "local_tax": sum(line.local_tax for line in lines),
        "tax": sum(line.tax for line in lines),
        "net": sum(line.net for line in lines),
        "paid": sum(1 for line in lines if line.amount),
    }


def annual_totals(year: int) -> list[dict]:
    """Per person, the confirmed allowances paid in `year` (지급명세서): payments, amount, taxes."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = (
        PaymentLine.objects.filter(
            payment_list__status=PaymentList.Status.CONFIRMED,
            payment_list__paid_on__range=(start, end),
            amount__gt=0,
        )
        .values("membership__person_id", "membership__person__name")
        .annotate(amount=Sum("amount"), income_tax=Sum("income_tax"), local_tax=Sum("local_tax"))
        .order_by("membership__person__name", "membership__person_id")
    )
    counts: dict[int, int] = defaultdict(int)
    for person_id in PaymentLine.objects.filter(
        payment_list__status=PaymentList.Status.CONFIRMED,
        payment_list__paid_on__range=(start, end),
        amount__gt=0,
    ).values_list("membership__person_id", flat=True):
        counts[person_id] += 1
    return [
        {
            "name": r["membership__person__name"],
            "payments": counts[r["membership__person_id"]],
            "amount": r["amount"],
            "income_tax": r["income_tax"],
            "local_tax": r["local_tax"],
            "net": r["amount"] - r["income_tax"] - r["local_tax"],
        }
        for r in rows
    ]
