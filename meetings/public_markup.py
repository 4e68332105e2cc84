"""The public site's long lists written in Python (issue 14): the index's 200 bodies (a `{% url %}`, a
display call and three lookups a row took the template ~10 ms) and the sitemap's URLs (a `reverse()`
and a dozen template lookups each through django.contrib.sitemaps, ~15 ms for 200 bodies). Each writes
what its template wrote (templates/public/index.html, django.contrib.sitemaps' sitemap.xml), escaping
every value."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from committees.models import Body
from seongdong_gov.markup import url_maker
from seongdong_gov.widgets import escape_html as e
from seongdong_gov.widgets import text_html as text


def body_rows_html(bodies: Iterable[Body]) -> SafeString:
    """The index's rows: each public body linked to its page, its kind, seats and members in office."""
    body_url = url_maker("public:body")
    # each row followed by the line break and indent that followed it in the template's loop
    out = "".join(
        f'<tr><th scope="row"><a href="{body_url(b.pk)}">{e(b.name)}</a></th><td>{e(b.get_kind_display())}</td>'
        f'<td class="text-end">{text(b.seat_total)}</td><td class="text-end">{text(b.member_total)}</td></tr>\n  '
        for b in bodies
    )
    return mark_safe(out or f'<tr><td colspan="4">{e(_("공개된 기구가 없습니다."))}</td></tr>')


SITEMAP_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def sitemap_xml(base: str, sections: Iterable[tuple[Iterable[str], str]]) -> str:
    """The sitemap as django.contrib.sitemaps' template writes it (whitespace between tags removed by its
    `{% spaceless %}`): for each section, its paths (absolute, without the host) prefixed with `base`
    ("https://host") and the section's change frequency."""
    urls = "".join(
        f"<url><loc>{e(base + path)}</loc><changefreq>{changefreq}</changefreq></url>"
        for paths, changefreq in sections
        for path in paths
    )
    return f"{SITEMAP_HEAD}{urls}\n</urlset>\n"
