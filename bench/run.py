"""`make bench`: every page and the main writes at district scale (issue 14). Not a test; prints and records.

    .venv/bin/python -m bench                 # or: make bench (≤ 20 minutes on 2 cores; the first run of a
                                              # day or after a migration builds the data: a few more)
    BENCH_QUICK=1 .venv/bin/python -m bench   # smoke run: a tenth of the data, few samples
    .venv/bin/python -m bench --scale-out     # §3: two app servers against one PostgreSQL (bench.scaleout)

1. Brings its PostgreSQL databases up to date (`bench.database`; BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/seongdong_bench): a demo template and a district-scale template
   (`bench.data`, with the bench_* accounts in the largest bodies and units) are built only when their
   data version (migrations, demo loaders, bench/data.py, today) changed; each run measures fresh copies.
2. Counts the queries of every page of `bench.pages` (one entry per GET-able URL, generated coverage) on
   the demo-only copy, then on the district-scale copy, and the queries of one of each write.
3. Serves the app with gunicorn (2 workers, production settings, DEBUG off) on a loopback port, logs in
   each role and times every page at concurrency 1, 4 and 16 (client threads), checking every response's
   content. A bare Django view is measured with every page (at concurrency 1 in blocks of ten GETs that
   alternate with the page's, a bare burst right after its burst at 16) and alone at the start and the end; every figure
   is also given as a ratio to the page's own bare samples, taken in the same seconds (the machine is
   shared: absolute numbers are noise, ratios less so), and to the whole run's.
4. Runs the main writes through the real views (CSRF, session cookies) and checks their effect in rows.
5. Times the documents in process once the servers have stopped (bench.documents: HWPX and PDF of a
   100-member meeting's minutes and sign-in sheet and of its body's roster, against a bare view and a
   one-line Korean PDF; its data are rolled back).
6. Prints the tables and writes bench-results/latest.json (and a timestamped copy; documents under "documents"). Exit code 0 even when a
   target is missed; missed targets are printed as MISSED with the reason.

Environment: BENCH_DATABASE_URL; BENCH_QUICK=1; BENCH_REBUILD=1 (rebuild the data templates);
BENCH_C1_REQUESTS (100), BENCH_C1_SECONDS (4: time budget per page at c1), BENCH_C4_REQUESTS (40),
BENCH_C16_REQUESTS (64), BENCH_WRITES (20 iterations per write), BENCH_ONLY (a,b: only pages whose URL name
contains one of these; no writes or documents), BENCH_DOCUMENT_RUNS (10, quick 3: requests
per document in bench.documents, which runs after the servers stop and is printed below the pages).
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import math
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/seongdong_bench"
BARE_PATH = "/__bench__/bare"
# untimed requests per page after the checked first one: more than the two workers, which take
# connections in no fixed order
WARMUP_REQUESTS = 3
HOST = "127.0.0.1"
# Targets (issue 14 §2), as ratios to the bare view measured in the same run.
RATIO_P95 = 20.0
RATIO_P95_STRICT = 10.0  # home pages, the portal, the meeting page, the calendar feed
RATIO_RPS_C16 = 1 / 20
DOCUMENT_KINDS = {"pdf", "xlsx", "csv", "ics", "file"}


def _int_env(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


def quick() -> bool:
    return os.environ.get("BENCH_QUICK") == "1"


# --- the WSGI entry served by gunicorn ------------------------------------------------------------------

_cache: dict = {}


def _bare(request):
    from django.http import HttpResponse

    return HttpResponse(b"ok", content_type="text/plain")


def __getattr__(name: str):
    """Lazy module attributes so that importing this module (gunicorn, the in-process client) stays cheap:
    `application` (the project's WSGI app with ROOT_URLCONF pointed here) and `urlpatterns` (the
    project's URLs plus the bare baseline view, which exists only inside the benchmark)."""
    if name == "urlpatterns":
        if "urlpatterns" not in _cache:
            from django.urls import include, path

            _cache["urlpatterns"] = [
                path(BARE_PATH.lstrip("/"), _bare),
                path("", include("seongdong_gov.urls")),
            ]
        return _cache["urlpatterns"]
    if name == "application":
        if "application" not in _cache:
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seongdong_gov.settings")
            from django.conf import settings
            from django.core.wsgi import get_wsgi_application

            from seongdong_gov.runtime import freeze_startup_objects

            app = get_wsgi_application()
            settings.ROOT_URLCONF = "bench.run"
            freeze_startup_objects()  # as seongdong_gov.wsgi does in production
            _cache["application"] = app
        return _cache["application"]
    raise AttributeError(name)


# --- figures ---------------------------------------------------------------------------------------------


def pct(xs: list[float], q: float) -> float | None:
    """Nearest-rank percentile."""
    if not xs:
        return None
    s = sorted(xs)
    return s[max(0, math.ceil(q * len(s)) - 1)]


@dataclass
class Run:
    """The requests of one page at one concurrency."""

    latencies_ms: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float | None:
        return len(self.latencies_ms) / self.wall_s if self.wall_s and self.latencies_ms else None

    def fig(self, q: float) -> float | None:
        return pct(self.latencies_ms, q)


@dataclass
class Measured:
    key: str
    url_name: str
    role: str
    kind: str
    strict: bool
    path: str = ""
    username: str | None = None
    skipped: str = ""
    checks: list[str] = field(default_factory=list)
    q_small: int | None = None
    q_large: int | None = None
    sql_ms_large: float | None = None
    diagnosis: list[str] = field(default_factory=list)
    small_shapes: dict[str, int] = field(default_factory=dict)
    large_shapes: dict[str, int] = field(default_factory=dict)
    content_error: str = ""
    bytes: int = 0
    runs: dict[int, Run] = field(default_factory=dict)
    # the bare view sampled with this page (c1 interleaved, c16 right after the page's burst): the
    # baseline of this page's ratios
    bare_runs: dict[int, Run] = field(default_factory=dict)


# --- query counts, in-process --------------------------------------------------------------------------

_NUM = re.compile(r"\b\d+\b|'[^']*'|(?<=_sync_)\d+")  # literals, and the numbered server-side cursors
_LIST = re.compile(r"\(\?(?:, \?)+\)")


def _shape(sql: str) -> str:
    """The query with its literals taken out, so that the same query with other values compares equal."""
    return _LIST.sub("(?…)", _NUM.sub("?", sql))


def _count_queries(items: list[Measured], *, large: bool) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    users = {u.username: u for u in get_user_model().objects.filter(username__in={m.username for m in items})}
    clients: dict[str | None, Client] = {}
    with override_settings(ROOT_URLCONF="bench.run"):
        for m in items:
            if m.skipped:
                continue
            client = clients.get(m.username)
            if client is None:
                client = clients[m.username] = Client()
                if m.username:
                    client.force_login(users[m.username])
            _drain(client.get(m.path))  # warm-up: per-process caches (calendar, content types, templates)
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(m.path)
                _drain(response)
            n = len(ctx.captured_queries)
            if large:
                m.q_large = n
                m.sql_ms_large = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
                differs = m.q_small is not None and m.q_small != n
                m.diagnosis = _diagnose(ctx.captured_queries, m.small_shapes if differs else None)
                m.large_shapes = dict(Counter(_shape(q["sql"]) for q in ctx.captured_queries))
            else:
                m.q_small = n
                m.small_shapes = dict(Counter(_shape(q["sql"]) for q in ctx.captured_queries))


def _drain(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _diagnose(queries: list[dict], small: dict[str, int] | None) -> list[str]:
    """The queries the demo-only run did not make (or made fewer times), repeated query shapes (an N+1
    shows as one shape many times) and the slowest queries."""
    out = []
    shapes = Counter(_shape(q["sql"]) for q in queries)
    if small is not None:
        for shape, n in shapes.items():
            if n != small.get(shape, 0):
                out.append(f"×{n} large, ×{small.get(shape, 0)} small: {shape[:240]}")
    for shape, n in shapes.most_common(2):
        if n > 3:
            out.append(f"repeated ×{n}: {shape[:200]}")
    for q in sorted(queries, key=lambda q: -float(q["time"]))[:2]:
        if float(q["time"]) * 1000 >= 5:
            out.append(f"{float(q['time']) * 1000:7.1f} ms: {q['sql'][:200]}")
    return out


# --- the load generator (loopback only) ---------------------------------------------------------------


class Session:
    """A logged-in browser over http.client with its own cookie jar; several threads may share it."""

    def __init__(self, port: int, host: str = HOST):
        self.host = host
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=180)
        try:
            hdrs = {"Host": f"{self.host}:{self.port}", "Accept-Language": "ko"}
            if self.cookies:
                hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            hdrs.update(headers or {})
            # a path may carry Korean (a query built from the data): sent percent-encoded, as a browser does
            conn.request(method, urllib.parse.quote(path, safe="/?&=%:+,;@#~!$'()*"), body=body, headers=hdrs)
            response = conn.getresponse()
            data = response.read()
            for raw in response.headers.get_all("Set-Cookie") or []:
                jar = SimpleCookie()
                jar.load(raw)
                for name, morsel in jar.items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers, data
        finally:
            conn.close()

    def login(self, username: str, password: str) -> None:
        from django.urls import reverse

        login = reverse("login")
        status, _h, html = self.request("GET", login)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if status != 200 or not match:
            raise RuntimeError(f"login page for {username}: HTTP {status}, no CSRF token")
        form = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1).decode()}
        ).encode()
        origin = f"http://{self.host}:{self.port}"
        status, _headers, _b = self.request(
            "POST",
            login,
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + login,
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login as {username} failed: HTTP {status}")


def load(
    sessions: list[Session], path: str, *, threads: int, requests: int, budget_s: float, check=None
) -> Run:
    """`requests` GETs of `path` from `threads` client threads (round-robin over `sessions`: one per app
    server), stopping early when `budget_s` has passed (each thread still makes one request)."""
    run = Run()
    lock = threading.Lock()
    issued = [0]
    deadline = time.monotonic() + budget_s

    def worker(w: int) -> None:
        mine = 0
        while True:
            with lock:
                if issued[0] >= requests or (mine and time.monotonic() > deadline) or len(run.errors) > 5:
                    return
                k = issued[0]
                issued[0] += 1
            mine += 1
            session = sessions[k % len(sessions)]
            t = time.perf_counter()
            try:
                status, _h, body = session.request("GET", path)
            except OSError as exc:
                run.errors.append(f"{type(exc).__name__}: {exc}")
                continue
            ms = (time.perf_counter() - t) * 1000
            problem = check(status, body) if check else ("" if status == 200 else f"HTTP {status}")
            with lock:
                if problem:
                    run.errors.append(problem)
                else:
                    run.latencies_ms.append(ms)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(worker, range(threads)))
    run.wall_s = time.perf_counter() - t0
    return run


