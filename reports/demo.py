"""Demo data for monthly reports (development only; idempotent): the three fields of the plan with
their lead departments, indicators, obligations, and reports for 2026 in every state."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from committees.models import OrgUnit
from reports import rules, services
from reports.models import Indicator, Report, ReportingField, ReportingObligation
from reports.rules import SEOUL

FIELDS = [
    # code, name, lead department, lead team (구축계획: 분야별 주관부서–주관팀장)
    ("village", "마을", "마을공동체담당관", "마을행정팀장"),
    ("welfare", "복지", "복지정책과", "기초복지팀장"),
    ("health", "보건", "질병예방과", "생활복지팀장"),
]
INDICATORS = {
    "village": [("마을계획 주민 참여", "명"), ("마을공동체 모임 지원", "건"), ("주민자치 프로그램", "회")],
    "welfare": [("복지 사각지대 발굴", "가구"), ("찾아가는 복지상담", "건"), ("민간자원 연계", "건")],
    "health": [("방문건강관리", "명"), ("만성질환 상담", "건"), ("건강증진 프로그램", "회")],
}
DONGS = ["금호1가동", "금호2·3가동", "마장동", "행당1동", "왕십리도선동"]
MONTHS = [dt.date(2026, 7, 1), dt.date(2026, 8, 1), dt.date(2026, 9, 1), dt.date(2026, 10, 1)]
# The last demo month shows every status on the dashboard; earlier months are mostly accepted.
PATTERN = ["accepted", "on_time", "late", "returned", "missing", "draft"]


def load(stdout=None) -> dict:
    fields = {}
    for order, (code, name, dept_name, team) in enumerate(FIELDS, start=1):
        dept = OrgUnit.objects.filter(name=dept_name).first()
        field, _ = ReportingField.objects.get_or_create(
            code=code, defaults={"name": name, "lead_department": dept, "lead_team": team, "order": order}
        )
        fields[code] = field
        for i, (ind_name, unit) in enumerate(INDICATORS[code], start=1):
            Indicator.objects.get_or_create(field=field, name=ind_name, defaults={"unit": unit, "order": i})
    units = []
    for dong in DONGS:
        unit = OrgUnit.objects.filter(name=f"{dong} 주민센터", kind=OrgUnit.Kind.DONG).first()
        if unit is None:
            continue
        units.append(unit)
        for field in fields.values():
            ReportingObligation.objects.get_or_create(unit=unit, field=field)
    for field in fields.values():
        if field.lead_department_id:
            ReportingObligation.objects.get_or_create(unit_id=field.lead_department_id, field=field)
    created = 0
    obligations = list(
        ReportingObligation.objects.select_related("unit", "field").order_by("unit__order", "field__order")
    )
    officers = _officers({ob.unit for ob in obligations})
    for m_index, month in enumerate(MONTHS):
        last = m_index == len(MONTHS) - 1
        for n, ob in enumerate(obligations):
            if Report.objects.filter(unit=ob.unit, field=ob.field, month=month).exists():
                continue
            state = PATTERN[n % len(PATTERN)] if last else ("late" if n % 7 == 3 else "accepted")
            if state == "missing":
                continue
            _make(ob, month, state, seed=n + m_index * 17)
            created += 1
    return {
        "fields": len(fields),
        "indicators": Indicator.objects.count(),
        "obligations": len(obligations),
        "reports_created": created,
        "officers_created": officers,
    }


def _officers(units) -> int:
    """Give each reporting unit a (login-less) reporting officer with an e-mail address, so the
    reminder command has someone to write to. Units that already have one are left alone."""
    User = get_user_model()
    created = 0
    for unit in sorted(units, key=lambda u: u.pk):
        if unit.reporting_officers.filter(is_active=True).exclude(email="").exists():
            continue
        username = f"demo-report-{unit.pk}"
        user, made = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org", "first_name": unit.name}
        )
        if made:
            user.set_unusable_password()
            user.save()
            created += 1
        unit.reporting_officers.add(user)
    return created


def _make(ob: ReportingObligation, month: dt.date, state: str, *, seed: int) -> None:
    indicators = list(Indicator.objects.filter(field=ob.field, active=True))
    values = {
        ind.pk: Decimal(5 + (seed * 7 + k * 11 + month.month * 3) % 40) for k, ind in enumerate(indicators)
    }
    report = services.report_save_draft(
        actor=None,
        unit=ob.unit,
        field=ob.field,
        month=month,
        values=values,
        narrative={
            "achievements": f"{ob.unit.name} {ob.field.name} 분야 {month.month}월 주요 사업 추진",
            "problems": "참여 인력 부족" if seed % 2 else "",
            "improvements": "민간자원 연계 확대" if seed % 3 else "",
        },
    )
    if state == "draft":
        return
    deadline = rules.nominal_deadline(month)
    when = dt.datetime.combine(deadline, dt.time(17, 30), tzinfo=SEOUL)
    if state == "late":
        when += dt.timedelta(days=4)
    else:
        when -= dt.timedelta(days=2)
    report = services.report_submit(actor=None, report=report, now=when)
    if state == "accepted":
        services.report_accept(actor=None, report=report)
    elif state == "returned":
        services.report_return(actor=None, report=report, comment="실적 근거 자료를 첨부해 주십시오.")
