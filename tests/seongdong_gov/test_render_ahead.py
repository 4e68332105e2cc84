"""Documents rendered ahead (issue 14): an audited change names the documents it may change; after commit,
one task a document waits in the worker's "documents" queue; the worker renders them as their downloads
would, so the download is served from the documents cache without rendering."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

import seongdong_gov.documents as renderer
from committees import services as committee_services
from committees.models import Seat
from meetings import services
from meetings.models import AgendaItem, Meeting, Vote
from seongdong_gov import render_ahead
from tests import factories
from tests.docreaders import read_pdf
from tests.outbox import run_worker

SEOUL = ZoneInfo("Asia/Seoul")


def _waiting() -> list[tuple[str, int]]:
    return sorted(
        tuple(a["args"])
        for a in DBTaskResult.objects.ready()
        .filter(queue_name="documents")
        .values_list("args_kwargs", flat=True)
    )


@pytest.fixture
def world(role_world, settings):
    settings.DOCUMENTS_RENDER_DELAY_SECONDS = 0  # the worker of the tests takes only tasks due now
    today = dt.date.today()
    starts = dt.datetime.combine(today + dt.timedelta(days=7), dt.time(16, 0), tzinfo=SEOUL)
    meeting = services.meeting_create(
        actor=None,
        meeting=Meeting(
            title="제5차 정기회의", place="구청 3층", starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
        ),
        bodies=[role_world.body],
    )
    AgendaItem.objects.create(meeting=meeting, order=1, kind="report", title="상반기 사업 보고")
    # the fixture's own changes are not the test's: forget their batch (a request is one transaction; a
    # test runs inside the one its fixtures opened)
    connection.run_on_commit = [
        e for e in connection.run_on_commit if not isinstance(e[1], render_ahead._Batch)
    ]
    return role_world, meeting


def _flat(pdf: bytes) -> str:
    return re.sub(r"\s+", "", read_pdf(pdf)[0])


def test_a_change_enqueues_its_documents_once_after_commit(world, django_capture_on_commit_callbacks):
    role_world, meeting = world
    body = role_world.body
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            services.observer_add(actor=None, meeting=meeting, name="이배석", affiliation="자치행정과")
            services.observer_add(actor=None, meeting=meeting, name="박배석", affiliation="자치행정과")
            assert _waiting() == []  # nothing before the commit
    assert len(callbacks) == 1  # one batch a transaction
    assert _waiting() == [("meeting", meeting.pk)]
    # a second change while the first task still waits adds none
    with django_capture_on_commit_callbacks(execute=True):
        services.observer_add(actor=None, meeting=meeting, name="최배석", affiliation="")
    assert _waiting() == [("meeting", meeting.pk)]
    # renaming a member: the rosters and coming meetings of the person's bodies, found by the worker
    person = role_world.membership.person
    person.name = "개명위원"
    with django_capture_on_commit_callbacks(execute=True):
        committee_services.object_save(actor=None, instance=person)
    assert _waiting() == [("meeting", meeting.pk), ("person", person.pk), ("person-meetings", person.pk)]
    run_worker("documents")  # takes the tasks the person's tasks enqueue too
    assert _waiting() == []
    done = {
        tuple(a["args"])
        for a in DBTaskResult.objects.filter(queue_name="documents", status="SUCCESSFUL").values_list(
            "args_kwargs", flat=True
        )
    }
    assert {("body", body.pk), ("meeting", meeting.pk)} <= done


def test_resolvers_read_nothing_inside_the_change(
    world, login, document_cache, no_rendering, django_assert_num_queries
):
    """They run inside the service's transaction: what needs a read is a key the worker resolves."""
    role_world, meeting = world
    item = AgendaItem.objects.get(meeting=meeting)
    vote = Vote.objects.get(
        pk=factories.VoteFactory(item=item, enrolled=2, present=1, voting=1, yes=1, no=0, required=1).pk
    )
    seat = Seat.objects.filter(group__body=role_world.body).first()
    with django_assert_num_queries(0):
        assert render_ahead.keys_of(vote) == {("meeting-of:agendaitem", item.pk)}
        assert render_ahead.keys_of(seat) == {("seat-group", seat.group_id)}
        assert render_ahead.keys_of(item) == {("meeting", meeting.pk)}
    render_ahead.render("meeting-of:agendaitem", item.pk)
    render_ahead.render("seat-group", seat.group_id)
    no_rendering()
    client = login(role_world.users["secretary"])
    assert client.get(reverse("meetings:document", args=[meeting.pk, "signin", "pdf"])).status_code == 200
    assert client.get(reverse("committees:body_roster", args=[role_world.body.pk, "pdf"])).status_code == 200


def test_a_render_waits_a_moment_and_a_burst_is_rendered_once(world, settings):
    settings.DOCUMENTS_RENDER_DELAY_SECONDS = 5
    _role_world, meeting = world
    before = timezone.now()
    assert render_ahead.enqueue([("meeting", meeting.pk)]) == 1
    task = DBTaskResult.objects.get(queue_name="documents")
    assert task.run_after >= before + dt.timedelta(seconds=5)
    assert not DBTaskResult.objects.ready().filter(pk=task.pk).exists()  # not due yet
    # later changes within the moment find it waiting
    assert render_ahead.enqueue([("meeting", meeting.pk)]) == 0
    assert DBTaskResult.objects.filter(queue_name="documents").count() == 1


def test_a_rolled_back_change_enqueues_nothing(world, django_capture_on_commit_callbacks):
    _role_world, meeting = world
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            services.observer_add(actor=None, meeting=meeting, name="이배석", affiliation="")
            raise RuntimeError
    assert _waiting() == []
    # the next transaction on the same connection starts its own batch
    with django_capture_on_commit_callbacks(execute=True):
        services.observer_add(actor=None, meeting=meeting, name="이배석", affiliation="")
    assert _waiting() == [("meeting", meeting.pk)]