PAIR_BLOCK = 10  # requests of a page between two runs of bare-view requests (load_paired)


def load_paired(
    session: Session, path: str, bare_session: Session, *, requests: int, budget_s: float, check=None
) -> tuple[Run, Run]:
    """Concurrency 1 with its own baseline: blocks of PAIR_BLOCK GETs of `path`, each followed by as many
    GETs of the bare view, so that the page and its baseline are sampled within the same second or two of
    this shared machine (a noisy minute stretches both, and their ratio stays). The first bare GET after
    a block is not timed: right after a page's request the bare view runs slower (measured in process
    after the meeting page: p50 2.1 against 1.6-1.8 ms, p95 4.3 against 2.2-3.5 ms for the next ones),
    which would flatter the page's ratio. Returns (the page's run, the bare view's run)."""
    page, bare = Run(), Run()
    deadline = time.monotonic() + budget_s
    t0 = time.perf_counter()

    def one(run: Run | None, who: Session, where: str, checker) -> None:
        t = time.perf_counter()
        try:
            status, _h, body = who.request("GET", where)
        except OSError as exc:
            if run is not None:
                run.errors.append(f"{type(exc).__name__}: {exc}")
            return
        ms = (time.perf_counter() - t) * 1000
        if run is None:
            return
        problem = checker(status, body) if checker else ("" if status == 200 else f"HTTP {status}")
        if problem:
            run.errors.append(problem)
        else:
            run.latencies_ms.append(ms)

    done = 0
    while done < requests and len(page.errors) <= 5 and not (done and time.monotonic() > deadline):
        block = min(PAIR_BLOCK, requests - done)
        for _ in range(block):
            one(page, session, path, check)
        one(None, bare_session, BARE_PATH, None)  # untimed: see above
        for _ in range(block):
            one(bare, bare_session, BARE_PATH, None)
        done += block
    page.wall_s = bare.wall_s = time.perf_counter() - t0
    return page, bare


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_env(database_url: str, static_root: str, media_root: str) -> dict:
    """Production settings (DEBUG off, a real secret key, manifest static files); HTTPS off on loopback.
    Every app server gets the same SECRET_KEY, database and MEDIA_ROOT (shared storage)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="seongdong_gov.settings",
        DJANGO_DEVELOPMENT="0",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        HTTPS="0",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=static_root,
        MEDIA_ROOT=media_root,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(BASE_DIR),
        # the benchmark sends no mail (the demo's notices would go to example.org)
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    return env


_COLLECT = """
import django
django.setup()
from django.core.management import call_command
from django.test.utils import override_settings
from django.conf import settings
storages = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
with override_settings(STORAGES=storages):
    call_command("collectstatic", interactive=False, verbosity=0)
