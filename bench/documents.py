"""Document benchmark (issue 12 §5; not a test): p50 from request to bytes for the HWPX and PDF of a
100-member meeting's minutes and sign-in sheet and of that body's roster, against two baselines
measured in the same run (each alone first, for the table's head, then in blocks that alternate with
every row's samples: a row's verdict is over the baseline requests made between its own, in the same
seconds of this shared machine):

- a bare view (a plain `HttpResponse` through the same middleware stack and test client): the floor of
  any request; target HWPX ≤ 10× this;
- a one-line Korean page through the one renderer (`seongdong_gov.documents`, same fonts and
  stylesheets): the fixed cost of WeasyPrint; target each PDF ≤ 2× this.

Run alone with `DJANGO_DEVELOPMENT=1 .venv/bin/python -m bench.documents` (it creates and drops a
throwaway test database), or call `document_timings(setup_db=False)` from inside one (bench/run.py).
This module is also the URLconf of the measurement: the product's URLs plus the bare view.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import statistics
import time
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.urls import include, path

MEMBERS = 100
ITEMS = 12
RUNS = 10
# an HWPX request takes ~10 ms: three times the samples for a steadier p50 at no real cost
HWPX_RUNS_FACTOR = 3
TARGET_HWPX_X_BARE = 10
TARGET_PDF_X_ONE_LINE = 2
SEOUL = ZoneInfo("Asia/Seoul")
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"


def _bare(request):
    from django.http import HttpResponse

    return HttpResponse(b"ok", content_type="text/plain")


def __getattr__(name: str):
    # The URLconf is built on first use: including the product's URLs imports its views, which needs
    # settings configured, and this module is imported before django.setup() when run alone.
    if name == "urlpatterns":
        return [path("bench-bare/", _bare), path("", include("seongdong_gov.urls"))]
    raise AttributeError(name)


PAIR_BLOCK = 5  # samples of a row between two runs of its baseline's (_p50_ms)


def _p50_ms(
    fn: Callable[[], object],
    runs: int,
    prepare: Callable[[], object] | None = None,
    base: Callable[[], object] | None = None,
) -> tuple[float, float, float | None, float | None]:
    """p50 wall time and p50 CPU time of this process, in ms, of `fn` and of its baseline `base`, sampled in
    alternating blocks of PAIR_BLOCK so that both see the same seconds of this shared machine. The first
    `base` after a block of `fn` is not timed: it runs slower right after a document (caches cold; see
    bench.run.load_paired), which would flatter the document's ratio. Others' work stretches the wall time, hardly the CPU time
    (the request runs in this one thread), so both are reported. `prepare` runs before each sample of
    `fn`, untimed (the worker's render ahead)."""
    fn()  # warm-up: templates, fonts, first queries
    wall, cpu, base_wall, base_cpu = [], [], [], []

    def sample(f, walls, cpus) -> None:
        t, c = time.perf_counter(), time.process_time()
        f()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - t)

    done = 0
    while done < runs:
        block = min(PAIR_BLOCK, runs - done)
        for _ in range(block):
            if prepare is not None:
                prepare()
            sample(fn, wall, cpu)
        if base is not None:
            base()  # untimed: see above
            for _ in range(block):
                sample(base, base_wall, base_cpu)
        done += block
    ms = lambda xs: statistics.median(xs) * 1000 if xs else None  # noqa: E731
    return ms(wall), ms(cpu), ms(base_wall), ms(base_cpu)


