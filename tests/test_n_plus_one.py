"""The N+1 detector itself: a test that loads a relation row by row fails under `no_n_plus_one`,
and the same read with the relation joined passes."""

import datetime as dt

import pytest
from django.utils import timezone
from zeal import NPlusOneError

from committees.models import Membership
from tests import factories


@pytest.fixture
def memberships(db):
    body = factories.BodyFactory()
    for _ in range(3):
        factories.member(body)


def test_n_plus_one_detected(memberships, no_n_plus_one):
    with pytest.raises(NPlusOneError), no_n_plus_one():
        [m.person.name for m in Membership.objects.all()]


def test_joined_relation_passes(memberships, no_n_plus_one):
    with no_n_plus_one():
        assert len([m.person.name for m in Membership.objects.select_related("person")]) == 3


# --- every page of the URL configuration (issue 14 §2) ------------------------------------------------


@pytest.fixture
def more_rows(demo):
    """The demo plus enough rows of the kinds the demo has few of, so that every list on the pages has
    at least three rows and a relation loaded per row repeats (zeal flags a query repeated from one call
    site): more meetings of the largest body, with attendance, and more certificates."""
    from appointments import services as appointment_services
    from appointments.models import Appointment
    from bench.pages import Fixtures
    from meetings.models import Attendance

    f = Fixtures(big=False)
    for i in range(3):
        starts = timezone.now().replace(hour=7, minute=0) - dt.timedelta(days=7 * (i + 1))
        meeting = factories.MeetingFactory(
            title=f"추가 회의 {i}", host_body=f.body, status="held", bodies=[f.body], starts_at=starts
        )
        for membership in f.body.memberships.filter(end__isnull=True)[:5]:
            Attendance.objects.create(meeting=meeting, membership=membership, status="present")
    without = Appointment.objects.filter(certificates__isnull=True)[:3]
    if without:
        appointment_services.certificate_issue(
            actor=None, appointments=list(without), issued_on=dt.date.today(), ceremony=""
        )
    return f


def test_no_page_of_the_url_conf_loads_a_relation_row_by_row(more_rows, client, no_n_plus_one):
    """Every GET page of the URL configuration (the benchmark's registry, which
    tests/test_bench_coverage.py keeps complete: a new page without an entry fails there, a new page
    with an N+1 fails here), requested by its role under django-zeal."""
    from django.contrib.auth import get_user_model
    from zeal import NPlusOneError

    from bench.pages import targets

    users = {u.username: u for u in get_user_model().objects.all()}
    problems, walked = [], 0
    for t in targets(more_rows):
        if t.skipped:
            continue
        client.logout()
        username = more_rows.username_for(t.role)
        if username:
            client.force_login(users[username])
        try:
            with no_n_plus_one():
                response = client.get(t.path)
                if response.streaming:
                    b"".join(response.streaming_content)
        except NPlusOneError as exc:
            problems.append(f"{t.key} as {t.role} ({t.path}): {str(exc).splitlines()[0]}")
            continue
        assert response.status_code == 200, f"{t.key}: HTTP {response.status_code}"
        walked += 1
    assert walked > 90  # the walk reached the pages (not a registry that resolved to nothing)
    assert not problems, "\n".join(problems)