"""


class Collectstatic:
    """Production settings need the manifest: `collectstatic` runs in the background from the start (it
    takes a minute on a loaded machine), and `ready()` falls back to development settings (DEBUG still
    off) when it failed."""

    def __init__(self, env: dict):
        self.env = env
        self.proc = None
        manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
        sources = [p for p in (BASE_DIR / "static").rglob("*") if p.is_file()]
        if manifest.exists() and all(p.stat().st_mtime < manifest.stat().st_mtime for p in sources):
            return  # the last run's files are still current (compressing the fonts takes minutes)
        # The manifest without WhiteNoise's compression: brotli over the PDF fonts takes over ten minutes on
        # this loaded machine. At run time the production storage only reads the manifest (WhiteNoise then
        # serves uncompressed files), so the servers still run with the production settings.
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _COLLECT],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def ready(self) -> tuple[dict, str]:
        if self.proc is None:
            return self.env, "production settings (DJANGO_DEVELOPMENT=0, DEBUG=0, manifest static files)"
        try:
            _out, err = self.proc.communicate(timeout=900)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _out, err = self.proc.communicate()
        if self.proc.returncode == 0:
            return self.env, "production settings (DJANGO_DEVELOPMENT=0, DEBUG=0, manifest static files)"
        tail = ((err or "").strip().splitlines() or ["?"])[-1]
        return {**self.env, "DJANGO_DEVELOPMENT": "1"}, (
            f"development settings, DEBUG=0 (collectstatic failed: {tail[:120]})"
        )


def start_gunicorn(env: dict, port: int, errlog: Path, *, workers: int = 2) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [
            str(gunicorn),
            "bench.run:application",
            f"--workers={workers}",
            f"--bind={HOST}:{port}",
            "--timeout=180",
            "--log-level=warning",
            f"--error-logfile={errlog}",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    probe = Session(port)
    for _ in range(600):
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}; see {errlog}")
        try:
            if probe.request("GET", BARE_PATH)[0] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.1)
    stop_gunicorn(proc)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop_gunicorn(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the master and its workers (their own process group)
        proc.wait(timeout=10)


# --- the timed part ---------------------------------------------------------------------------------------


def _budgets() -> dict:
    q = quick()
    return {
        1: (
            _int_env("BENCH_C1_REQUESTS", 20 if q else 100),
            float(_int_env("BENCH_C1_SECONDS", 2 if q else 4)),
        ),
        # c4 and c16 measure throughput and tail under load: a short burst is enough, and keeps the
        # whole run within ~20 minutes on 2 cores
        4: (_int_env("BENCH_C4_REQUESTS", 12 if q else 40), 1.0 if q else 1.5),
        16: (_int_env("BENCH_C16_REQUESTS", 32 if q else 64), 1.5 if q else 2.0),
    }


def _time_all(items: list[Measured], sessions: dict, port: int, log) -> dict:
    """Every page at c1, c4 and c16, each with its own bare-view samples (`Measured.bare_runs`); the bare
    view alone before and after. Returns the bare view's figures over the whole run (every sample)."""
    from bench.pages import Target, check_content

    budgets = _budgets()
    bare = {c: Run() for c in budgets}
    bare_session = next(s for s in sessions.values() if isinstance(s, Session))

    def bare_round(label: str) -> None:
        for c, (n, budget) in budgets.items():
            r = load([bare_session], BARE_PATH, threads=c, requests=max(n, 100), budget_s=budget)
            bare[c].latencies_ms += r.latencies_ms
            bare[c].wall_s += r.wall_s
            bare[c].errors += r.errors
        b1 = bare[1]
        log(
            f"  bare view ({label}): p50 {pct(b1.latencies_ms, 0.5):.1f} ms, p95 {pct(b1.latencies_ms, 0.95):.1f} ms"
        )

    bare_round("start")
    for m in items:
        if m.skipped:
            continue
        session = sessions.get(m.username)
        if not isinstance(session, Session):
            m.content_error = f"login failed: {session}"
            continue
        target = Target(m.key, m.url_name, m.role, m.kind, m.path, m.checks)
        # the first response is checked in full and kept for its size; the timed ones are checked too
        status, _h, body = session.request("GET", m.path)
        m.bytes = len(body)
        m.content_error = check_content(target, status, body)
        if m.content_error:
            log(f"  {m.key:<48} {m.content_error}")
            continue

        def check(status, body, target=target):
            return check_content(target, status, body)

        # steady state: each gunicorn worker has served the page before the timed runs (a worker's first
        # request pays its lazy imports, e.g. openpyxl for an export, ~50 ms); the first render of a
        # document is measured on its own (bench.documents, «처음»)
        for _ in range(WARMUP_REQUESTS):
            session.request("GET", m.path)
        t = time.perf_counter()
        doc = m.kind in DOCUMENT_KINDS
        for c, (n, budget) in budgets.items():
            if doc and c == 1:
                n = min(n, 20 if not quick() else 5)  # documents: fewer samples (said in the table)
            if c == 1:
                m.runs[1], m.bare_runs[1] = load_paired(
                    session, m.path, bare_session, requests=n, budget_s=budget, check=check
                )
                continue
            m.runs[c] = load([session], m.path, threads=c, requests=n, budget_s=budget, check=check)
            if c == 16:
                # the bare view's first requests after the page's run slower (load_paired): untimed
                load([bare_session], BARE_PATH, threads=16, requests=16, budget_s=budget)
                m.bare_runs[16] = load(
                    [bare_session], BARE_PATH, threads=16, requests=max(n, 64), budget_s=budget
                )
        for c, r in m.bare_runs.items():
            bare[c].latencies_ms += r.latencies_ms
            bare[c].wall_s += r.wall_s
            bare[c].errors += r.errors
        r1, b1 = m.runs[1], m.bare_runs[1]
        log(
            f"  {m.key:<48} n={len(r1.latencies_ms):>3} p50 {_ms(r1.fig(0.5)):>7} p95 {_ms(r1.fig(0.95)):>7} "
            f"(bare {_ms(b1.fig(0.95))}) rps c16 {_f(m.runs[16].rps):>6}  ({time.perf_counter() - t:.1f} s)"
        )
    bare_round("end")
    return bare


