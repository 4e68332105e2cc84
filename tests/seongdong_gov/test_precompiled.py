"""seongdong_gov.precompiled: a query compiled once per connection and shape must give exactly the rows the
ORM gives, with the real values in every stand-in's place, and must refuse a query whose values do not
reach the SQL as parameters of their own."""

import datetime as dt
import inspect
import threading
from unittest import mock

import pytest
from django.db import connection, connections
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import meetings.selectors  # noqa: F401  (registers the meetings' precompiled queries)
from committees.models import Membership
from meetings.models import AgendaItem, Meeting
from seongdong_gov import precompiled
from seongdong_gov.precompiled import REGISTRY, Precompiled, seed_prefetched
from tests import factories

pytestmark = pytest.mark.django_db

SEOUL_NOON = dt.datetime(2026, 3, 4, 12, 30, 15, 123456, tzinfo=dt.UTC)
# a value for each parameter name the project's precompiled queries take: a query with a new name must
# be given one here, so that every query is held to a fresh compile below
SAMPLES = {
    "pk": 5,
    "meeting_id": 7,
    "minutes_id": 8,
    "body_id": 6,
    "user_id": 3,
    "body_ids": [4, 2, 9],
    "member_body_ids": [2],
    "ids": [11, 12],
    "on": dt.date(2026, 3, 4),
    "since": SEOUL_NOON,
    "now": SEOUL_NOON + dt.timedelta(hours=1),
    "before": SEOUL_NOON - dt.timedelta(days=3),
}


def _names(query: Precompiled) -> list[str]:
    return list(inspect.signature(query.build).parameters)


def test_every_precompiled_query_writes_what_the_orm_writes():
    """For every registered query, the stored SQL with the sample values in the stand-ins' places is what
    the ORM compiles for those values, with lists of several lengths (one empty) and with a window."""
    # the product's queries (not those the tests below build, some of them refused on purpose)
    product = [q for q in REGISTRY if not q.build.__module__.startswith("tests.")]
    assert len(product) >= 20  # the meeting page's, the record's, 내 회의's and the body's are registered
    for query in product:
        names = _names(query)
        assert set(names) <= set(SAMPLES), f"no sample value for {set(names) - set(SAMPLES)}"
        values = {n: SAMPLES[n] for n in names}
        query.check(**values)
        query.check(window=(20, 41), **values)
        shorter = {n: v[:1] if isinstance(v, list) else v for n, v in values.items()}
        query.check(**shorter)
        emptied = {n: [] if isinstance(v, list) else v for n, v in values.items()}
        query.check(**emptied)
        for name in (n for n, v in values.items() if isinstance(v, list)):  # one list empty, the others not
            query.check(**{**values, name: []})


def _meeting_with_agenda():
    body = factories.BodyFactory()
    members = [factories.member(body) for _ in range(3)]
    meeting = factories.MeetingFactory(bodies=[body], host_body=body)
    items = [factories.AgendaItemFactory(meeting=meeting, order=n) for n in (2, 1)]
    vote = factories.VoteFactory(item=items[0], method="named")
    for m, choice in zip(members, ["yes", "no", "yes"], strict=True):
        factories.NamedBallotFactory(vote=vote, membership=m, choice=choice)
    factories.RecusalFactory(item=items[1], membership=members[0])
    return meeting, body, members, items


ITEMS = Precompiled(
    lambda meeting_id: (
        AgendaItem.objects.filter(meeting_id=meeting_id)
        .select_related("meeting__host_body")
        .prefetch_related("votes__ballots", "recusals")
    )
)


def test_rows_are_the_orms_rows_with_related_objects_and_prefetches():
    meeting, _body, _members, items = _meeting_with_agenda()
    other, *_ = _meeting_with_agenda()
    expected = list(ITEMS.build(meeting_id=meeting.pk))
    got = ITEMS.rows(meeting_id=meeting.pk)
    assert [i.pk for i in got] == [i.pk for i in expected] == [items[1].pk, items[0].pk]  # by order
    assert [i.pk for i in ITEMS.rows(meeting_id=other.pk)] == [i.pk for i in ITEMS.build(meeting_id=other.pk)]
    with CaptureQueriesContext(connection) as queries:
        seen = [
            (
                i.title,
                i.meeting.host_body.name,
                [(v.method, sorted(b.choice for b in v.ballots.all())) for v in i.votes.all()],
                len(i.recusals.all()),
            )
            for i in got
        ]
    assert len(queries) == 0  # joined and prefetched, as the ORM would
    assert seen == [
        (items[1].title, meeting.host_body.name, [], 1),
        (items[0].title, meeting.host_body.name, [("named", ["no", "yes", "yes"])], 0),
    ]


def test_the_orm_compiles_a_query_once_per_shape():
    meeting, *_ = _meeting_with_agenda()
    query = Precompiled(lambda meeting_id: AgendaItem.objects.filter(meeting_id=meeting_id))
    query.rows(meeting_id=meeting.pk)
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as as_sql:
        with CaptureQueriesContext(connection) as queries:
            assert len(query.rows(meeting_id=meeting.pk)) == 2
            assert query.rows(meeting_id=meeting.pk + 1000) == []
    assert as_sql.call_count == 0
    assert len(queries) == 2


