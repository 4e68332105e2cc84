"""Demo meetings from the 2015 plan (DOMAIN.md §2): the 2016 series, the 위촉식 및 1차 회의 with its
timed run-of-show and the 위원장 호선, and a held quarterly meeting with approved minutes.

Idempotent: series and meetings are looked up by their natural keys; votes are recorded only once.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from committees.models import Body, Membership
from committees.workdays import load_calendar
from meetings import services
from meetings.models import (
    AgendaItem,
    AllowanceRule,
    Attendance,
    ConveningRequest,
    Election,
    InterestDeclaration,
    Meeting,
    MeetingPurpose,
    MeetingSeries,
    Minutes,
    Observer,
    SeriesHost,
)

SEOUL = ZoneInfo("Asia/Seoul")
UNTIL = dt.date(2016, 12, 31)


def _series(name, bodies, hosts=(), **fields) -> MeetingSeries:
    series, _ = MeetingSeries.objects.get_or_create(name=name, defaults=fields)
    series.bodies.set(bodies)
    for order, body in enumerate(hosts, start=1):
        SeriesHost.objects.update_or_create(series=series, order=order, defaults={"body": body})
    return series


def _meeting(title, bodies, starts, minutes, **fields) -> Meeting:
    meeting = Meeting.objects.filter(title=title, series__isnull=True).first()
    if meeting is None:
        if fields.get("status") in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED):
            # Held meetings were convened first (planned → notice sent → held): notice a week before.
            fields.setdefault("notice_sent_at", starts - dt.timedelta(days=7))
        meeting = Meeting.objects.create(
            title=title,
            starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=minutes),
            uid=services.new_uid(),
            **fields,
        )
    meeting.bodies.set(bodies)
    return meeting


def _items(meeting, rows):
    out = []
    for order, (kind, title, presenter, mins) in enumerate(rows, start=1):
        item, _ = AgendaItem.objects.update_or_create(
            meeting=meeting,
            order=order,
            defaults={"kind": kind, "title": title, "presenter": presenter, "planned_minutes": mins},
        )
        out.append(item)
    return out


def _attend_all(meeting, absent: int = 0):
    on = meeting.starts_at.date()
    members = list(
        Membership.objects.filter(body__in=meeting.bodies.all(), start__lte=on, end__gte=on).order_by("pk")
    )
    for i, m in enumerate(members):
        status = Attendance.Status.ABSENT if i >= len(members) - absent else Attendance.Status.PRESENT
        Attendance.objects.update_or_create(meeting=meeting, membership=m, defaults={"status": status})
    return members


def load(stdout=None) -> dict:
    steering = Body.objects.get(kind=Body.Kind.STEERING)
    council = Body.objects.get(kind=Body.Kind.COUNCIL)
    task_force = Body.objects.get(kind=Body.Kind.TASK_FORCE)
    support = Body.objects.get(kind=Body.Kind.SUPPORT)
    calendar = load_calendar()
    seoul_16 = dt.time(16, 0)
    # Issue 16: the steering committee pays 150,000 won per attendance (officials excluded), so staff can
    # confirm a payment list after the first meeting
    AllowanceRule.objects.get_or_create(body=steering, defaults={"per_attendance": 150_000})

    series = [
        _series(
            "추진운영위원 회의 (분기)",
            [steering],
            recurrence="quarterly",
            day_of_month=15,
            start_date=dt.date(2016, 4, 15),
            start_time=seoul_16,
            duration_minutes=90,
            place="구청 8층 대회의실",
        ),
        _series(
            "실무협의 회의",
            [council, support, task_force],
            hosts=[task_force, council, support],
            recurrence="second_fourth_friday",
            start_date=dt.date(2016, 1, 22),
            start_time=seoul_16,
            duration_minutes=60,
            place="자치행정과 회의실",
        ),
        _series(
            "사업성과 회의",
            [task_force],
            purpose=MeetingPurpose.PERFORMANCE_REVIEW,
            recurrence="monthly_day",
            day_of_month=10,
            start_date=dt.date(2016, 2, 1),
            start_time=seoul_16,
            duration_minutes=60,
            place="자치행정과 회의실",
        ),
    ]
    generated = sum(
        len(services.series_generate(actor=None, series=s, until=UNTIL, calendar=calendar)) for s in series
    )

    # 위촉식 및 1차 회의: 2016. 1. 15. 16:00, 구청 8층 대회의실, run-of-show from the plan.
    first = _meeting(
        "추진운영위원회 위촉식 및 1차 회의",
        [steering],
        dt.datetime(2016, 1, 15, 16, 0, tzinfo=SEOUL),
        60,
        kind="ceremony",
        place="구청 8층 대회의실",
        status=Meeting.Status.HELD,
        agenda_published=True,
    )
    items = _items(
        first,
        [
            ("procedure", "안내", "자치행정과장", 5),
            ("procedure", "위촉장 수여", "구청장", 10),
            ("procedure", "개회", "구청장", 5),
            ("report", "경과보고", "자치행정과장", 10),
            ("election", "위원장 호선", "구청장", 10),
            ("deliberation", "의견수렴", "전체 위원", 20),
        ],
    )
    members = _attend_all(first, absent=2)
    Observer.objects.get_or_create(meeting=first, name="자치행정팀장", defaults={"affiliation": "자치행정과"})
    if not Election.objects.filter(item=items[4]).exists():
        appointed = [m for m in members[:-2] if m.seat.group.kind == "appointed"]
        present = len(members) - 2
        counts = {appointed[0].pk: present // 2 + 2, appointed[1].pk: present - (present // 2 + 2)}
        services.election_record(
            actor=None,
            item=items[4],
            role=Membership.Role.CO_CHAIR_CIVIL,
            counts=counts,
            taken=dt.time(16, 45),
        )
    _approve(first, "위원 상견례 후 민간 공동위원장을 호선하였고, 사업 추진 방향에 관한 의견을 수렴함.")

    # 1/4분기 정기회의 (held, one resolution, approved minutes).
    q1 = _meeting(
        "추진운영위원회 2016년 1분기 정기회의",
        [steering],
        dt.datetime(2016, 3, 18, 16, 0, tzinfo=SEOUL),
        90,
        kind="regular",
        place="구청 8층 대회의실",
        status=Meeting.Status.HELD,
        agenda_published=True,
    )
    q_items = _items(
        q1,
        [
            ("report", "2월 사업성과 보고", "자치행정팀장", 15),
            ("resolution", "2016년 찾아가는 동 주민센터 추진계획(안)", "자치행정과장", 30),
        ],
    )
    _attend_all(q1, absent=3)
    if not q_items[1].votes.exists():
        services.vote_record(
            actor=None, item=q_items[1], method="show_of_hands", taken=dt.time(17, 0), yes=9, no=2, abstain=1
        )
    _approve(q1, "추진계획(안)을 원안 가결함.")

    # 2분기 정기회의 (from the quarterly series): agenda still a draft, so members do not see it yet.
    q2 = series[0].meetings.order_by("starts_at").first()
    if q2 is not None and not q2.items.exists():
        _items(
            q2,
            [
                ("report", "1분기 사업성과 종합 보고", "자치행정팀장", 15),
                ("deliberation", "동 복지허브화 확대 방안(초안)", "복지정책과장", 30),
            ],
        )

    # The next quarterly meeting in the present (the 2016 calendar alone would leave every portal empty):
    # noticed, agenda published, three weeks ahead on a working day. Idempotent within a quarter.
    today = timezone.localdate()
    day = calendar.next_working_day(today + dt.timedelta(days=21))
    quarter = (day.month - 1) // 3 + 1
    upcoming = _meeting(
        f"추진운영위원회 {day.year}년 {quarter}분기 정기회의",
        [steering],
        dt.datetime.combine(day, seoul_16, tzinfo=SEOUL),
        90,
        kind="regular",
        place="구청 8층 대회의실",
        status=Meeting.Status.NOTICE_SENT,
        notice_sent_at=timezone.now(),
        agenda_published=True,
    )
    upcoming_items = _items(
        upcoming,
        [
            ("report", "사업성과 종합 보고", "자치행정팀장", 15),
            ("resolution", f"{day.year + 1}년 찾아가는 동 주민센터 운영계획(안)", "자치행정과장", 30),
            ("deliberation", "민간협의체 제안 사업 검토", "민간 공동위원장", 20),
        ],
    )
    _interests(upcoming, upcoming_items[2], today)

    # This month's 사업성과 회의 (the 10th, on a working day), which reviews last month's reports: the
    # consolidated report can be attached to its agenda from the reports dashboard.
    tenth = calendar.next_working_day(today.replace(day=10))
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).month
    review_starts = dt.datetime.combine(tenth, seoul_16, tzinfo=SEOUL)
    review = _meeting(
        f"사업성과 회의 {tenth.year}. {tenth.month}.",
        [task_force],
        review_starts,
        60,
        kind="regular",
        purpose=MeetingPurpose.PERFORMANCE_REVIEW,
        place="자치행정과 회의실",
        status=Meeting.Status.HELD if tenth < today else Meeting.Status.NOTICE_SENT,
        notice_sent_at=review_starts - dt.timedelta(days=7),
        agenda_published=True,
    )
    _items(
        review,
        [
            ("report", f"{last_month}월 분야별(마을·복지·보건) 사업성과 보고", "자치행정팀장", 30),
            ("deliberation", "미제출·지연 조직 후속 조치", "자치행정과장", 15),
        ],
    )

    # An open 소집 요구 of the 추진운영위원회, signed by three members in office today (threshold 15 → 5).
    if not ConveningRequest.objects.filter(body=steering).exists():
        signers = list(
            Membership.objects.filter(body=steering, seat__group__kind="appointed")
            .filter(start__lte=today, end__gte=today)
            .exclude(person__user__isnull=False)
            .order_by("pk")[:3]
        )
        if signers:
            request = services.convening_request_open(
                actor=None,
                body=steering,
                membership=signers[0],
                reason="동 주민센터 인력 재배치 계획에 관한 임시회의 소집을 요구합니다.",
            )
            for m in signers[1:]:
                services.convening_request_sign(actor=None, request=request, membership=m)
    return {
        "series": len(series),
        "meetings_generated": generated,
        "meetings": Meeting.objects.count(),
        "votes": sum(i.votes.count() for i in q_items),
    }


def _interests(meeting: Meeting, item: AgendaItem, today: dt.date) -> None:
    """이해충돌 on the upcoming meeting: one member declares an interest in the council's proposal and asks
    to step aside, another declares none, and a third files 기피 신청 against a fourth (pending), so the
    secretary's page has something to decide. Never the demo member account, which still has everything
    to answer. Once only."""
    if InterestDeclaration.objects.filter(item=item).exists():
        return
    appointed = list(
        Membership.objects.filter(body__in=meeting.bodies.all(), seat__group__kind="appointed")
        .filter(start__lte=today, end__gte=today)
        .exclude(person__user__isnull=False)
        # the demo member account's person (linked after this loader runs: committees.demo.accounts)
        .exclude(person__note="[demo:steering:2:0]")
        .order_by("pk")[:4]
    )
    if len(appointed) < 4:
        return
    services.interest_declare(
        actor=None,
        item=item,
        membership=appointed[0],
        has_interest=True,
        kind=InterestDeclaration.Kind.OFFICER,
        description="민간협의체 제안 단체의 이사로 재직 중",
        asks_step_aside=True,
    )
    services.interest_declare(actor=None, item=item, membership=appointed[1], has_interest=False)
    services.challenge_file(
        actor=None,
        item=item,
        filed_by=appointed[2],
        against=appointed[3],
        reasons="제안 단체 대표와 친족 관계로 알려져 있음",
    )


def _approve(meeting: Meeting, remarks: str) -> None:
    """Write and approve the minutes through the services, as a secretary would: held → minutes_draft →
    minutes_approved (the lifecycle refuses approving minutes that were never drafted)."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or minutes.status == Minutes.Status.DRAFT:
        minutes = services.minutes_save(actor=None, meeting=meeting, remarks=remarks, is_public=True)
        services.minutes_approve(actor=None, minutes=minutes)