def _world():
    """A body of 100 members, a held meeting with attendance, 12 items with votes, draft minutes; a
    logged-in staff client. Built through the services, as the product builds them."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from committees import services as committee_services
    from committees.models import Body, Gender, Person, SeatGroup
    from committees.permissions import GOVERNANCE_STAFF_GROUP
    from meetings import services
    from meetings.models import AgendaItem, Attendance, Meeting, Minutes, Observer, Vote

    today = dt.date.today()
    body = Body.objects.create(
        name="추진운영위원회 (bench)", kind=Body.Kind.STEERING, gender_balance_applies=False
    )
    group = committee_services.seat_group_save(
        actor=None,
        group=SeatGroup(
            body=body,
            kind=SeatGroup.Kind.APPOINTED,
            label="위촉직",
            count=MEMBERS,
            field="복지",
            recommender="동",
        ),
        effective=today - dt.timedelta(days=400),
    )
    memberships = []
    for n, seat in enumerate(group.seats.order_by("number")):
        person = Person.objects.create(
            name=f"{SURNAMES[n % len(SURNAMES)]}위원{n:03d}",
            gender=Gender.FEMALE if n % 2 else Gender.MALE,
            affiliation="성수1가1동 주민자치회",
            phone=f"010-0000-{n:04d}",
        )
        memberships.append(
            committee_services.membership_appoint(
                actor=None,
                seat=seat,
                person=person,
                role="member",
                start=today - dt.timedelta(days=300),
                end=today + dt.timedelta(days=400),
            ).obj
        )
    starts = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(16, 0), tzinfo=SEOUL)
    meeting = services.meeting_create(
        actor=None,
        meeting=Meeting(
            title="제3차 정기회의",
            place="성동구청 3층 대회의실",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
        ),
        bodies=[body],
        today=today - dt.timedelta(days=30),
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=m, status="present" if n % 10 else "absent")
        for n, m in enumerate(memberships)
    )
    Observer.objects.bulk_create(
        Observer(meeting=meeting, name=f"배석자{n}", affiliation="성동구청") for n in range(5)
    )
    for n in range(1, ITEMS + 1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            order=n,
            kind="resolution",
            title=f"2027년 사업계획 안건 {n}",
            presenter="자치행정과",
        )
        Vote.objects.create(
            item=item,
            method="show_of_hands",
            taken_at=starts + dt.timedelta(minutes=10 * n),
            enrolled=MEMBERS,
            present=90,
            voting=90,
            yes=80,
            no=7,
            abstain=3,
            required=46,
            passed=True,
            outcome_label="가결",
        )
    Minutes.objects.create(meeting=meeting, remarks="위원장 인사말씀이 있었다.\n" * 40)
    staff = get_user_model().objects.create_user("bench-docs-staff")
    staff.groups.add(Group.objects.get_or_create(name=GOVERNANCE_STAFF_GROUP)[0])
    client = Client()
    client.force_login(staff)
    return client, meeting, body


def _lock_minutes(meeting):
    """The bench meeting's minutes approved and locked through the services (the record frozen)."""
    from meetings import services
    from meetings.models import Meeting, Minutes

    # the lifecycle approves minutes only of a meeting that took place and whose minutes are being written
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_DRAFT)
    minutes = Minutes.objects.get(meeting=meeting)
    services.minutes_approve(actor=None, minutes=minutes)
    return services.minutes_lock(actor=None, minutes=Minutes.objects.get(pk=minutes.pk))


def _row(name, fmt, address, get, runs, base: dict, prepare=None) -> dict:
    """One document's row. Its verdict's ratio is over its own baseline (the bare view for an HWPX, the
    one-line PDF for a PDF) sampled in blocks alternating with its own; the other ratio is over the run's baseline."""
    size = len(get(address))
    hwpx = fmt == "hwpx"
    own = base["bare_fn"] if hwpx else base["fixed_fn"]
    p50, cpu, own_p50, own_cpu = _p50_ms(
        lambda: get(address), runs * HWPX_RUNS_FACTOR if hwpx else runs, prepare, own
    )
    bare, fixed = (own_p50, base["fixed"]) if hwpx else (base["bare"], own_p50)
    target = TARGET_HWPX_X_BARE if hwpx else TARGET_PDF_X_ONE_LINE
    return {
        "document": name,
        "format": fmt,
        "p50_ms": p50,
        "kib": size / 1024,
        "x_bare": p50 / bare,
        "x_one_line": p50 / fixed,
        "target_over": "bare view" if hwpx else "one-line page",
        "target": target,
        "base_p50_ms": own_p50,
        "base_cpu_p50_ms": own_cpu,
        "ratio": p50 / own_p50,
        "met": p50 / own_p50 <= target,
        "cpu_p50_ms": cpu,
        "cpu_ratio": cpu / own_cpu,
    }


