"""District-scale data for `make bench` (never for production): bulk-created through the models' fields.

On top of the demo (`load_demo`) it adds, deterministically:
- 12 more dong community centres with 동장 posts (two holders each, the move in 2021), their reporting
  obligations, and ~6,000 monthly reports with indicator values and their submit/accept trail;
- 200 bodies (one big one with 100 appointed seats), each with an ex officio 동장 seat and appointed
  seats, terms of two years from 2015/2016 to today, so 5,000 persons and ~16,000 memberships;
- one Appointment per appointed membership and 20,000 register lines (originals plus reissues);
- monthly meetings of every body for ten years and a half (~25,000), with three agenda items, the
  attendance of every member in office, a vote on the resolution item and minutes.

Services are bypassed on purpose (speed); every row still satisfies the database constraints.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from zoneinfo import ZoneInfo

SEOUL = ZoneInfo("Asia/Seoul")
BATCH = 5000

TARGET_BODIES = 200
TARGET_PERSONS = 5000
TARGET_REPORTS = 6000
TARGET_CERTIFICATES = 20000
BIG_BODY_SEATS = 100
BIG_BODY_NAME = "성동구 지역사회보장협의체 (대규모)"
FIRST_MEETING_MONTH = dt.date(2016, 7, 1)
LAST_MEETING_MONTH = dt.date(2026, 12, 1)

# The accounts the benchmark uses on the district-scale data (role → username), placed where the data
# are largest: the 동장 who sits on the most bodies, the secretary of the big body, the reporter of the
# unit with the most reports. Their password is the demo's.
BENCH_USERS = {"member": "bench_member", "secretary": "bench_secretary", "reporter": "bench_reporter"}

NEW_DONGS = [
    "왕십리2동",
    "사근동",
    "행당2동",
    "응봉동",
    "금호4가동",
    "옥수동",
    "성수1가1동",
    "성수1가2동",
    "성수2가1동",
    "성수2가3동",
    "송정동",
    "용답동",
]
TOPICS = [
    "주민자치",
    "지역사회보장",
    "마을공동체",
    "도시재생",
    "안전",
    "환경",
    "청소년",
    "어르신",
    "보건",
    "문화",
    "교통",
    "사회적경제",
    "교육",
    "일자리",
    "공원녹지",
    "양성평등",
    "장애인",
    "주거",
    "예산참여",
    "정보공개",
]
_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허유남심노하곽성차주우구민진나지엄채원"
_GIVEN_M = ["민준", "서준", "도윤", "예준", "시우", "주원", "하준", "지호", "준서", "현우", "건우", "우진"]
_GIVEN_F = ["서연", "서윤", "지우", "하은", "민서", "지민", "수아", "윤서", "채원", "지아", "은서", "예린"]


def _months_between(first: dt.date, last: dt.date):
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        yield dt.date(y, m, 1)
        m += 1
        if m == 13:
            y, m = y + 1, 1


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _chunks(items, n):
    for i in range(0, len(items), n):
        yield items[i : i + n]


def build(*, today: dt.date, log=print, quick: bool = False) -> dict:
    """Bulk-create the district-scale dataset (the demo must be loaded). Returns row counts.

    Deterministic for a given `today` (no randomness). `quick` (BENCH_QUICK=1) builds a tenth of it: 40
    bodies, 1,000 persons, meetings from 2024 on, for a smoke run that proves the benchmark works.
    """
    from django.db import connection, transaction

    t0 = time.perf_counter()
    sizes = {
        "target_bodies": 40 if quick else TARGET_BODIES,
        "target_persons": 1000 if quick else TARGET_PERSONS,
        "target_certificates": 2000 if quick else TARGET_CERTIFICATES,
        "target_reports": 1500 if quick else TARGET_REPORTS,
        "first_month": dt.date(2024, 1, 1) if quick else FIRST_MEETING_MONTH,
    }
    with transaction.atomic():
        ctx = _organisation(today, sizes["target_persons"])
        ctx.update(sizes)
        log(f"  organisation, persons: {time.perf_counter() - t0:.1f} s")
        _bodies(ctx, today)
        log(f"  bodies, seats, memberships: {time.perf_counter() - t0:.1f} s")
        _appointments(ctx)
        log(f"  appointments, certificates: {time.perf_counter() - t0:.1f} s")
        _reports(ctx, today)
        log(f"  reports: {time.perf_counter() - t0:.1f} s")
    _meetings(ctx, today, log=log, t0=t0)
    log(f"  meetings: {time.perf_counter() - t0:.1f} s")
    with transaction.atomic():
        _accounts(ctx)
    _public_record(log=log)
    with connection.cursor() as cursor:
        # what autovacuum does to a production database soon after a load: statistics for the planner, and
        # the visibility map without which every count and index-only scan reads the table's rows too
        cursor.execute("VACUUM ANALYZE")
    return counts()


def _accounts(ctx: dict) -> None:
    """The bench_* accounts (BENCH_USERS), each linked to the person who has that role at scale."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q

    from committees.demo import DEMO_PASSWORD
    from committees.models import Body, Membership, Person
    from reports.models import Report

    User = get_user_model()
    password = User(username="x")
    password.set_password(DEMO_PASSWORD)  # hashed once: PBKDF2 is slow on purpose

    def account(role: str, person: Person):
        user, _ = User.objects.update_or_create(
            username=BENCH_USERS[role], defaults={"password": password.password, "is_active": True}
        )
        Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
        person.user = user
        person.save(update_fields=["user"])
        return user

    today = ctx["today"]
    # member: the current holder of the 동장 post whose holder sits on the most bodies
    busiest = (
        Membership.objects.filter(post_holding__end__isnull=True, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .values("person_id")
        .annotate(n=Count("body_id", distinct=True))
        .order_by("-n", "person_id")
        .first()
    )
    account("member", Person.objects.get(pk=busiest["person_id"]))
    # secretary: a new 주무관 who keeps the big body
    secretary, _ = Person.objects.get_or_create(
        note="[bench:secretary]",
        defaults={"name": "간사 벤치", "gender": "F", "affiliation": "자치행정과", "title": "주무관"},
    )
    account("secretary", secretary)
    big = ctx.get("big_body") or Body.objects.get(name=BIG_BODY_NAME)
    big.secretary_post = None
    big.secretary_person = secretary
    big.save(update_fields=["secretary_post", "secretary_person"])
    # reporter: the reporting officer of the unit with the most reports
    unit_id = (
        Report.objects.values("unit_id").annotate(n=Count("pk")).order_by("-n", "unit_id").first()["unit_id"]
    )
    reporter_person, _ = Person.objects.get_or_create(
        note="[bench:reporter]",
        defaults={"name": "보고 벤치", "gender": "M", "affiliation": "주민센터", "title": "주무관"},
    )
    reporter = account("reporter", reporter_person)
    reporter.reporting_units.add(unit_id)


PUBLIC_MEETINGS = 3
PUBLIC_FILE = b"%PDF-1.4\n% bench: a public attachment\n%%EOF\n"


def _public_record(*, log) -> None:
    """The public site's pages need locked public minutes and a public attachment (issue 16 §1): the
    minutes of the big body's latest approved meetings are marked public and locked through the services
    (the frozen record is built by `minutes_lock`), its next meeting gets a public agenda file."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from meetings import services
    from meetings.models import Meeting, Minutes

    meetings = list(
        Meeting.objects.filter(bodies__name=BIG_BODY_NAME, status=Meeting.Status.MINUTES_APPROVED).order_by(
            "-starts_at"
        )[:PUBLIC_MEETINGS]
    )
    for meeting in meetings:
        Minutes.objects.filter(meeting=meeting).update(is_public=True, nondisclosure_reason="")
        services.minutes_lock(actor=None, minutes=Minutes.objects.get(meeting=meeting))
    # files can be attached only before the minutes are approved: the next meeting's public agenda file
    ahead = Meeting.objects.filter(
        status__in=[Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT], starts_at__gt=timezone.now()
    ).order_by("starts_at")
    upcoming = ahead.filter(bodies__name=BIG_BODY_NAME).first() or ahead.first()
    if upcoming is not None:
        Meeting.objects.filter(pk=upcoming.pk).update(agenda_published=True)
        upcoming.refresh_from_db()
        services.attachment_add(
            actor=None, meeting=upcoming, file=ContentFile(PUBLIC_FILE, name="공개자료.pdf"), is_public=True
        )
    log(f"  public record: {len(meetings)} meetings with locked public minutes, a public attachment")
    from django.core.exceptions import ValidationError

    from meetings.services.allowances import payment_list_prepare

    for meeting in meetings:  # the allowance export needs a payment list (from the frozen record)
        try:
            payment_list_prepare(actor=None, meeting=meeting)
        except ValidationError as exc:  # no allowance rule for the body: the export is then not measured
            log(f"  no payment list for {meeting.pk}: {exc.messages[0]}")


def counts() -> dict:
    from appointments.models import Appointment, Certificate
    from committees.models import Body, Membership, Person, Seat
    from meetings.models import AgendaItem, Attendance, Meeting, Vote
    from reports.models import Report

    return {
        "bodies": Body.objects.count(),
        "seats": Seat.objects.count(),
        "persons": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "appointments": Appointment.objects.count(),
        "certificates": Certificate.objects.count(),
        "meetings": Meeting.objects.count(),
        "attendances": Attendance.objects.count(),
        "agenda_items": AgendaItem.objects.count(),
        "votes": Vote.objects.count(),
        "reports": Report.objects.count(),
    }


# --- organisation and persons --------------------------------------------------------------------------


def _organisation(today: dt.date, target_persons: int) -> dict:
    from committees.models import Gender, OrgUnit, Person, Post, PostHolding

    gu = OrgUnit.objects.get(name="성동구청", parent__isnull=True)
    existing = set(OrgUnit.objects.filter(parent=gu).values_list("name", flat=True))
    units = OrgUnit.objects.bulk_create(
        [
            OrgUnit(name=f"{dong} 주민센터", kind=OrgUnit.Kind.DONG, parent=gu, order=30 + i)
            for i, dong in enumerate(NEW_DONGS)
            if f"{dong} 주민센터" not in existing
        ]
    )
    posts = Post.objects.bulk_create(
        [Post(name=f"{u.name.replace(' 주민센터', '')}장", unit=u) for u in units]
    )

    need = max(0, target_persons - Person.objects.count())
    people = []
    for i in range(need):
        gender = Gender.MALE if i % 2 else Gender.FEMALE
        given = (_GIVEN_M if gender == Gender.MALE else _GIVEN_F)[(i // 2) % 12]
        people.append(
            Person(
                name=_SURNAMES[(i * 7) % len(_SURNAMES)] + given,
                gender=gender,
                affiliation=f"{NEW_DONGS[i % len(NEW_DONGS)]} 주민",
                title="위원",
                email=f"bench{i}@example.org",
                phone=f"010-{1000 + i % 9000:04d}-{(i * 37) % 10000:04d}",
                birth_date=dt.date(1950 + i % 45, 1 + i % 12, 1 + i % 28),
                note="[bench]",
            )
        )
    people = Person.objects.bulk_create(people, batch_size=BATCH)
    # Two holders per dong post (the move of 2021), kept out of the appointed pool.
    holders, pool = people[: 2 * len(posts)], people[2 * len(posts) :]
    holdings = []
    for i, post in enumerate(posts):
        holdings.append(
            PostHolding(
                post=post, person=holders[2 * i], start=dt.date(2015, 1, 1), end=dt.date(2020, 12, 31)
            )
        )
        holdings.append(PostHolding(post=post, person=holders[2 * i + 1], start=dt.date(2021, 1, 1)))
    holdings = PostHolding.objects.bulk_create(holdings)
    return {
        "today": today,
        "gu": gu,
        "units": units,
        "posts": posts,
        "holdings": {post.pk: (holdings[2 * i], holdings[2 * i + 1]) for i, post in enumerate(posts)},
        "pool": pool,
    }


# --- bodies, seat groups, seats, memberships ---------------------------------------------------------------


def _bodies(ctx: dict, today: dt.date) -> None:
    from committees.models import Body, Membership, Seat, SeatGroup

    n = max(0, ctx["target_bodies"] - Body.objects.count())
    posts = ctx["posts"]
    bodies = []
    for i in range(n):
        big = i == 0
        unit = ctx["units"][i % len(ctx["units"])]
        topic = TOPICS[i % len(TOPICS)]
        bodies.append(
            Body(
                name=BIG_BODY_NAME if big else f"{unit.name.replace(' 주민센터', '')} {topic}위원회 {i:03d}",
                kind=Body.Kind.OTHER if big else Body.Kind.DONG_PANEL,
                dong_unit=None if big else unit,
                description=f"{topic} 분야 민관 협의 (벤치마크용 생성 데이터)",
                order=100 + i,
                quorum_rule=Body.QuorumRule.ENROLLED_MAJORITY if i % 3 else Body.QuorumRule.NONE,
            )
        )
    bodies = Body.objects.bulk_create(bodies)
    ctx["big_body"] = bodies[0] if bodies else Body.objects.get(name=BIG_BODY_NAME)

    groups = []
    for i, body in enumerate(bodies):
        size = BIG_BODY_SEATS if i == 0 else 8 + (i * 5) % 13  # 8..20 appointed seats
        post = posts[i % len(posts)]
        groups.append(
            SeatGroup(body=body, kind=SeatGroup.Kind.EX_OFFICIO, label="동장", post=post, count=1, order=0)
        )
        half = size // 2
        groups.append(
            SeatGroup(
                body=body,
                kind=SeatGroup.Kind.APPOINTED,
                label="전문가 분야",
                field="전문가",
                recommender="관련 기관 추천",
                count=half,
                order=1,
            )
        )
        groups.append(
            SeatGroup(
                body=body,
                kind=SeatGroup.Kind.APPOINTED,
                label="주민 분야",
                field="주민",
                qualification="관내 거주 주민",
                count=size - half,
                order=2,
            )
        )
    groups = SeatGroup.objects.bulk_create(groups, batch_size=BATCH)
    seats = Seat.objects.bulk_create(
        [Seat(group=g, number=k) for g in groups for k in range(1, g.count + 1)], batch_size=BATCH
    )
    seats_by_body: dict[int, list] = defaultdict(list)
    for s in seats:
        seats_by_body[s.group.body_id].append(s)

    pool = ctx["pool"]
    counter = 0
    memberships = []
    cohorts: dict[int, list] = {}  # body id → [(start, end, [membership index])]
    for i, body in enumerate(bodies):
        first = dt.date(2015 + i % 2, 1 + i % 12, 1)
        ex_seat = next(s for s in seats_by_body[body.pk] if s.group.kind == SeatGroup.Kind.EX_OFFICIO)
        appointed = [s for s in seats_by_body[body.pk] if s.group.kind == SeatGroup.Kind.APPOINTED]
        old, new = ctx["holdings"][ex_seat.group.post_id]
        body_cohorts = []
        ex = []
        for holding, start, end in ((old, first, old.end), (new, new.start, None)):
            ex.append((start, end, len(memberships)))
            memberships.append(
                Membership(
                    seat=ex_seat,
                    body=body,
                    person_id=holding.person_id,
                    start=start,
                    end=end,
                    post_holding=holding,
                )
            )
        start = first
        while start <= today:
            end = _add_years(start, 2) - dt.timedelta(days=1)
            idx = []
            for k, seat in enumerate(appointed):
                person = pool[counter % len(pool)]
                counter += 1
                idx.append(len(memberships))
                memberships.append(
                    Membership(
                        seat=seat,
                        body=body,
                        person=person,
                        role=Membership.Role.CHAIR if k == 0 else Membership.Role.MEMBER,
                        start=start,
                        end=end,
                    )
                )
            body_cohorts.append((start, end, idx))
            start = end + dt.timedelta(days=1)
        cohorts[body.pk] = (ex, body_cohorts)
    memberships = Membership.objects.bulk_create(memberships, batch_size=BATCH)
    ctx["bodies"] = bodies
    ctx["memberships"] = memberships
    ctx["cohorts"] = cohorts


def members_on(ctx: dict, body_id: int, on: dt.date) -> list[int]:
    ex, body_cohorts = ctx["cohorts"][body_id]
    out = []
    for start, end, index in ex:
        if start <= on and (end is None or on <= end):
            out.append(ctx["memberships"][index].pk)
    for start, end, idx in body_cohorts:
        if start <= on <= end:
            out.extend(ctx["memberships"][k].pk for k in idx)
    return out


# --- appointments and the certificate register ---------------------------------------------------------


def _appointments(ctx: dict) -> None:
    from django.db.models import Max

    from appointments.models import Appointment, Certificate, CertificateCounter

    today = ctx["today"]
    appointed = [m for m in ctx["memberships"] if m.post_holding_id is None]
    appointments = Appointment.objects.bulk_create(
        [
            Appointment(
                membership=m,
                recommended_by="관련 기관 추천",
                recommended_on=m.start - dt.timedelta(days=20),
                approval_number=f"자치행정과-{1000 + k % 9000}",
                approval_date=m.start - dt.timedelta(days=3),
                end_kind=Appointment.EndKind.EXPIRY if m.end and m.end < today else "",
            )
            for k, m in enumerate(appointed)
        ],
        batch_size=BATCH,
    )
    last = dict(Certificate.objects.values("year").annotate(m=Max("sequence")).values_list("year", "m"))
    certs = []
    need = max(0, ctx["target_certificates"] - Certificate.objects.count())
    body_names = {b.pk: b.name for b in ctx["bodies"]}
    for a, m in zip(appointments, appointed, strict=True):
        if len(certs) >= need:
            break
        certs.append((a, m.start, f"{m.start.year} {body_names[m.body_id]} 위촉식", None))
    originals = list(certs)
    k = 0
    while len(certs) < need and originals:
        a, issued, _ceremony, _ = originals[k % len(originals)]
        certs.append((a, issued + dt.timedelta(days=120 + k % 200), "", k))
        k += 7
    rows = []
    reissues = []
    for a, issued, ceremony, reissue in certs:
        year = issued.year
        last[year] = last.get(year, 0) + 1
        c = Certificate(
            year=year,
            sequence=last[year],
            number=f"제{year}-{last[year]:03d}호",
            appointment=a,
            issued_on=issued,
            ceremony=ceremony,
        )
        if reissue is None:
            rows.append(c)
        else:
            c.reissue_reason = "분실에 따른 재발급"
            reissues.append(c)
    rows = Certificate.objects.bulk_create(rows, batch_size=BATCH)
    original_of = {c.appointment_id: c for c in rows}
    for c in reissues:
        c.reissue_of = original_of[c.appointment_id]
    Certificate.objects.bulk_create(reissues, batch_size=BATCH)
    for year, seq in last.items():
        CertificateCounter.objects.update_or_create(year=year, defaults={"last": seq})


# --- monthly reports ----------------------------------------------------------------------------------------


def _reports(ctx: dict, today: dt.date) -> None:
    from reports.models import (
        Indicator,
        IndicatorValue,
        Report,
        ReportEvent,
        ReportingField,
        ReportingObligation,
    )

    fields = list(ReportingField.objects.order_by("order"))
    if not fields:
        return
    ReportingObligation.objects.bulk_create(
        [ReportingObligation(unit=u, field=f) for u in ctx["units"] for f in fields]
    )
    obligations = list(ReportingObligation.objects.order_by("unit__order", "unit__name", "field__order"))
    indicators = defaultdict(list)
    for ind in Indicator.objects.filter(active=True):
        indicators[ind.field_id].append(ind)
    existing = set(Report.objects.values_list("unit_id", "field_id", "month"))
    need = max(0, ctx["target_reports"] - Report.objects.count())
    last_month = dt.date(today.year, today.month, 1) - dt.timedelta(days=1)
    months = list(_months_between(dt.date(2010, 1, 1), last_month.replace(day=1)))[::-1]
    reports = []
    for mi, month in enumerate(months):
        if len(reports) >= need:
            break
        due = (month + dt.timedelta(days=32)).replace(day=5)
        for n, ob in enumerate(obligations):
            if len(reports) >= need:
                break
            if (ob.unit_id, ob.field_id, month) in existing:
                continue
            state = Report.State.ACCEPTED
            if mi == 0:  # the newest month shows every state
                state = [
                    Report.State.ACCEPTED,
                    Report.State.SUBMITTED,
                    Report.State.RETURNED,
                    Report.State.DRAFT,
                ][n % 4]
                if n % 6 == 5:
                    continue  # missing
            submitted = dt.datetime.combine(due, dt.time(17, 0), tzinfo=SEOUL) + dt.timedelta(
                days=(4 if n % 7 == 3 else -2)
            )
            reports.append(
                Report(
                    unit_id=ob.unit_id,
                    field_id=ob.field_id,
                    month=month,
                    achievements=f"{month.month}월 주요 사업 추진 (생성 데이터)",
                    problems="참여 인력 부족" if n % 2 else "",
                    improvements="민간자원 연계 확대" if n % 3 else "",
                    state=state,
                    submitted_at=None if state == Report.State.DRAFT else submitted,
                    created_at=submitted - dt.timedelta(days=3),
                    updated_at=submitted,
                )
            )
    reports = Report.objects.bulk_create(reports, batch_size=BATCH)
    values, events = [], []
    for k, r in enumerate(reports):
        for j, ind in enumerate(indicators[r.field_id]):
            values.append(IndicatorValue(report=r, indicator=ind, value=5 + (k * 7 + j * 11) % 40))
        if r.state != Report.State.DRAFT:
            events.append(ReportEvent(report=r, kind=ReportEvent.Kind.SUBMITTED, at=r.submitted_at))
        if r.state == Report.State.ACCEPTED:
            events.append(
                ReportEvent(
                    report=r, kind=ReportEvent.Kind.ACCEPTED, at=r.submitted_at + dt.timedelta(days=1)
                )
            )
        elif r.state == Report.State.RETURNED:
            events.append(
                ReportEvent(
                    report=r,
                    kind=ReportEvent.Kind.RETURNED,
                    at=r.submitted_at + dt.timedelta(days=1),
                    comment="실적 근거 자료를 첨부해 주십시오.",
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=BATCH)
    ReportEvent.objects.bulk_create(events, batch_size=BATCH)


# --- meetings ---------------------------------------------------------------------------------------------


def _meetings(ctx: dict, today: dt.date, *, log, t0: float) -> None:
    from django.db import transaction

    from meetings.models import AgendaItem, Attendance, Meeting, Minutes, Vote

    Through = Meeting.bodies.through
    months = list(_months_between(ctx["first_month"], LAST_MEETING_MONTH))
    bodies = ctx["bodies"]
    serial = 0
    for block in _chunks(bodies, 25):
        with transaction.atomic():
            meetings = []
            for body in block:
                i = body.order
                day = 5 + (i * 7) % 20
                for mi, month in enumerate(months):
                    serial += 1
                    starts = dt.datetime(month.year, month.month, day, 14 if i % 2 else 16, 0, tzinfo=SEOUL)
                    if starts.date() < today:
                        status = (
                            Meeting.Status.HELD
                            if starts.date() > today - dt.timedelta(days=60)
                            else (Meeting.Status.MINUTES_APPROVED)
                        )
                        if (i + mi) % 33 == 0:
                            status = Meeting.Status.CANCELLED
                    elif starts.date() <= today + dt.timedelta(days=10):
                        status = Meeting.Status.NOTICE_SENT
                    else:
                        status = Meeting.Status.PLANNED
                    meetings.append(
                        Meeting(
                            title=f"{body.name} {month.year}년 {month.month}월 정기회의",
                            host_body=body,
                            kind="regular",
                            place="동 주민센터 회의실",
                            starts_at=starts,
                            ends_at=starts + dt.timedelta(minutes=90),
                            status=status,
                            cancelled_reason="위원 과반 불참 예상"
                            if status == Meeting.Status.CANCELLED
                            else "",
                            notice_sent_at=None
                            if status in (Meeting.Status.PLANNED, Meeting.Status.CANCELLED)
                            else starts - dt.timedelta(days=7),
                            agenda_published=status != Meeting.Status.PLANNED,
                            uid=f"bench-{serial}@meetings.seongdong.go.kr",
                        )
                    )
            meetings = Meeting.objects.bulk_create(meetings, batch_size=BATCH)
            Through.objects.bulk_create(
                [Through(meeting_id=m.pk, body_id=m.host_body_id) for m in meetings], batch_size=BATCH
            )
            items = []
            for m in meetings:
                items.append(AgendaItem(meeting=m, order=1, kind="report", title="지난 회의 결과 보고"))
                items.append(
                    AgendaItem(meeting=m, order=2, kind="deliberation", title="분야별 추진 현황 심의")
                )
                items.append(
                    AgendaItem(
                        meeting=m, order=3, kind="resolution", title=f"{m.starts_at:%Y}년 사업계획(안)"
                    )
                )
            items = AgendaItem.objects.bulk_create(items, batch_size=BATCH)
            attendances, votes, minutes = [], [], []
            for k, m in enumerate(meetings):
                if m.status not in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED):
                    continue
                on = m.starts_at.astimezone(SEOUL).date()
                member_ids = members_on(ctx, m.host_body_id, on)
                present = 0
                for j, mid in enumerate(member_ids):
                    roll = (k * 31 + j * 17) % 10
                    status = "present" if roll < 8 else ("absent" if roll == 8 else "excused")
                    present += status == "present"
                    attendances.append(Attendance(meeting=m, membership_id=mid, status=status))
                if present:
                    no, abstain = present // 5, present // 10
                    yes = present - no - abstain
                    required = present // 2 + 1
                    votes.append(
                        Vote(
                            item=items[3 * k + 2],
                            method="show_of_hands",
                            taken_at=m.starts_at + dt.timedelta(minutes=60),
                            yes=yes,
                            no=no,
                            abstain=abstain,
                            enrolled=len(member_ids),
                            present=present,
                            voting=present,
                            required=required,
                            passed=yes >= required,
                            outcome_label="가결" if yes >= required else "부결",
                        )
                    )
                approved = m.status == Meeting.Status.MINUTES_APPROVED
                minutes.append(
                    Minutes(
                        meeting=m,
                        status=Minutes.Status.APPROVED if approved else Minutes.Status.DRAFT,
                        remarks="안건을 원안대로 처리함.",
                        approved_at=m.starts_at + dt.timedelta(days=7) if approved else None,
                    )
                )
            Attendance.objects.bulk_create(attendances, batch_size=BATCH)
            Vote.objects.bulk_create(votes, batch_size=BATCH)
            Minutes.objects.bulk_create(minutes, batch_size=BATCH)
        log(f"    meetings of {len(block)} bodies: {time.perf_counter() - t0:.1f} s")