def test_dates_datetimes_lists_and_windows():
    body = factories.BodyFactory()
    early = factories.member(body, start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31))
    late = factories.member(body, start=dt.date(2021, 1, 1), end=dt.date(2023, 12, 31))
    in_office = Precompiled(
        lambda body_ids, on: Membership.objects.filter(body__in=body_ids, start__lte=on).order_by("start")
    )
    assert [m.pk for m in in_office.rows(body_ids=[body.pk], on=dt.date(2020, 6, 1))] == [early.pk]
    assert [m.pk for m in in_office.rows(body_ids=[body.pk], on=dt.date(2022, 6, 1))] == [early.pk, late.pk]
    assert [m.pk for m in in_office.rows(window=(1, 2), body_ids=[body.pk, 0], on=dt.date(2022, 6, 1))] == [
        late.pk
    ]
    assert in_office.rows(body_ids=[], on=dt.date(2022, 6, 1)) == []  # the ORM's empty IN: no query
    now = timezone.now()
    soon = factories.MeetingFactory(bodies=[body], starts_at=now + dt.timedelta(hours=2))
    factories.MeetingFactory(bodies=[body], starts_at=now - dt.timedelta(days=2))
    after = Precompiled(lambda since: Meeting.objects.filter(starts_at__gte=since).values_list("pk", "title"))
    assert after.rows(since=now) == [(soon.pk, soon.title)]
    assert after.rows(since=now + dt.timedelta(days=1)) == []


def test_an_id_no_column_holds_is_the_orms_answer_not_an_error():
    meeting, *_ = _meeting_with_agenda()
    query = Precompiled(lambda pk: Meeting.objects.filter(pk=pk))
    assert [m.pk for m in query.rows(pk=meeting.pk)] == [meeting.pk]
    assert query.rows(pk=2**70) == []
    assert query.rows(pk=-(2**64)) == []


def test_values_that_do_not_reach_the_sql_as_parameters_are_refused():
    folded = Precompiled(lambda pk: Meeting.objects.filter(title__contains=str(pk)))
    with pytest.raises(RuntimeError, match="not parameters"):
        folded.rows(pk=4)
    by_year = Precompiled(lambda on: Meeting.objects.filter(starts_at__year=on.year))
    with pytest.raises(RuntimeError, match="not parameters"):
        by_year.rows(on=dt.date(2026, 1, 1))
    query = Precompiled(lambda pk: Meeting.objects.filter(pk=pk))
    for bad in (None, True, "3", 2.5, ["a"]):
        with pytest.raises(TypeError):
            query.rows(pk=bad)


def test_derived_values_naive_moments_and_out_of_range_stand_ins_are_refused():
    """What would run with a stand-in frozen in, or be read in another time zone, or give no rows for
    every value, fails on its first run rather than answering wrongly."""
    now = timezone.now()
    derived = Precompiled(
        lambda since: Meeting.objects.filter(starts_at__gte=since, ends_at__lte=since + dt.timedelta(days=1))
    )
    with pytest.raises(RuntimeError, match="computes"):
        derived.rows(since=now)
    branching = Precompiled(lambda pk: Meeting.objects.filter(pk=pk) if pk % 2 else Meeting.objects.none())
    with pytest.raises(RuntimeError):
        branching.rows(pk=3)
    after = Precompiled(lambda since: Meeting.objects.filter(starts_at__gte=since))
    with pytest.raises(TypeError, match="naive"):
        after.rows(since=dt.datetime(2026, 3, 4, 12, 0))
    # a positive small integer field: the negative stand-in is out of its range, and the ORM then finds
    # the query empty without asking the database; refused, not remembered as "no rows"
    item = factories.AgendaItemFactory(order=3)
    by_order = Precompiled(lambda order: AgendaItem.objects.filter(order=order))
    assert list(by_order.build(order=3)) == [item]
    with pytest.raises(RuntimeError, match="empty"):
        by_order.rows(order=3)


@pytest.mark.django_db(transaction=True)
def test_threads_each_run_on_their_own_connection():
    """Compiled in this thread, run in others (the test server and runserver are threaded): each thread
    gets its own rows through its own connection."""
    if connection.vendor == "sqlite":
        pytest.skip("an in-memory SQLite test database is not shared with other threads")
    meetings = [factories.MeetingFactory() for _ in range(4)]
    query = Precompiled(lambda pk: Meeting.objects.filter(pk=pk))
    assert [m.pk for m in query.rows(pk=meetings[0].pk)] == [meetings[0].pk]
    errors: list = []

    def work(meeting):
        try:
            for _ in range(30):
                assert [m.title for m in query.rows(pk=meeting.pk)] == [meeting.title]
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(m,)) for m in meetings]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_shapes_kept_are_bounded(monkeypatch):
    body = factories.BodyFactory()
    members = [factories.member(body) for _ in range(4)]
    monkeypatch.setattr(precompiled, "MAX_SHAPES", 2)
    query = Precompiled(lambda ids: Membership.objects.filter(pk__in=ids).order_by("pk"))
    for n in range(1, 5):
        assert [m.pk for m in query.rows(ids=[m.pk for m in members[:n]])] == [m.pk for m in members[:n]]
    assert len(query._compiled) == 2


def test_seeded_prefetch_serves_all_and_still_filters_by_the_relation():
    meeting, body, *_ = _meeting_with_agenda()
    factories.BodyFactory()  # a body of no meeting
    fresh = Meeting.objects.get(pk=meeting.pk)
    seed_prefetched(fresh, "bodies", [body])
    with CaptureQueriesContext(connection) as queries:
        assert list(fresh.bodies.all()) == [body]
    assert len(queries) == 0
    # a query built on the seeded relation is still the relation's (not every body)
    assert list(fresh.bodies.filter(pk__gt=0)) == [body]