def _by_request(row: dict) -> dict:
    """A PDF rendered by its own request (the documents cache emptied before each): what happens when a
    download comes before the worker has rendered it, or with DOCUMENTS_RENDER_AHEAD off. Shown for the
    cost it is; the verdict is the ", ahead" row's (the download after the worker's render)."""
    return {**row, "met": None}


def _measure(runs: int) -> list[dict]:
    from django.core.cache import caches
    from django.test.utils import override_settings
    from django.urls import reverse

    from seongdong_gov import render_ahead
    from seongdong_gov.documents import Document

    client, meeting, body = _world()
    rows: list[dict] = []

    def get(url: str) -> bytes:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.content

    with override_settings(ROOT_URLCONF=__name__):
        bare_fn = lambda: get("/bench-bare/")  # noqa: E731
        bare, bare_cpu, _, _ = _p50_ms(bare_fn, runs * 3)
        rows.append({"document": "bare view", "format": "", "p50_ms": bare, "cpu_p50_ms": bare_cpu})
        renders = [0]

        def fixed_fn() -> None:
            # rendered every time, never from the documents cache (each has its own number, so its own
            # key; emptying the cache instead would also empty it under a "repeat" row it is paired
            # with): the fixed cost of WeasyPrint
            renders[0] += 1
            one_line = Document(title="한 줄")
            one_line.paragraph(f"성동구 민관거버넌스 한 줄 문서 {renders[0]:05d}")
            one_line.to_pdf()

        fixed, fixed_cpu, _, _ = _p50_ms(fixed_fn, runs)
        rows.append(
            {
                "document": "one-line Korean page (render only)",
                "format": "pdf",
                "p50_ms": fixed,
                "cpu_p50_ms": fixed_cpu,
            }
        )
        urls = {
            "minutes": lambda fmt: reverse("meetings:document", args=[meeting.pk, "minutes", fmt]),
            "sign-in sheet": lambda fmt: reverse("meetings:document", args=[meeting.pk, "signin", fmt]),
            "roster": lambda fmt: reverse("committees:body_roster", args=[body.pk, fmt]),
        }
        # Every PDF is kept in the documents cache under the digest of its HTML (seongdong_gov.documents):
        # the first render (the cache emptied before every request) and the repeated download of an
        # unchanged document are both reported, as their own rows.
        store = caches["documents"]
        base = {"bare": bare, "fixed": fixed, "bare_fn": bare_fn, "fixed_fn": fixed_fn}

        def uncached(address: str) -> bytes:
            store.clear()
            return get(address)

        keys = {
            "minutes": ("meeting", meeting.pk),
            "sign-in sheet": ("meeting", meeting.pk),
            "roster": ("body", body.pk),
        }
        ahead_ms: dict[tuple[str, int], float] = {}

        def render_ahead_fresh(key: tuple[str, int]) -> Callable[[], None]:
            # what the worker does after a change: the cache holds nothing of the old data, the worker
            # renders the key's documents (timed apart: the cost it moves off the request)
            def prepare() -> None:
                store.clear()
                t = time.perf_counter()
                render_ahead.render(*key)
                ahead_ms[key] = (time.perf_counter() - t) * 1000

            return prepare

        def ahead_row(label: str, address: str, key: tuple[str, int]) -> dict:
            """The PDF downloaded right after the worker rendered the key's documents."""
            row = _row(label, "pdf", address, get, runs, base, render_ahead_fresh(key))
            return {**row, "worker_ms": ahead_ms[key]}

        for name, url in urls.items():
            rows.append(_row(name, "hwpx", url("hwpx"), get, runs, base))
            rows.append(_by_request(_row(f"{name}, 1st", "pdf", url("pdf"), uncached, runs, base)))
            rows.append(_row(f"{name}, repeat", "pdf", url("pdf"), get, runs, base))
            rows.append(ahead_row(f"{name}, ahead", url("pdf"), keys[name]))
        # Locked minutes' HWPX and PDF are kept too (meetings.documents.minutes_file, keyed by the record).
        _lock_minutes(meeting)
        for fmt in ("hwpx", "pdf"):
            address = urls["minutes"](fmt)

            first = _row("minutes, locked, 1st", fmt, address, uncached, runs, base)
            rows.append(_by_request(first) if fmt == "pdf" else first)
            rows.append(_row("minutes, locked, cached", fmt, address, get, runs, base))
        rows.append(ahead_row("minutes, locked, ahead", urls["minutes"]("pdf"), keys["minutes"]))
    return rows


