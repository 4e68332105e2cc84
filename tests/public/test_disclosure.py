"""The public site shows what is public and nothing else: a test generated over every public URL."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from meetings import public_urls
from tests.public.conftest import MARKERS, YEAR

pytestmark = pytest.mark.django_db


def _urls(world) -> list[str]:
    """Every public URL pattern, filled with every object of the world (so also the ones that 404)."""
    meetings = [m.pk for m in world["meetings"]]
    bodies = [world["body"].pk, world["closed"].pk]
    out = []
    for pattern in public_urls.urlpatterns:
        name = f"public:{pattern.name}"
        params = list(pattern.pattern.converters)
        if not params:
            out.append(reverse(name))
            if pattern.name == "calendar":
                out += [
                    f"{reverse(name)}?year={m.starts_at.year}&month={m.starts_at.month}"
                    for m in world["meetings"]
                ]
        elif pattern.name in ("body",):
            out += [reverse(name, args=[pk]) for pk in bodies]
        elif pattern.name == "body_year":
            out += [reverse(name, args=[pk, YEAR]) for pk in bodies]
        elif pattern.name == "attachment":
            out += [reverse(name, args=[a.pk]) for m in world["meetings"] for a in m.attachments.all()]
        else:
            out += [reverse(name, args=[pk]) for pk in meetings]
    return out


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    if response.get("Content-Type") == "application/pdf":
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return response.content.decode()


def test_no_private_marker_on_any_public_page(public_world):
    client = Client()
    seen = {}
    for url in _urls(public_world):
        response = client.get(url)
        seen[url] = response.status_code
        assert response.status_code in (200, 404), url
        if response.status_code == 200:
            text = _text(response)
            found = [marker for marker in MARKERS if marker in text]
            assert found == [], (url, found)
    # the walk reached real pages, not only 404s: every pattern answered 200 at least once
    answered = {reverse("public:index")} | {u for u, s in seen.items() if s == 200}
    assert len(answered) >= len(public_urls.urlpatterns)
    for pattern in public_urls.urlpatterns:
        assert any(s == 200 for u, s in seen.items() if u.startswith(_prefix(pattern))), pattern.name


def _prefix(pattern) -> str:
    route = str(pattern.pattern)
    return "/public/" + route.split("<")[0]


def test_public_pages_show_what_they_exist_to_show(public_world):
    client = Client()
    w = public_world
    body = client.get(reverse("public:body", args=[w["body"].pk])).content.decode()
    assert "공개위원 · 마장동 주민자치회" in body and "구청장" in body
    closed = client.get(reverse("public:body", args=[w["closed"].pk])).content.decode()
    assert "위촉직 위원의 명단은" in closed
    month = w["held"].starts_at
    calendar = client.get(reverse("public:calendar"), {"year": month.year, "month": month.month})
    assert "공개회의" in calendar.content.decode()
    minutes = client.get(reverse("public:minutes", args=[w["held"].pk])).content.decode()
    assert "공개발언요지" in minutes and "공개안건" in minutes and "회피·제척: 공개위원" in minutes
    assert "찬성 1" in minutes
    meeting = client.get(reverse("public:meeting", args=[w["held"].pk])).content.decode()
    assert "공개자료.pdf" in meeting
    planned = client.get(reverse("public:meeting", args=[w["planned"].pk])).content.decode()
    assert "안건이 아직 공개되지 않았습니다." in planned
    for key in ("private", "approved", "cancelled", "planned"):
        assert client.get(reverse("public:minutes", args=[w[key].pk])).status_code == 404, key
    assert client.get(reverse("public:meeting", args=[w["cancelled"].pk])).status_code == 404
    year = client.get(reverse("public:body_year", args=[w["body"].pk, YEAR])).content.decode()
    assert "공개안건" in year and "가결 1건, 부결 0건" in year
    assert "100.0%" in year  # both members present at the one meeting with a recorded attendance


def test_public_pages_cacheable_without_cookies(public_world):
    client = Client()
    for url in _urls(public_world):
        response = client.get(url)
        if response.status_code != 200:
            continue
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"], url
        assert "Set-Cookie" not in response.headers and not response.cookies, url
        assert "cookie" not in response.get("Vary", "").lower(), url


def test_public_page_etag_answers_not_modified(public_world):
    client = Client()
    url = reverse("public:body", args=[public_world["body"].pk])
    etag = client.get(url)["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_sitemap_and_robots(public_world):
    client = Client()
    sitemap = client.get(reverse("public:sitemap")).content.decode()
    assert reverse("public:minutes", args=[public_world["held"].pk]) in sitemap
    assert reverse("public:minutes", args=[public_world["private"].pk]) not in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/public/sitemap.xml" in robots


def test_public_titles_name_the_page(public_world):
    page = Client().get(reverse("public:body", args=[public_world["body"].pk])).content.decode()
    assert "<title>공개기구 · 성동구 민관거버넌스</title>" in page
