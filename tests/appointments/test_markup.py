"""Rows written in Python (appointments.markup, issue 14): 기구별 위촉 현황 and the alert lists show each
value escaped, their links and their empty states, as the templates' loops did."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from appointments import services
from appointments.markup import alert_rows_html, body_index_rows_html
from appointments.selectors import LowAttendance
from tests import factories

NAME = '<b>&"'


def test_body_index_rows_link_each_body_and_count_its_unrecorded_memberships(login, db):
    unrecorded = factories.BodyFactory(name=f"{NAME}위원회", gender_balance_applies=False)
    group = factories.seat_group(unrecorded, count=3)
    for n in (1, 2):
        factories.appoint(group, factories.PersonFactory(), seat_number=n)
    recorded = factories.BodyFactory(name="기록위원회", gender_balance_applies=False)
    membership = factories.appoint(factories.seat_group(recorded, count=1), factories.PersonFactory())
    services.appointment_record(actor=None, membership=membership, recommended_by="주민")
    html = login(factories.staff_user()).get(reverse("appointments:bodies")).content.decode()
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")[:-1]
    assert len(rows) == 2
    first = next(row for row in rows if reverse("appointments:body", args=[unrecorded.pk]) in row)
    assert (
        f'<th scope="row"><a href="{reverse("appointments:body", args=[unrecorded.pk])}">'
        "&lt;b&gt;&amp;&quot;위원회</a></th>"
    ) in first
    assert '<td><span class="text-danger">2건</span></td>' in first
    second = next(row for row in rows if reverse("appointments:body", args=[recorded.pk]) in row)
    assert "<td>-</td>" in second and "text-danger" not in second
    assert NAME not in html
    assert (
        str(body_index_rows_html([])) == '<tr><td colspan="2">위촉직 좌석이 있는 기구가 없습니다.</td></tr>'
    )


def test_alert_rows_show_ending_terms_and_vacant_seats_escaped_with_the_body_link(login, db):
    today = timezone.localdate()
    body = factories.BodyFactory(name=f"{NAME}위원회", gender_balance_applies=False)
    group = factories.seat_group(body, label=f"위촉{NAME}", count=2, effective=today - dt.timedelta(days=800))
    end = today + dt.timedelta(days=5)
    factories.appoint(
        group, factories.PersonFactory(name=f"김{NAME}"), start=today - dt.timedelta(days=700), end=end,
        seat_number=1,
    )  # fmt: skip
    client = login(factories.staff_user())
    link = f'<a href="{reverse("committees:body_detail", args=[body.pk])}">&lt;b&gt;&amp;&quot;위원회</a>'
    ending = client.get(reverse("appointments:alerts")).content.decode()
    tbody = ending.split("<tbody>")[1].split("</tbody>")[0]
    assert tbody == (
        f'<tr><td>{link}</td><th scope="row">김&lt;b&gt;&amp;&quot;</th>'
        f"<td>{end.year}. {end.month}. {end.day}.</td></tr>\n  "
    )
    vacant = client.get(reverse("appointments:alerts") + "?list=vacant").content.decode()
    tbody = vacant.split("<tbody>")[1].split("</tbody>")[0]
    assert tbody == f'<tr><td>{link}</td><th scope="row">위촉&lt;b&gt;&amp;&quot; 2</th></tr>\n  '
    assert NAME not in ending and NAME not in vacant
    assert str(alert_rows_html("ending", [], can_end=False)) == '<tr><td colspan="3">없습니다.</td></tr>'
    assert str(alert_rows_html("vacant", [], can_end=True)) == '<tr><td colspan="2">없습니다.</td></tr>'


def test_alert_rows_show_low_attendance_and_the_end_link_to_administrators_only(db):
    body = factories.BodyFactory(name=f"{NAME}위원회", gender_balance_applies=False)
    group = factories.seat_group(body, count=2)
    recorded = factories.appoint(group, factories.PersonFactory(name=f"김{NAME}"), seat_number=1)
    appointment = services.appointment_record(actor=None, membership=recorded)
    bare = factories.appoint(group, factories.PersonFactory(name="이위원"), seat_number=2)
    rows = [LowAttendance(recorded, 1, 4), LowAttendance(bare, 0, 3)]
    link = f'<a href="{reverse("committees:body_detail", args=[body.pk])}">&lt;b&gt;&amp;&quot;위원회</a>'
    end = reverse("appointments:end", args=[appointment.pk])
    assert str(alert_rows_html("low", rows, can_end=True)) == (
        f'<tr><td>{link}</td><th scope="row">김&lt;b&gt;&amp;&quot;</th>\n'
        f'    <td>4회 중 1회 출석 (25%)</td>\n    <td><a href="{end}">위촉 종료</a></td></tr>\n  '
        f'<tr><td>{link}</td><th scope="row">이위원</th>\n'
        f"    <td>3회 중 0회 출석 (0%)</td>\n    <td></td></tr>\n  "
    )
    staff = str(alert_rows_html("low", rows, can_end=False))
    assert end not in staff and "<td></td>" not in staff and "4회 중 1회 출석 (25%)" in staff
    assert str(alert_rows_html("low", [], can_end=True)) == '<tr><td colspan="4">없습니다.</td></tr>'
    assert str(alert_rows_html("low", [], can_end=False)) == '<tr><td colspan="3">없습니다.</td></tr>'