def _time_writes(writes, sessions: dict, log) -> None:
    from bench.writes import submit

    for w in writes:
        session = sessions.get(w.role)
        if not isinstance(session, Session):
            w.errors.append(f"login failed: {session}")
            continue
        w.rows_before = w.count()
        for i in range(w.iterations):
            ms = submit(session, w, i)
            if ms is not None:
                w.latencies_ms.append(ms)
            if len(w.errors) > 3:
                break
        w.rows_after = w.count()
        log(
            f"  write {w.key:<28} n={len(w.latencies_ms):>3} p50 {_ms(pct(w.latencies_ms, 0.5)):>7} "
            f"p95 {_ms(pct(w.latencies_ms, 0.95)):>7}  rows {w.rows_before}→{w.rows_after}"
            + (f"  {w.errors[0]}" if w.errors else "")
        )


class _InProcess:
    """The Session interface over Django's test client, to count the queries of one write's POST."""

    host, port = "testserver", 80

    def __init__(self, user):
        from django.test import Client

        self.client = Client()
        self.client.force_login(user)
        self.post_queries: int | None = None

    def request(self, method, path, body=None, headers=None):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        if method == "GET":
            r = self.client.get(path)
            return r.status_code, r.headers, _drain(r)
        with CaptureQueriesContext(connection) as ctx:
            r = self.client.generic("POST", path, body, content_type="application/x-www-form-urlencoded")
        self.post_queries = len(ctx.captured_queries)
        return r.status_code, r.headers, _drain(r)


