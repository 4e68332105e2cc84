"""Demo data from the 2015 plan (자치행정과-23310): units, posts, the four bodies with their exact
composition and rules, two dong-level 시공자문팀, and fictional people (only the public titles are real).

Idempotent: every record is looked up by its natural key before it is created.
"""

from __future__ import annotations

import datetime as dt
import zlib

from committees import services
from committees.demo.names import Names
from committees.models import Body, Gender, Membership, OrgUnit, Person, Post, PostHolding, SeatGroup

D = dt.date


def _unit(name, kind, parent=None, order=0) -> OrgUnit:
    unit, _ = OrgUnit.objects.get_or_create(parent=parent, name=name, defaults={"kind": kind, "order": order})
    return unit


def _post(unit, name, order=0) -> Post:
    post, _ = Post.objects.get_or_create(unit=unit, name=name, defaults={"order": order})
    return post


def _person(names: Names, gender: str, affiliation: str, title: str, key: str) -> Person:
    """`key` makes the person findable again on a second run (kept in the note, visible to staff only)."""
    marker = f"[demo:{key}]"
    person = Person.objects.filter(note=marker).first()
    if person:
        return person
    name = names.next(gender)
    slug = key.replace(":", "-")
    if not slug.isascii():  # a Korean post name in the key: e-mail local parts must stay ASCII to validate
        slug = f"person-{zlib.crc32(key.encode()):08x}"
    return Person.objects.create(
        name=name,
        gender=gender,
        affiliation=affiliation,
        title=title,
        email=f"{slug}@example.org",
        phone="02-2286-" + f"{zlib.crc32(key.encode()) % 10000:04d}",
        note=marker,
    )


def _hold(post: Post, person: Person, start: dt.date) -> None:
    if not PostHolding.objects.filter(post=post, person=person).exists():
        services.post_holder_change(actor=None, post=post, person=person, start=start)


def _body(name, kind, **fields) -> Body:
    body, _created = Body.objects.get_or_create(name=name, defaults={"kind": kind, **fields})
    return body


def _group(
    body, label, kind, *, effective, count=1, post=None, field="", recommender="", qualification="", order=0
):
    group = SeatGroup.objects.filter(body=body, label=label).first()
    if group is None:
        group = SeatGroup(
            body=body,
            label=label,
            kind=kind,
            count=count,
            post=post,
            field=field,
            recommender=recommender,
            qualification=qualification,
            order=order,
        )
        services.seat_group_save(actor=None, group=group, effective=effective)
    return group


def _appoint(group, person, start, end, *, role=Membership.Role.MEMBER, reason=""):
    if Membership.objects.filter(body=group.body, person=person, start=start).exists():
        return
    taken = set(
        Membership.objects.filter(seat__group=group, start__lte=end)
        .exclude(end__lt=start)
        .values_list("seat__number", flat=True)
    )
    seat = group.seats.exclude(number__in=taken).order_by("number").first()
    services.membership_appoint(
        actor=None, seat=seat, person=person, role=role, start=start, end=end, gender_exception_reason=reason
    )