def test_turned_off_nothing_is_enqueued(world, settings, django_capture_on_commit_callbacks):
    settings.DOCUMENTS_RENDER_AHEAD = False
    _role_world, meeting = world
    with django_capture_on_commit_callbacks(execute=True):
        services.observer_add(actor=None, meeting=meeting, name="이배석", affiliation="")
    assert _waiting() == []


@pytest.fixture
def no_rendering(monkeypatch):
    """After this, any PDF render fails: a download must come from the documents cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("rendered at download time")

    def on() -> None:
        monkeypatch.setattr(renderer, "_html_class", refuse)  # PDF
        monkeypatch.setattr(renderer.Document, "_hwpx_bytes", refuse)  # HWPX

    return on


def test_the_worker_renders_what_the_downloads_serve(
    world, login, document_cache, no_rendering, django_capture_on_commit_callbacks
):
    role_world, meeting = world
    factories.MinutesFactory(meeting=meeting, remarks="위원장 인사말씀")
    with django_capture_on_commit_callbacks(execute=True):
        services.observer_add(actor=None, meeting=meeting, name="이배석", affiliation="자치행정과")
        committee_services.object_save(actor=None, instance=role_world.body)
    assert _waiting() == [("body", role_world.body.pk), ("meeting", meeting.pk)]
    run_worker("documents")
    assert _waiting() == []
    assert DBTaskResult.objects.filter(queue_name="documents", status="SUCCESSFUL").count() == 2
    no_rendering()
    secretary = login(role_world.users["secretary"])
    wanted = {
        "signin": "이배석",
        "notice": "상반기 사업 보고",
        "agenda": "상반기 사업 보고",
        "minutes": "위원장 인사말씀",
    }
    for kind, text in wanted.items():
        pdf = secretary.get(reverse("meetings:document", args=[meeting.pk, kind, "pdf"]))
        assert pdf.status_code == 200 and text.replace(" ", "") in _flat(pdf.content), kind
        hwpx = secretary.get(reverse("meetings:document", args=[meeting.pk, kind, "hwpx"]))
        assert hwpx.status_code == 200 and hwpx.content.startswith(b"PK"), kind
    # the roster in both versions: with contacts (secretary) and without (member)
    phone = role_world.membership.person.phone
    for user, contacts in (("secretary", True), ("member", False)):
        response = login(role_world.users[user]).get(
            reverse("committees:body_roster", args=[role_world.body.pk, "pdf"])
        )
        assert response.status_code == 200
        text = _flat(response.content)
        assert "본인위원" in text and (phone in text) is contacts


def test_without_the_worker_the_download_renders_itself(world, login, document_cache):
    # the optimisation is only that: a document nobody rendered ahead is rendered by its download
    role_world, meeting = world
    secretary = login(role_world.users["secretary"])
    response = secretary.get(reverse("meetings:document", args=[meeting.pk, "signin", "pdf"]))
    assert response.status_code == 200 and "본인위원" in _flat(response.content)


def test_the_morning_run_names_every_active_roster_and_the_coming_meetings(
    world, document_cache, no_rendering, login
):
    role_world, meeting = world
    far = Meeting.objects.create(
        title="먼 회의",
        starts_at=meeting.starts_at + dt.timedelta(days=90),
        ends_at=meeting.ends_at + dt.timedelta(days=90),
        uid="far-away",
    )
    far.bodies.add(role_world.body)
    keys = set(render_ahead.daily_keys())
    assert ("meeting", meeting.pk) in keys and ("meeting", far.pk) not in keys
    assert {("body", role_world.body.pk), ("body", role_world.other_body.pk)} <= keys
    call_command("render_documents", verbosity=0)
    assert set(_waiting()) == keys
    call_command("render_documents", verbosity=0)  # again: the waiting tasks are not doubled
    assert len(_waiting()) == len(keys)
    run_worker("documents")
    no_rendering()
    staff = login(role_world.users["staff"])
    response = staff.get(reverse("committees:body_roster", args=[role_world.body.pk, "pdf"]))
    assert "본인위원" in _flat(response.content)


def test_unknown_or_missing_objects_render_nothing(db):
    assert render_ahead.render("nothing", 1) is False
    assert render_ahead.render("meeting", 987654) is True  # gone: nothing to render, no error
    assert render_ahead.render("body", 987654) is True


def test_a_new_member_reaches_the_coming_meetings_sign_in_sheets_ahead(
    world, login, document_cache, no_rendering, django_capture_on_commit_callbacks
):
    role_world, meeting = world
    body = role_world.body
    with django_capture_on_commit_callbacks(execute=True):
        seat = factories.seat_group(body, count=1, label="추가").seats.get()
        committee_services.membership_appoint(
            actor=None,
            seat=seat,
            person=factories.PersonFactory(name="새내기위원"),
            role="member",
            start=dt.date.today() - dt.timedelta(days=1),
            end=dt.date.today() + dt.timedelta(days=700),
        )
    assert ("body", body.pk) in _waiting() and ("body-meetings", body.pk) in _waiting()
    run_worker("documents")
    no_rendering()
    response = login(role_world.users["secretary"]).get(
        reverse("meetings:document", args=[meeting.pk, "signin", "pdf"])
    )
    assert "새내기위원" in _flat(response.content)
    roster = login(role_world.users["staff"]).get(reverse("committees:body_roster", args=[body.pk, "pdf"]))
    assert "새내기위원" in _flat(roster.content)