def _count_write_queries(writes, f) -> None:
    """One extra iteration of each write in-process (the last fresh object), for its query count."""
    from django.test.utils import override_settings

    from bench.writes import submit

    with override_settings(ROOT_URLCONF="bench.run"):
        for w in writes:
            client = _InProcess(f.user(w.role))
            before = len(w.errors)
            submit(client, w, w.iterations)
            w.queries = client.post_queries if len(w.errors) == before else None


# --- report ------------------------------------------------------------------------------------------------


def _ms(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def _f(v: float | None, fmt: str = ".1f") -> str:
    return "-" if v is None else format(v, fmt)


def baseline(m: Measured, bare: dict, c: int) -> Run:
    """The bare view this page's ratios at concurrency `c` are taken over: its own samples, taken in the
    same seconds (`Measured.bare_runs`), or the run's when it has none."""
    own = m.bare_runs.get(c)
    return own if own is not None and own.latencies_ms else bare[c]


def _verdict(m: Measured, bare: dict) -> tuple[bool | None, list[str]]:
    """(met, reasons); None when the page was not measured. Ratios are over the page's own baseline."""
    if m.skipped:
        return None, [f"not measured: {m.skipped}"]
    why = []
    if m.content_error:
        why.append(f"content: {m.content_error}")
    r1 = m.runs.get(1)
    if r1 and r1.errors:
        why.append(f"errors: {r1.errors[0]}")
    limit = RATIO_P95_STRICT if m.strict else RATIO_P95
    b95 = baseline(m, bare, 1).fig(0.95)
    if r1 and r1.latencies_ms and b95:
        ratio = r1.fig(0.95) / b95
        if ratio > limit:
            why.append(f"p95 {ratio:.1f}× bare > {limit:.0f}×")
    r16, b16 = m.runs.get(16), baseline(m, bare, 16)
    if r16 and r16.rps and b16.rps and r16.rps < b16.rps * RATIO_RPS_C16:
        why.append(f"c16 {r16.rps / b16.rps:.3f} of bare's rps < 1/20")
    growth = query_growth(m)
    if growth:
        why.append(growth)
    return not why, why


def query_growth(m: Measured) -> str:
    """Why the page's query count grows with the data, or ''. Growth means a query that runs more often
    on the large data than on the demo (an N+1 shows as one shape repeated), or more than one query
    more. One query more, run once, is a list that is empty on the demo (Django runs no query for an
    empty page of a paginated list) and is noted, not counted; fewer queries are no growth."""
    if m.q_small is None or m.q_large is None or m.q_large <= m.q_small:
        return ""
    repeated = [n for shape, n in m.large_shapes.items() if n > max(1, m.small_shapes.get(shape, 0))]
    if m.q_large - m.q_small > 1 or repeated or not m.large_shapes:
        return f"queries grow {m.q_small}→{m.q_large}"
    return ""


def page_rows(items: list[Measured], bare: dict) -> list[dict]:
    run_b95, run_brps = bare[1].fig(0.95), bare[16].rps
    rows = []
    for m in items:
        met, why = _verdict(m, bare)
        r1, r4, r16 = (m.runs.get(c) or Run() for c in (1, 4, 16))
        own1, own16 = baseline(m, bare, 1), baseline(m, bare, 16)
        b95, brps = own1.fig(0.95), own16.rps
        rows.append(
            {
                "key": m.key,
                "url_name": m.url_name,
                "role": m.role,
                "username": m.username,
                "path": m.path,
                "kind": m.kind,
                "queries_small": m.q_small,
                "queries_large": m.q_large,
                "sql_ms_large": m.sql_ms_large,
                "bytes": m.bytes,
                "n_c1": len(r1.latencies_ms),
                "p50_ms": r1.fig(0.5),
                "p95_ms": r1.fig(0.95),
                "p99_ms": r1.fig(0.99),
                "p95_ms_c4": r4.fig(0.95),
                "p99_ms_c4": r4.fig(0.99),
                "p95_ms_c16": r16.fig(0.95),
                "p99_ms_c16": r16.fig(0.99),
                "rps_c4": r4.rps,
                "rps_c16": r16.rps,
                # ratios over the page's own bare-view samples (the verdict's), then over the run's
                "bare_p50_ms": own1.fig(0.5),
                "bare_p95_ms": b95,
                "bare_rps_c16": brps,
                "ratio_p95": r1.fig(0.95) / b95 if r1.latencies_ms and b95 else None,
                "ratio_p95_c16": r16.fig(0.95) / own16.fig(0.95)
                if r16.latencies_ms and own16.fig(0.95)
                else None,
                "ratio_rps_c16": r16.rps / brps if r16.rps and brps else None,
                "ratio_p95_run": r1.fig(0.95) / run_b95 if r1.latencies_ms and run_b95 else None,
                "ratio_rps_c16_run": r16.rps / run_brps if r16.rps and run_brps else None,
                "target_ratio_p95": RATIO_P95_STRICT if m.strict else RATIO_P95,
                "met": met,
                "why": why,
                "note": "one query more on the large data: a list empty on the demo"
                if m.q_small is not None
                and m.q_large == m.q_small + 1
                and met is not None
                and not query_growth(m)
                else "",
                "diagnosis": m.diagnosis if met is False else [],
            }
        )
    return rows


def _table(rows: list[dict], writes: list[dict], bare: dict, meta: dict) -> str:
    lines = [
        f"seongdong_gov benchmark · {meta['started']} · {'QUICK · ' if meta['quick'] else ''}{meta['database']}",
        f"server: gunicorn, 2 workers, {meta['server_mode']}",
        f"machine: {meta['cpus']} CPUs; load average (1 min) {meta['load_before_timing'][0]:.1f} before the "
        f"timed requests, {meta['load_after_timing'][0]:.1f} after (others' work inflates latencies: read ratios)",
        "data: " + ", ".join(f"{k} {v:,}" for k, v in meta["counts"].items()),
        f"accounts on the large data: {meta['accounts']}",
        "bare view over the whole run (every sample, ×run): "
        + "; ".join(
            f"c{c} p50 {_ms(bare[c].fig(0.5))} p95 {_ms(bare[c].fig(0.95))} p99 {_ms(bare[c].fig(0.99))} ms "
            + (f"{_f(bare[c].rps)} rps " if c > 1 else "")  # at c1 the bare GETs alternate with the pages'
            + f"(n={len(bare[c].latencies_ms)})"
            for c in (1, 4, 16)
        ),
        "",
    ]
    head = (
        f"{'page':<46}{'role':<10}{'q sm':>5}{'q lg':>6}{'n':>4}{'p50':>8}{'p95':>8}{'p99':>8}"
        f"{'bare95':>7}{'×bare':>7}{'×run':>6}{'p95c16':>8}{'rps16':>7}{'×bare':>7}  verdict"
    )
    lines += [head, "-" * len(head)]
    for r in rows:
        verdict = "-" if r["met"] is None else ("ok" if r["met"] else "MISSED")
        lines.append(
            f"{r['key'][:45]:<46}{r['role'][:9]:<10}{_f(r['queries_small'], 'd'):>5}{_f(r['queries_large'], 'd'):>6}"
            f"{r['n_c1']:>4}{_ms(r['p50_ms']):>8}{_ms(r['p95_ms']):>8}{_ms(r['p99_ms']):>8}"
            f"{_ms(r['bare_p95_ms']):>7}{_f(r['ratio_p95']):>7}{_f(r['ratio_p95_run']):>6}"
            f"{_ms(r['p95_ms_c16']):>8}{_f(r['rps_c16']):>7}{_f(r['ratio_rps_c16'], '.3f'):>7}"
            f"  {verdict}"
            + (f" ({'; '.join(r['why'])})" if r["why"] else "")
            + (f" [{r['note']}]" if r["note"] else "")
        )
    lines += [
        "",
        f"targets: p95 at c1 ≤ {RATIO_P95:.0f}× the bare view (home, portal, meeting page, feed: ≤ "
        f"{RATIO_P95_STRICT:.0f}×); rps at c16 ≥ 1/20 of the bare view's; the same query count on the demo "
        "and the large data; content checked on every response. Documents get ≤ 20 samples at c1 (p99 = max).",
        "baseline of each page's verdict: its own bare-view samples (bare95, ×bare), blocks of ten bare GETs "
        "alternating with blocks of its GETs at c1 and a bare burst right after its c16 burst, so that both see the same seconds of "
        "this shared machine; ×run is the same p95 over the whole run's bare samples, for comparison.",
        "",
        "writes (POST through the views, CSRF and session cookie; effect checked in rows):",
    ]
    for w in writes:
        lines.append(
            f"  {w['key']:<28} {w['role']:<10} queries {_f(w['queries'], 'd'):>5}  n={w['n']:>3} p50 {_ms(w['p50_ms']):>8} "
            f"p95 {_ms(w['p95_ms']):>8} ms  rows {w['rows_before']}→{w['rows_after']} "
            f"({'ok' if w['effect_ok'] else 'EFFECT MISSING'})"
            + (f"  {w['errors'][0]}" if w["errors"] else "")
        )
    missed = [r for r in rows if r["met"] is False]
    lines.append("")
    lines.append(f"MISSED: {len(missed)} of {sum(r['met'] is not None for r in rows)} measured pages")
    for r in missed:
        lines.append(f"  {r['key']}: {'; '.join(r['why'])}")
        if r["diagnosis"]:
            lines.append(
                f"    in-process SQL on the large data: {r['queries_large']} queries, {_f(r['sql_ms_large'], '.0f')} ms"
            )
            lines.extend("    " + d for d in r["diagnosis"][:4])
    skipped = [r for r in rows if r["met"] is None]
    if skipped:
        lines.append("not measured: " + ", ".join(f"{r['key']} ({'; '.join(r['why'])})" for r in skipped))
    return "\n".join(lines)


# --- main --------------------------------------------------------------------------------------------------


def setup(database_url: str, log) -> None:
    # This process loads the demo (development only) and counts queries with the test client.
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="seongdong_gov.settings",
        DJANGO_DEVELOPMENT="1",
        DEBUG="0",
        HTTPS="0",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    import warnings

    import django

    # WhiteNoise warns that STATIC_ROOT does not exist: this process serves no static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()


def _measured(f) -> list[Measured]:
    from bench.pages import targets

    out = []
    for t in targets(f):
        m = Measured(t.key, t.url_name, t.role, t.kind, t.strict or t.url_name == "meetings:feed", t.path)
        m.skipped, m.checks = t.skipped, t.checks
        if not m.skipped:
            try:
                m.username = f.username_for(t.role)
            except Exception as exc:  # an account the data do not have: reported, not fatal
                m.skipped = f"no account for {t.role}: {exc}"[:120]
        out.append(m)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--scale-out" in argv:
        from bench import scaleout

        return scaleout.main()
    started = dt.datetime.now()
    t_start = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t_start:6.1f}s] {msg}", flush=True)

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    results_dir = BASE_DIR / "bench-results"
    results_dir.mkdir(exist_ok=True)
    static = Collectstatic(server_env(database_url, str(results_dir / "static"), str(BASE_DIR / "media")))
    small_file = results_dir / "small-counts.json"
    from zoneinfo import ZoneInfo

    from bench import database

    prepared = database.prepare(
        database_url,
        quick=quick(),
        today=dt.datetime.now(ZoneInfo("Asia/Seoul")).date(),
        log=log,
        small_counts=small_file,
    )
    build_s = prepared["build_s"]
    setup(database_url, log)
    from django.db import connections

    from bench import data as benchdata
    from bench.pages import Fixtures
    from bench.writes import scenarios

    small_counts = json.loads(small_file.read_text())
    f = Fixtures(big=True)
    items = _measured(f)
    # BENCH_ONLY=a,b: only the pages whose URL name contains one of these (no writes, no documents), for
    # working on a few pages; a full run never sets it
    only = [part for part in os.environ.get("BENCH_ONLY", "").split(",") if part]
    if only:
        items = [m for m in items if any(part in m.url_name for part in only)]
    for m in items:
        m.q_small, m.small_shapes = small_counts.get(m.key, (None, {}))
    counts = benchdata.counts()
    log("data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    _count_queries(items, large=True)
    log("query counts on the large data done")
    n_writes = _int_env("BENCH_WRITES", 5 if quick() else 20)
    writes = [] if only else scenarios(f, n=n_writes + 1)
    for w in writes:
        # never more iterations than fresh objects: a repeated one would be refused, not measured
        w.iterations = n_writes if w.limit is None else max(0, min(n_writes, w.limit))
    _count_write_queries(writes, f)
    log("query counts of the writes done")
    accounts = {role: f.usernames[role] for role in ("member", "secretary", "reporter")}
    accounts_text = (
        f"member {accounts['member']} ({f.member_person.name}, "
        f"{f.member_person.memberships.values('body').distinct().count()} bodies), "
        f"secretary {accounts['secretary']} ({f.body.name}), reporter {accounts['reporter']} ({f.unit.name})"
    )
    connections.close_all()  # before gunicorn's workers open theirs

    from committees.demo import DEMO_PASSWORD

    env, server_mode = static.ready()
    log(f"gunicorn: {server_mode}")
    port = free_port()
    proc = start_gunicorn(env, port, results_dir / "gunicorn.log")
    log(f"gunicorn pid {proc.pid} on http://{HOST}:{port} (2 workers)")
    try:
        sessions: dict = {None: Session(port)}
        for username in {m.username for m in items if m.username} | {f.usernames[w.role] for w in writes}:
            s = Session(port)
            try:
                s.login(username, DEMO_PASSWORD)
                sessions[username] = s
            except (RuntimeError, OSError) as exc:
                sessions[username] = exc
        sessions[None] = (
            sessions.get("admin") if isinstance(sessions.get("admin"), Session) else sessions[None]
        )
        anonymous = Session(port)
        load_before = os.getloadavg()
        for m in items:
            if m.role == "anonymous":
                m.username = "__anonymous__"
        sessions["__anonymous__"] = anonymous
        bare = _time_all(items, sessions, port, log)
        log("writes:")
        _time_writes(writes, {w.role: sessions.get(f.usernames[w.role]) for w in writes}, log)
        load_after = os.getloadavg()
    finally:
        stop_gunicorn(proc)
        log(f"gunicorn stopped (exit {proc.returncode})")

    # §5 of the documents issue: in process, after the servers stopped (they would compete for the CPU)
    from bench.documents import document_timings

    log("documents (bench.documents):")
    doc_runs = _int_env("BENCH_DOCUMENT_RUNS", 3 if quick() else 10)
    doc_lines: list[str] = []
    doc_rows = [] if only else document_timings(runs=doc_runs, setup_db=False, out=doc_lines.append)
    log(f"documents timed ({doc_runs} requests each)")

    rows = page_rows(items, bare)
    write_rows = [
        {
            "key": w.key,
            "role": w.role,
            "queries": w.queries,
            "n": len(w.latencies_ms),
            "p50_ms": pct(w.latencies_ms, 0.5),
            "p95_ms": pct(w.latencies_ms, 0.95),
            "p99_ms": pct(w.latencies_ms, 0.99),
            "ratio_p95": (pct(w.latencies_ms, 0.95) / bare[1].fig(0.95)) if w.latencies_ms else None,
            "rows_before": w.rows_before,
            "rows_after": w.rows_after,
            "effect_ok": w.effect_ok and not w.errors,
            "errors": w.errors[:3],
        }
        for w in writes
    ]
    meta = {
        "started": started.strftime("%Y-%m-%d %H:%M:%S"),
        "quick": quick(),
        "database": urllib.parse.urlparse(database_url)._replace(netloc=HOST).geturl(),
        "server_mode": server_mode,
        "client": "threads over loopback, one HTTP connection per request; budgets per concurrency "
        + json.dumps({f"c{c}": {"requests": n, "seconds": s} for c, (n, s) in _budgets().items()}),
        "counts": counts,
        "accounts": accounts_text,
        "build_s": build_s,
        "data_version": prepared["version"],
        "data_rebuilt": prepared["rebuilt"],
        "wall_s": time.perf_counter() - t_start,
        "cpus": os.cpu_count(),
        "load_before_timing": load_before,
        "load_after_timing": load_after,
        "bare": {
            f"c{c}": {
                "n": len(bare[c].latencies_ms),
                "p50_ms": bare[c].fig(0.5),
                "p95_ms": bare[c].fig(0.95),
                "p99_ms": bare[c].fig(0.99),
                "rps": bare[c].rps,
            }
            for c in (1, 4, 16)
        },
        "targets": {
            "ratio_p95": RATIO_P95,
            "ratio_p95_strict": RATIO_P95_STRICT,
            "ratio_rps_c16": RATIO_RPS_C16,
        },
    }
    table = _table(rows, write_rows, bare, meta) + "\n\n" + "\n".join(doc_lines)
    print()
    print(table)
    payload = {
        "pages": rows,
        "writes": write_rows,
        "documents": {"runs": doc_runs, "load_average": os.getloadavg(), "rows": doc_rows},
        "meta": meta,
    }
    stamp = started.strftime("%Y%m%d-%H%M%S")
    text = json.dumps(payload, ensure_ascii=False, indent=1)
    latest = "only.json" if only else "latest.json"  # a partial run never stands for the whole
    (results_dir / latest).write_text(text)
    (results_dir / f"bench-{stamp}.json").write_text(text)
    (results_dir / f"bench-{stamp}.txt").write_text(table + "\n")
    print(f"\nwritten: bench-results/{latest}, bench-{stamp}.txt  (wall time {meta['wall_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
