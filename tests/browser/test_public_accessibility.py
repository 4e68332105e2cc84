"""axe over the public disclosure site (KWCAG 2.2) at desktop width and at 390 px, as an anonymous
visitor: no serious or critical violation on any public page."""

from __future__ import annotations

import json

import pytest

from tests.browser.test_accessibility import _check


def _public_pages() -> list[str]:
    from django.urls import reverse

    from committees.models import Body
    from meetings import services
    from meetings.models import Meeting, Minutes

    steering = Body.objects.get(name="추진운영위원회")
    held = Meeting.objects.get(title="추진운영위원회 2016년 1분기 정기회의")
    minutes = Minutes.objects.get(meeting=held)
    if minutes.status == Minutes.Status.APPROVED:
        services.minutes_lock(actor=None, minutes=minutes)  # the public sees locked minutes only
    return [
        reverse("public:index"),
        reverse("public:body", args=[steering.pk]),
        reverse("public:body_year", args=[steering.pk, 2016]),
        reverse("public:calendar") + "?year=2016&month=3",
        reverse("public:meeting", args=[held.pk]),
        reverse("public:minutes", args=[held.pk]),
    ]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "390px"])
def test_public_pages_have_no_serious_axe_violation(demo_live, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    problems: dict[str, object] = {}
    for url in _public_pages():
        response = page.goto(url)
        if response is None or response.status != 200:
            problems[url] = f"HTTP {response.status if response else '—'}"
            continue
        violations = _check(page)
        if violations:
            problems[url] = violations
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
