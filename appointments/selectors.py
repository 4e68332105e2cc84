"""Reads for the register, the batch PDFs and the dashboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.functional import cached_property

from appointments import rules
from appointments.models import Appointment, Certificate, SealImage
from committees.models import Body, Membership, Seat, SeatGroup

# the attendance tally is the meetings app's (its service rebuilds the snapshot when stale); read here
from meetings.services import tally as meeting_services
from seongdong_gov.audit import newest_entry


def register(*, year: int | None = None, body_id: int | None = None, q: str = "") -> QuerySet[Certificate]:
    qs = Certificate.objects.select_related(
        "appointment__membership__person",
        "appointment__membership__body",
        "reissue_of",
    ).order_by("-year", "-sequence")
    if year:
        qs = qs.filter(year=year)
    if body_id:
        qs = qs.filter(appointment__membership__body_id=body_id)
    if q:
        # Two indexed lookups joined by UNION (numbers, and the appointments of the people so named;
        # trigram indexes on PostgreSQL, migrations appointments 0003 and committees 0009) rather than
        # an OR across the joined person, which made PostgreSQL join and scan every certificate.
        by_number = Certificate.objects.filter(number__icontains=q).order_by().values("pk")
        named = Appointment.objects.filter(membership__person__name__icontains=q).order_by().values("pk")
        by_name = Certificate.objects.filter(appointment_id__in=named).order_by().values("pk")
        qs = qs.filter(pk__in=by_number.union(by_name))
    return qs


def register_page_rows(qs: QuerySet[Certificate]) -> QuerySet:
    """The columns of the register's page for `qs` (from `register`), as dicts: `pk`, `number`,
    `issued_on`, `ceremony`, `reissue_of_id`, `reissue_reason`, and `person`, `body`, `start`, `end`,
    `original` (the reissued certificate's number). Not six models a row with every column of a body's
    rules (~4 ms a page of 50)."""
    return qs.values(
        "pk",
        "number",
        "issued_on",
        "ceremony",
        "reissue_of_id",
        "reissue_reason",
        person=F("appointment__membership__person__name"),
        body=F("appointment__membership__body__name"),
        start=F("appointment__membership__start"),
        end=F("appointment__membership__end"),
        original=F("reissue_of__number"),
    )


class RegisterPageRows:
    """The register's rows for the paginator, in two queries: the count and a page's rows (dicts from
    `register_page_rows`). The count reads the certificates alone (the values' joins would make it join
    four tables, ~20 ms at district scale). A search (`by_ids`, for `register(q=…)`) reads the matching
    ids once, in order, and a page its rows by id: paginating the filtered queryset ran the union of
    number and name matches twice, in the count and in the page (~6 ms each)."""

    def __init__(self, qs: QuerySet[Certificate], *, by_ids: bool = False):
        self.qs, self.by_ids = qs, by_ids

    @cached_property
    def ids(self) -> list[int]:
        return list(self.qs.values_list("pk", flat=True))

    def count(self) -> int:
        return len(self.ids) if self.by_ids else self.qs.count()

    def __getitem__(self, index: slice) -> list[dict]:
        if not self.by_ids:
            return list(register_page_rows(self.qs[index]))
        page_ids = self.ids[index]
        # [0] (no certificate has pk 0) for an empty page: the query count stays the same
        rows = register_page_rows(Certificate.objects.filter(pk__in=page_ids or [0]))
        by_id = {row["pk"]: row for row in rows}
        return [by_id[pk] for pk in page_ids]


def register_rows(qs: QuerySet[Certificate]) -> QuerySet:
    """The columns of the register's exports for `qs` (from `register`), as tuples: number, person, body,
    term start and end, issued on, ceremony, original number, reissue reason. Tuples, not models: the
    whole register is exported at once."""
    return qs.values_list(
        "number",
        "appointment__membership__person__name",
        "appointment__membership__body__name",
        "appointment__membership__start",
        "appointment__membership__end",
        "issued_on",
        "ceremony",
        "reissue_of__number",
        "reissue_reason",
    )


def register_version() -> dict:
    """What changes whenever a line of the register may change, in one query: the number of
    certificates, the newest one's id and record time (an issue or a reissue adds a line), and the newest
    audit entry's id (a renamed person or body, or an ended or edited term, changes a line without
    touching the certificate table; every such change is audited). Kept with the cached CSV export.
    Four scalar subqueries, the maxima read from indexes: one aggregate over every certificate that
    also carried the audit subquery took ~6 ms at district scale (20,000 certificates), on each download."""
    quote = connection.ops.quote_name
    table = quote(Certificate._meta.db_table)
    pk, issued_at = quote(Certificate._meta.pk.column), quote(Certificate._meta.get_field("issued_at").column)
    audit_sql, audit_params = newest_entry().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {table}), (SELECT MAX({pk}) FROM {table}),"
            f" (SELECT MAX({issued_at}) FROM {table}), ({audit_sql})",
            audit_params,
        )
        rows, last, issued, audit = cursor.fetchone()
    return {"rows": rows, "last": last, "issued": issued, "audit": audit}


def for_pdf(qs: QuerySet[Certificate]) -> QuerySet[Certificate]:
    return qs.select_related("appointment__membership__person", "appointment__membership__body").order_by(
        "year", "sequence"
    )


def latest_of_current(body_id: int, on: dt.date) -> list[Certificate]:
    """The newest certificate of each current appointment of a body (a reissue replaces its original)."""
    certs = for_pdf(
        Certificate.objects.filter(
            appointment__membership__body_id=body_id,
            appointment__membership__start__lte=on,
        ).filter(Q(appointment__membership__end__isnull=True) | Q(appointment__membership__end__gte=on))
    )
    newest: dict[int, Certificate] = {}
    for cert in certs:
        newest[cert.appointment_id] = cert
    return sorted(newest.values(), key=lambda c: (c.year, c.sequence))


def has_current_certificates(body_id: int, on: dt.date) -> bool:
    """Whether latest_of_current(body_id, on) would print anything (one query)."""
    return (
        Certificate.objects.filter(
            appointment__membership__body_id=body_id, appointment__membership__start__lte=on
        )
        .filter(Q(appointment__membership__end__isnull=True) | Q(appointment__membership__end__gte=on))
        .exists()
    )


def issuable(body_id: int | None = None) -> QuerySet[Appointment]:
    """Appointments without an original certificate yet."""
    qs = (
        Appointment.objects.filter(certificates__isnull=True)
        .select_related("membership__person", "membership__body", "membership__seat__group")
        .order_by(
            "membership__body__order",
            "membership__start",
            "membership__seat__group__order",
            "membership__seat__number",
            "pk",
        )
    )
    if body_id:
        qs = qs.filter(membership__body_id=body_id)
    return qs


def active_seal() -> SealImage | None:
    return SealImage.objects.filter(is_active=True).first()


def ending_within(today: dt.date, days: int) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            seat__group__kind=SeatGroup.Kind.APPOINTED,
            end__gte=today,
            end__lte=today + dt.timedelta(days=days),
        )
        .select_related("person", "body")
        .order_by("end", "body__order")
    )


def ending_within_list(today: dt.date, days: int) -> QuerySet[Membership]:
    """`ending_within` with the columns the alert list shows (body, member, term end): the whole person and
    body rows made PostgreSQL hash 5,000 persons of every column (~2 ms at district scale)."""
    return ending_within(today, days).only("end", "body", "person", "body__name", "person__name")


def vacant_appointed_seats(today: dt.date) -> QuerySet[Seat]:
    taken = Membership.objects.filter(start__lte=today).filter(Q(end__isnull=True) | Q(end__gte=today))
    return (
        Seat.objects.filter(active=True, group__kind=SeatGroup.Kind.APPOINTED, group__body__is_active=True)
        .exclude(pk__in=taken.values("seat_id"))
        .select_related("group__body")
        .order_by("group__body__order", "group__order", "number")
    )


@dataclass(frozen=True)
class LowAttendance:
    membership: Membership
    attended: int
    held: int

    @property
    def percent(self) -> int:
        return round(self.attended * 100 / self.held)


def _ids_or_none(ids) -> list[int]:
    """`ids` for an IN filter, or [0] (no row has pk 0) when empty: Django skips a query whose IN list is
    empty, and the page's query count would then depend on the data."""
    return sorted(ids) or [0]