def load(stdout=None) -> dict:
    names = Names()
    M, F = Gender.MALE, Gender.FEMALE
    K = OrgUnit.Kind

    # --- organisation (units and posts named in the plan) -------------------------------------------
    gu = _unit("성동구청", K.OFFICE)
    mayor = _post(gu, "구청장")
    admin_bureau = _unit("행정관리국", K.BUREAU, gu, 1)
    life_bureau = _unit("주민생활국", K.BUREAU, gu, 2)
    health = _unit("보건소", K.BUREAU, gu, 3)
    autonomy = _unit("자치행정과", K.DIVISION, admin_bureau, 1)
    general = _unit("총무과", K.DIVISION, admin_bureau, 2)
    welfare = _unit("복지정책과", K.DIVISION, life_bureau, 1)
    village = _unit("마을공동체담당관", K.DIVISION, life_bureau, 2)
    disease = _unit("질병예방과", K.DIVISION, health, 1)
    posts = {
        "행정관리국장": _post(admin_bureau, "행정관리국장"),
        "주민생활국장": _post(life_bureau, "주민생활국장"),
        "보건소장": _post(health, "보건소장"),
        "자치행정과장": _post(autonomy, "자치행정과장"),
        "총무과장": _post(general, "총무과장"),
        "복지정책과장": _post(welfare, "복지정책과장"),
        "마을공동체담당관": _post(village, "마을공동체담당관"),
        "질병예방과장": _post(disease, "질병예방과장"),
        "자치행정팀장": _post(_unit("자치행정팀", K.TEAM, autonomy, 1), "자치행정팀장"),
        "인사팀장": _post(_unit("인사팀", K.TEAM, general, 1), "인사팀장"),
        "복지기획팀장": _post(_unit("복지기획팀", K.TEAM, welfare, 1), "복지기획팀장"),
        "마을기획팀장": _post(_unit("마을기획팀", K.TEAM, village, 1), "마을기획팀장"),
        "방문보건팀장": _post(_unit("방문보건팀", K.TEAM, disease, 1), "방문보건팀장"),
    }
    dongs = {}
    for order, dong in enumerate(["금호1가동", "금호2·3가동", "마장동", "행당1동", "왕십리도선동"], start=10):
        unit = _unit(f"{dong} 주민센터", K.DONG, gu, order)
        dongs[dong] = unit
        posts[f"{dong}장"] = _post(unit, f"{dong}장")
        for team in ("기초복지팀", "생활복지팀", "마을행정팀"):
            posts[f"{dong} {team}장"] = _post(_unit(team, K.TEAM, unit, 1), f"{team}장")
    support_unit = _unit("성동구 추진지원단", K.EXTERNAL, None, 90)
    posts["추진지원단 대표"] = _post(support_unit, "추진지원단 대표")
    posts = {"구청장": mayor, **posts}

    # --- officials: one holder until 2019, the current one since 2020 (history shows the move) -------
    for i, (key, post) in enumerate(posts.items()):
        if key == "추진지원단 대표":
            continue
        first = _person(names, M if i % 2 else F, str(post.unit), post.name, f"post:{key}:1")
        second = _person(names, F if i % 2 else M, str(post.unit), post.name, f"post:{key}:2")
        _hold(post, first, D(2015, 7, 1))
        # the ex officio seats need to exist before the move for it to carry them; done below
        post.demo_second = second

    # --- bodies and their rules (DOMAIN.md §1, §2, §5) --------------------------------------------
    steering = _body(
        "추진운영위원회",
        Body.Kind.STEERING,
        order=1,
        term_years=2,
        description="찾아가는 동 주민센터 사업의 기본방향 및 운영방안 자문. 추진단·추진지원단·민간협의체를 총괄하는 최종 결정기구.",
        quorum_rule=Body.QuorumRule.ENROLLED_MAJORITY,
        decision_rule=Body.DecisionRule.PRESENT_MAJORITY,
        tie_rule=Body.TieRule.REJECT,
        convening_numerator=1,
        convening_denominator=3,
        notice_days=5,
        urgent_notice_days=1,
        secretary_post=posts["자치행정과장"],
        reappointment_limit=1,
    )
    council = _body(
        "민간협의체",
        Body.Kind.COUNCIL,
        parent=steering,
        order=2,
        description="사업의 실질적 동력을 이끄는 민간단위 실무협의체. 마을, 복지, 보건 등 민간자원 네트워킹.",
        quorum_rule=Body.QuorumRule.NONE,
    )
    task_force = _body(
        "추진단",
        Body.Kind.TASK_FORCE,
        parent=steering,
        order=3,
        gender_balance_applies=False,
        description="사업의 실질적 동력을 이끄는 행정단위 실무협의체. 실무 분야별 회의와 통합회의로 업무 추진사항 협의.",
        quorum_rule=Body.QuorumRule.NONE,
        # the plan: the monthly 사업성과 회의 of the 추진단 "필요시 서면 가능"
        allows_written_resolution=True,
        secretary_post=posts["자치행정팀장"],
    )
    support = _body(
        "추진지원단",
        Body.Kind.SUPPORT,
        parent=steering,
        order=4,
        description="시·구·동 정책적합성 확보 및 현장 지원(컨설팅), 모니터링, 민간 자원조사·발굴 지원. 2015. 9. 1.부터 임무 수행.",
        quorum_rule=Body.QuorumRule.NONE,
    )
    A, X = SeatGroup.Kind.APPOINTED, SeatGroup.Kind.EX_OFFICIO
    e2016 = D(2016, 1, 15)
    for order, (label, key) in enumerate(
        [
            ("구청장", "구청장"),
            ("행정관리국장", "행정관리국장"),
            ("주민생활국장", "주민생활국장"),
            ("보건소장", "보건소장"),
            ("마을공동체담당관", "마을공동체담당관"),
            ("동장 (금호1가동장)", "금호1가동장"),
            ("구 추진지원단", "추진지원단 대표"),
        ]
    ):
        _group(steering, label, X, post=posts[key], effective=e2016, order=order)
    steering_fields = _group(
        steering,
        "복지·보건·마을 분야",
        A,
        count=5,
        field="복지·보건·마을",
        recommender="민간협의체 추천",
        effective=e2016,
        order=10,
    )
    steering_other = _group(
        steering,
        "사회적경제 등 기타분야",
        A,
        count=1,
        field="사회적경제 등 기타",
        recommender="민간협의체 추천",
        effective=e2016,
        order=11,
    )
    steering_resident = _group(
        steering,
        "주민자치분야",
        A,
        count=1,
        field="주민자치",
        qualification="마장동 주민자치회장",
        effective=e2016,
        order=12,
    )
    steering_city = _group(
        steering,
        "시 추진지원단",
        A,
        count=1,
        field="시 추진지원단",
        recommender="서울시 추진지원단",
        effective=e2016,
        order=13,
    )

    council_groups = [
        _group(
            council,
            "복지분야",
            A,
            count=3,
            field="복지",
            qualification="복지기관의 과장급, 지역사회보장협의체 활동중인 자 등",
            effective=D(2015, 12, 1),
            order=1,
        ),
        _group(
            council,
            "보건분야",
            A,
            count=1,
            field="보건",
            qualification="건강한의료복지사회적협동조합 등",
            effective=D(2015, 12, 1),
            order=2,
        ),
        _group(
            council,
            "마을분야",
            A,
            count=3,
            field="마을",
            qualification="마을공동체위원회, 성동구마을생태계조성지원단 등",
            effective=D(2015, 12, 1),
            order=3,
        ),
        _group(
            council,
            "기타분야",
            A,
            count=1,
            field="기타",
            qualification="사회적경제협의회 등",
            effective=D(2015, 12, 1),
            order=4,
        ),
    ]
    for order, (label, key) in enumerate(
        [
            ("복지기획팀장", "복지기획팀장"),
            ("동 기초복지팀장", "금호1가동 기초복지팀장"),
            ("방문보건팀장", "방문보건팀장"),
            ("동 생활복지팀장", "금호1가동 생활복지팀장"),
            ("마을기획팀장", "마을기획팀장"),
            ("동 마을행정팀장", "금호1가동 마을행정팀장"),
            ("인사팀장", "인사팀장"),
            ("자치행정팀장", "자치행정팀장"),
        ]
    ):
        _group(task_force, label, X, post=posts[key], effective=e2016, order=order)
    support_groups = [
        _group(support, label, A, count=1, field=label, effective=D(2015, 9, 1), order=i)
        for i, label in enumerate(["컨설팅", "모니터링", "자원발굴"])
    ]

    # 구청장 co-chairs the steering committee by post; the move below carries the role.
    Membership.objects.filter(body=steering, seat__group__post=mayor, role=Membership.Role.MEMBER).update(
        role=Membership.Role.CO_CHAIR_OFFICIAL
    )

    # --- appointed members: the plan's 2016 cohort and the current one -----------------------------
    for cohort, start in ((1, D(2016, 1, 15)), (2, D(2026, 1, 15))):
        end = D(start.year + 2, start.month, start.day) - dt.timedelta(days=1)
        genders = [F, M, F, M, F, M, F, M]
        fields = [
            (steering_fields, "복지관 관장"),
            (steering_fields, "보건의료협동조합 이사"),
            (steering_fields, "마을활동가"),
            (steering_fields, "지역사회보장협의체 위원"),
            (steering_fields, "마을공동체 대표"),
            (steering_other, "사회적경제협의회 대표"),
            (steering_resident, "마장동 주민자치회장"),
            (steering_city, "서울시 추진지원단"),
        ]
        for i, ((group, title), gender) in enumerate(zip(fields, genders, strict=True)):
            person = _person(names, gender, "성동구 민간위원", title, f"steering:{cohort}:{i}")
            _appoint(group, person, start, end)

    for cohort, start in ((1, D(2015, 12, 1)), (2, D(2025, 12, 1))):
        end = D(start.year + 2, start.month, start.day) - dt.timedelta(days=1)
        plan = [
            (council_groups[0], 3),
            (council_groups[1], 1),
            (council_groups[2], 3),
            (council_groups[3], 1),
        ]
        i = 0
        for group, n in plan:
            for _ in range(n):
                person = _person(
                    names,
                    F if i % 2 == 0 else M,
                    "민간협의체",
                    f"{group.field}분야 위원",
                    f"council:{cohort}:{i}",
                )
                _appoint(group, person, start, end)
                i += 1

    for cohort, start in ((1, D(2015, 9, 1)), (2, D(2025, 9, 1))):
        end = D(start.year + 2, start.month, start.day) - dt.timedelta(days=1)
        for i, group in enumerate(support_groups):
            person = _person(
                names, [F, M, F][i], "성동구 추진지원단", f"{group.field} 담당", f"support:{cohort}:{i}"
            )
            reason = ""
            if i == 2:
                reason = "3인 구성이라 한 성별 최대 1명(10분의 6) 기준을 충족할 수 없어 예외로 위촉 (양성평등기본법 제21조②)."
            _appoint(group, person, start, end, reason=reason)
            if i == 0:
                # The support team's representative holds the ex officio seat on the steering committee.
                rep = posts["추진지원단 대표"]
                if not PostHolding.objects.filter(post=rep, person=person).exists():
                    current = PostHolding.objects.filter(post=rep, end__isnull=True).first()
                    hold_from = max(start, current.start + dt.timedelta(days=1)) if current else start
                    services.post_holder_change(actor=None, post=rep, person=person, start=hold_from)

    # --- the personnel move of 2020: every post changes hands, ex officio seats follow --------------
    for post in posts.values():
        second = getattr(post, "demo_second", None)
        if second is not None:
            _hold(post, second, D(2020, 1, 1))

    # --- dong-level bodies (appendix 2: 공간재설계 시공자문팀) -----------------------------------------
    for dong, full in ((dongs["금호2·3가동"], True), (dongs["마장동"], False)):
        name = f"{dong.name.replace(' 주민센터', '')} 시공자문팀"
        panel = _body(
            name,
            Body.Kind.DONG_PANEL,
            dong_unit=dong,
            order=20,
            term_years=1,
            quorum_rule=Body.QuorumRule.NONE,
            description="찾아가는 동 주민센터 공간재설계: 주민 아이디어 수집과 의견 수렴 (동별 3~5회, 2015. 5.~6.).",
        )
        dong_key = dong.name.replace(" 주민센터", "")
        _group(panel, "동장", X, post=posts[f"{dong_key}장"], effective=D(2015, 5, 1), order=0)
        residents = _group(
            panel,
            "주민 시공자문위원",
            A,
            count=10,
            field="주민",
            qualification="주민자치위원, 동 직능단체원, 자치회관 프로그램 이용주민, 기타 관심주민",
            effective=D(2015, 5, 1),
            order=1,
        )
        architect = _group(panel, "공공건축가", A, count=1, field="건축", effective=D(2015, 5, 1), order=2)
        start, end = D(2015, 5, 1), D(2015, 12, 31)
        for i in range(10 if full else 6):
            person = _person(
                names, F if i % 2 else M, f"{dong_key} 주민", "시공자문위원", f"panel:{dong_key}:{i}"
            )
            _appoint(residents, person, start, end)
        person = _person(names, F if full else M, "공공건축가", "공공건축가", f"panel:{dong_key}:architect")
        _appoint(architect, person, start, end)

    return {
        "bodies": Body.objects.count(),
        "persons": Person.objects.count(),
        "memberships": Membership.objects.count(),
    }