def document_timings(
    *, runs: int = RUNS, setup_db: bool = True, out: Callable[[str], None] = print
) -> list[dict]:
    """Measure, print and return one dict per row: document, format, p50_ms, and for the documents kib,
    x_bare and x_one_line (the p50 over each baseline), target_over, target, ratio (over the target's
    baseline) and met. `setup_db=False` when the caller already runs against a database (bench/run.py):
    the data built here are then made inside a transaction that is rolled back."""
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seongdong_gov.settings")
    if not apps.ready:
        django.setup()
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    from seongdong_gov.runtime import freeze_startup_objects

    freeze_startup_objects()  # as a serving process does after startup (seongdong_gov.wsgi)
    old_config = None
    if setup_db:
        from django.test.utils import setup_databases, setup_test_environment

        setup_test_environment()
        old_config = setup_databases(verbosity=0, interactive=False)
    try:
        from django.db import transaction

        with transaction.atomic():
            rows = _measure(runs)
            transaction.set_rollback(True)
    finally:
        if old_config is not None:
            from django.test.utils import teardown_databases, teardown_test_environment

            teardown_databases(old_config, verbosity=0)
            teardown_test_environment()
    for line in table_lines(rows, runs=runs):
        out(line)
    return rows


def table_lines(rows: list[dict], *, runs: int) -> list[str]:
    """The printed table: both baselines, then per document p50, size, its ratio to each baseline and the
    verdict against its own target (HWPX over the bare view, PDF over the one-line page)."""
    base = {r["document"]: r for r in rows if "ratio" not in r}
    bare, one_line = base["bare view"], base["one-line Korean page (render only)"]
    lines = [
        f"documents (bench.documents): a {MEMBERS}-member meeting's minutes and sign-in sheet and its body's "
        f"roster, p50 of {runs} requests through the test client ({runs * HWPX_RUNS_FACTOR} for an HWPX), in process",
        f"  baselines alone, first: bare view p50 {bare['p50_ms']:.1f} ms (CPU {bare['cpu_p50_ms']:.1f}); one-line "
        f"Korean PDF (same renderer and fonts, render only) p50 {one_line['p50_ms']:.1f} ms (CPU {one_line['cpu_p50_ms']:.1f})",
        "  each row's verdict is over its own baseline (base: the bare view for an HWPX, the one-line PDF for a PDF), "
        f"sampled in blocks of {PAIR_BLOCK} that alternate with the row's",
        f"  {'document':<24}{'fmt':<6}{'p50 ms':>9}{'CPU ms':>8}{'KiB':>8}{'base':>7}{'×bare':>8}{'×1-line':>9}  target "
        "(verdict on wall time; the same ratio in CPU time)",
    ]
    for r in rows:
        if "ratio" not in r:
            continue
        if r["met"] is None:
            verdict = f"rendered by the request, the worker's job (CPU {r['cpu_ratio']:.1f}×)"
        else:
            verdict = f"≤ {r['target']}× {r['target_over']}: {'ok' if r['met'] else 'MISSED'} (CPU {r['cpu_ratio']:.1f}×)"
        if "worker_ms" in r:
            verdict += f"; the worker's render {r['worker_ms']:.0f} ms"
        lines.append(
            f"  {r['document']:<24}{r['format']:<6}{r['p50_ms']:>9.1f}{r['cpu_p50_ms']:>8.1f}{r['kib']:>8.1f}"
            f"{r['base_p50_ms']:>7.1f}{r['x_bare']:>8.1f}"
            f"{r['x_one_line']:>9.1f}  {verdict}"
        )
    lines.append(
        "  1st: the request renders (documents cache emptied); repeat: the unchanged document again; ahead: the "
        "first download after a change, once the worker (seongdong_gov.render_ahead) has rendered the change's "
        "documents (its render of all of them, e.g. both roster versions, timed apart)"
    )
    return lines


if __name__ == "__main__":
    document_timings()