def low_attendance(today: dt.date) -> list[LowAttendance]:
    """Current appointed members who attended fewer than half of the meetings recorded for them over the
    12 months ending `today` (Seoul's dismissal ground). Counts the meetings app's attendance lines of
    held meetings (위촉식 excluded); an excused absence is still an absence. Terms served back to back on
    the same body count together. Members with no recorded meeting are not flagged.

    Three queries whatever the data: the meetings app's attendance tally (its stamp and its below-half
    rows: a snapshot rebuilt when stale, so no view aggregates the window's attendance lines), then
    the current memberships of the people found, with person, body and appointment joined."""
    tally = meeting_services.attendance_tally(since=rules.attendance_window_start(today), today=today)
    counts = {key: (a, h) for key, (a, h) in tally.items() if rules.attendance_below_half(a, h)}
    current = (
        Membership.objects.filter(
            seat__group__kind=SeatGroup.Kind.APPOINTED,
            person_id__in=_ids_or_none({p for p, _ in counts}),
            start__lte=today,
        )
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("person", "body", "appointment")
        .order_by("body__order", "person__name")
    )
    return [
        LowAttendance(m, *counts[(m.person_id, m.body_id)])
        for m in current
        if (m.person_id, m.body_id) in counts
    ]


def body_appointed_rows(body_id: int, today: dt.date, *, include_past: bool = False) -> list[dict]:
    """The appointed memberships of a body (current and upcoming; with `include_past`, every one) in seat
    order, as dicts of what 위촉 현황 shows: `pk`, `start`, `end`, `seat_number`, `group_label`,
    `person_name`, and the appointment record's `a_pk`, `a_recommended_by`, `a_recommended_on`,
    `a_approval_number`, `a_approval_date`, `a_is_reappointment`, `a_reappointment_reason`,
    `a_replaces_id`, `a_end_kind` (`a_pk` None without a record); `certificates`, the record's
    certificates as (pk, number) in issue order. Two queries: memberships (joined with person, seat group
    and appointment) and certificates (none without a record). Dicts, not five models a row and a model a
    certificate (~6 ms for a body of 100 members)."""
    qs = (
        Membership.objects.filter(body_id=body_id, seat__group__kind=SeatGroup.Kind.APPOINTED)
        .order_by("-start", "seat__group__order", "seat__number")
        .values(
            "pk",
            "start",
            "end",
            seat_number=F("seat__number"),
            group_label=F("seat__group__label"),
            person_name=F("person__name"),
            a_pk=F("appointment__id"),
            a_recommended_by=F("appointment__recommended_by"),
            a_recommended_on=F("appointment__recommended_on"),
            a_approval_number=F("appointment__approval_number"),
            a_approval_date=F("appointment__approval_date"),
            a_is_reappointment=F("appointment__is_reappointment"),
            a_reappointment_reason=F("appointment__reappointment_reason"),
            a_replaces_id=F("appointment__replaces_id"),
            a_end_kind=F("appointment__end_kind"),
        )
    )
    if not include_past:
        qs = qs.filter(Q(end__isnull=True) | Q(end__gte=today))
    rows = list(qs)
    certificates: dict[int, list[tuple[int, str]]] = {}
    appointment_ids = [row["a_pk"] for row in rows if row["a_pk"] is not None]
    if appointment_ids:
        numbers = (
            Certificate.objects.filter(appointment_id__in=appointment_ids)
            .order_by("year", "sequence")
            .values_list("appointment_id", "pk", "number")
        )
        for appointment_id, pk, number in numbers:
            certificates.setdefault(appointment_id, []).append((pk, number))
    for row in rows:
        row["certificates"] = certificates.get(row["a_pk"], [])
    return rows


