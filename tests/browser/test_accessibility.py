"""axe-core (served from static/vendor/axe, never a CDN) over the main pages of every demo role.

One test per role keeps the number of demo loads and logins down; every page the role can reach is
loaded, must answer 200, and must have no serious or critical axe violation. All pages are checked
before the test fails, so one run lists every violation of the role.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

AXE_URL = "/static/vendor/axe/axe.min.js"
SERIOUS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary)}));
}"""


STYLED = """() => document.styleSheets.length >= 2
  && [...document.styleSheets].every(s => s.cssRules.length > 0)"""


def _demo_objects() -> dict:
    """Primary keys and URL arguments of demo objects used to fill the URL patterns."""
    from appointments.models import Certificate
    from committees.models import Body, Membership, OrgUnit, Person, Post
    from meetings.models import InterestDeclaration, Meeting
    from reports.models import Report

    steering = Body.objects.get(name="추진운영위원회")
    held = Meeting.objects.get(title="추진운영위원회 2016년 1분기 정기회의")
    ceremony = Meeting.objects.get(title="추진운영위원회 위촉식 및 1차 회의")
    member = Membership.objects.filter(body=steering, person__user__username="member").first()
    dong = OrgUnit.objects.get(name="금호1가동 주민센터", parent__isnull=False)
    own_report = Report.objects.filter(unit=dong).order_by("-month", "field__order").first()
    submitted = Report.objects.exclude(submitted_at__isnull=True).order_by("-month", "pk").first()
    assert Certificate.objects.exists(), "the demo issues the 2016 certificates"
    declared = InterestDeclaration.objects.select_related("item").order_by("pk").first()
    return {
        "upcoming": declared.item.meeting_id,
        "declared_item": declared.item_id,
        "body": steering.pk,
        "meeting": held.pk,
        "ceremony": ceremony.pk,
        "person": member.person_id if member else Person.objects.order_by("pk").first().pk,
        "post": Post.objects.get(name="자치행정과장").pk,
        "dong": dong.pk,
        "own_report": own_report.pk,
        "own_report_edit": (dong.pk, own_report.field.code, own_report.month.year, own_report.month.month),
        "report": submitted.pk,
    }


def _pages(role: str, o: dict) -> list[str]:
    from django.urls import reverse

    def r(name, *args):
        return reverse(name, args=args)

    common = [
        r("home"),
        r("committees:body_list"),
        r("committees:body_detail", o["body"]),
        r("committees:body_chart"),
        r("meetings:portal"),
        r("password_change"),
    ]
    meeting_manage = [
        r("meetings:list"),
        r("meetings:detail", o["meeting"]),
        r("meetings:detail", o["ceremony"]),
        r("meetings:attendance", o["meeting"]),
        r("meetings:live_control", o["meeting"]),
        r("meetings:vote", o["meeting"]),
        r("meetings:evote", o["meeting"]),
        r("meetings:minutes", o["meeting"]),
        r("meetings:minutes_edit", o["meeting"]),
        r("meetings:item_create", o["meeting"]),
        r("meetings:interests", o["upcoming"]),
        r("meetings:convening"),
        r("appointments:create", o["body"]),
    ]
    staff = [
        *meeting_manage,
        r("meetings:create"),
        r("meetings:calendar"),
        r("committees:body_edit", o["body"]),
        r("committees:person_list"),
        r("committees:person_detail", o["person"]),
        r("committees:org"),
        r("committees:post_detail", o["post"]),
        r("committees:post_edit", o["post"]),
        r("reports:list"),
        r("reports:dashboard"),
        r("reports:detail", o["report"]),
        r("reports:edit", *o["own_report_edit"]),
        r("reports:unit_history", o["dong"]),
        r("reports:consolidated"),
        r("reports:field_list"),
        r("appointments:register"),
    ]
    pages = {
        "admin": [*common, *staff, r("appointments:issue")],
        "staff": [*common, *staff],
        "secretary": [*common, *meeting_manage],
        "member": [
            *common,
            r("meetings:list"),
            r("meetings:detail", o["meeting"]),
            r("meetings:minutes", o["meeting"]),
            r("meetings:interests_mine", o["upcoming"]),
            r("meetings:interest_declare", o["upcoming"], o["declared_item"]),
            r("meetings:challenge_file", o["upcoming"], o["declared_item"]),
        ],
        "reporter": [
            *common,
            r("reports:list"),
            r("reports:detail", o["own_report"]),
            r("reports:edit", *o["own_report_edit"]),
            r("reports:unit_history", o["dong"]),
        ],
    }
    return pages[role]


@pytest.mark.parametrize("role", ["admin", "staff", "secretary", "member", "reporter"])
def test_no_serious_or_critical_axe_violation_on_main_pages(role, demo_live, log_in, page):
    pages = _pages(role, _demo_objects())
    log_in(role)
    problems: dict[str, object] = {}
    for url in pages:
        response = page.goto(url)
        if response is None or response.status != 200:
            problems[url] = f"HTTP {response.status if response else '—'} (the {role} should reach this page)"
            continue
        # Colour contrast is only meaningful with the styles applied: a page whose CSS failed to load
        # would pass axe vacuously.
        if not page.evaluate(STYLED):
            problems[url] = "stylesheets not loaded"
            continue
        page.add_script_tag(url=AXE_URL)
        violations = page.evaluate(SERIOUS)
        if violations:
            problems[url] = violations
    assert not problems, f"{role}: {len(problems)} page(s) with problems:\n" + json.dumps(
        problems, ensure_ascii=False, indent=1
    )


def _check(page) -> list:
    assert page.evaluate(STYLED), "stylesheets not loaded"
    page.add_script_tag(url=AXE_URL)
    return page.evaluate(SERIOUS)


def test_login_page_and_its_error_state(demo_live, page):
    page.goto("/accounts/login/")
    assert _check(page) == []
    page.get_by_label("사용자 이름").fill("member")
    page.get_by_label("비밀번호").fill("wrong password")
    page.get_by_role("button", name="로그인").click()
    expect(page.locator(".alert-danger, .invalid-feedback, .errorlist").first).to_be_visible()
    assert _check(page) == []


def test_axe_detects_a_serious_violation(demo_live, log_in, page):
    """The check above can fail: an image without a text alternative is reported as critical."""
    log_in("member")
    page.goto("/")
    page.evaluate(
        "() => { const i = document.createElement('img'); i.src = '/x.png'; document.querySelector('main').append(i); }"
    )
    violations = _check(page)
    assert "image-alt" in {v["id"] for v in violations}
