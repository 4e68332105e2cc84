"""The home page keeps its district-wide panels per user under the data version
(seongdong_gov.dashboard.rendered_panels): seen again, it reads one version query for them; a change made
through the services shows at once; no user ever sees another's panels."""

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from tests import factories


def _section(html: str, panel_id: str) -> str:
    match = re.search(rf'<section[^>]*aria-labelledby="{panel_id}".*?</section>', html, re.S)
    assert match, f"panel {panel_id} missing"
    return match.group(0)


def _vacant_body():
    today = timezone.localdate()
    body = factories.BodyFactory(name="공석위원회", gender_balance_applies=False)
    group = factories.seat_group(body, count=2, effective=today - dt.timedelta(days=30))
    return body, group, today


def test_home_seen_again_reads_the_version_instead_of_the_panels(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _vacant_body()
    client.force_login(factories.staff_user())
    with CaptureQueriesContext(connection) as first:
        page = client.get(reverse("home")).content.decode()
    with CaptureQueriesContext(connection) as again:
        repeat = client.get(reverse("home")).content.decode()
    alerts = _section(page, "panel-appointment-alerts")
    assert "공석위원회" in alerts
    assert _section(repeat, "panel-appointment-alerts") == alerts
    assert len(again) <= len(first) - 8, (len(first), len(again))


def test_a_change_through_the_services_shows_at_once(client, db):
    _body, group, today = _vacant_body()
    client.force_login(factories.staff_user())
    before = _section(client.get(reverse("home")).content.decode(), "panel-appointment-alerts")
    assert before.count("공석위원회") == 2  # both seats vacant
    factories.appoint(
        group,
        factories.PersonFactory(name="새위원"),
        start=today - dt.timedelta(days=1),
        end=today.replace(year=today.year + 2),
    )
    after = _section(client.get(reverse("home")).content.decode(), "panel-appointment-alerts")
    assert after.count("공석위원회") == 1


def test_no_user_sees_another_users_cached_panels(client, db):
    today = timezone.localdate()
    body = factories.BodyFactory(name="내위원회", gender_balance_applies=False)
    person = factories.PersonFactory(name="위원겸담당")
    factories.member(body, person, start=today - dt.timedelta(days=10), end=today + dt.timedelta(days=300))
    with_seat = factories.user_for(person, username="staff_with_seat")
    other = factories.staff_user("other_staff")
    with_seat.groups.set(other.groups.all())
    client.force_login(with_seat)
    assert "내위원회" in _section(client.get(reverse("home")).content.decode(), "panel-mine")
    client.force_login(other)  # the same roles but no seat: the same data version, another user
    assert 'aria-labelledby="panel-mine"' not in client.get(reverse("home")).content.decode()


def test_a_user_whose_roles_change_never_sees_panels_drawn_for_the_former_roles(client, db):
    _vacant_body()
    staff = factories.staff_user()
    client.force_login(staff)
    assert 'aria-labelledby="panel-appointment-alerts"' in client.get(reverse("home")).content.decode()
    # the group removed without an audit entry (as Django's own user admin would): same data version
    staff.groups.clear()
    assert 'aria-labelledby="panel-appointment-alerts"' not in client.get(reverse("home")).content.decode()