def any_current_certificate(rows: list[dict], today: dt.date) -> bool:
    """Whether a current member among `rows` (from body_appointed_rows: no query) has a certificate, i.e.
    whether the body's batch PDF has anything to print."""
    return any(
        row["certificates"] and row["start"] <= today and (row["end"] is None or row["end"] >= today)
        for row in rows
    )


def bodies_with_appointed_seats(body_ids=None) -> list[Body]:
    """Active bodies that have appointed seats, each with `unrecorded`: its appointed memberships
    lacking a recorded appointment. Two queries: the bodies, and the unrecorded memberships counted
    per body in one anti-join (a join of seat groups and every membership ever held multiplied the
    rows, 11 ms at district scale; a count per body ran the join 200 times)."""
    bodies = (
        Body.objects.filter(
            Exists(SeatGroup.objects.filter(body=OuterRef("pk"), kind=SeatGroup.Kind.APPOINTED)),
            is_active=True,
        )
        .only("pk", "name")  # what the page shows: not thirty columns of rules a body
        .order_by("order", "name")
    )
    unrecorded = Membership.objects.filter(
        ~Exists(Appointment.objects.filter(membership=OuterRef("pk"))),
        seat__group__kind=SeatGroup.Kind.APPOINTED,
    )
    if body_ids is not None:
        bodies, unrecorded = bodies.filter(pk__in=body_ids), unrecorded.filter(body_id__in=body_ids)
    counts = dict(unrecorded.order_by().values_list("body_id").annotate(n=Count("pk")))
    bodies = list(bodies)
    for body in bodies:
        body.unrecorded = counts.get(body.pk, 0)
    return bodies


def predecessors(body_id: int, exclude_membership_id: int | None = None) -> QuerySet[Appointment]:
    """Appointments of a body a replacement (보궐 위촉) may succeed: those ended before expiry (resignation,
    dismissal, or a membership ended with a reason)."""
    qs = (
        Appointment.objects.filter(membership__body_id=body_id, membership__end__isnull=False)
        .exclude(membership__end_reason="")
        .exclude(end_kind=Appointment.EndKind.EXPIRY)
        .select_related("membership__person", "membership__body", "membership__seat__group", "replaces")
        .order_by("-membership__start", "membership__person__name")
    )
    if exclude_membership_id:
        qs = qs.exclude(membership_id=exclude_membership_id)
    return qs
