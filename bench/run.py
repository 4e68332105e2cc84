"""`make bench`: the district-scale benchmark (issue 6 §4, issue 4 §4). Not a test; prints and records.

    .venv/bin/python -m bench        # or: make bench

1. (Re)creates its own PostgreSQL database (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/seongdong_bench), migrates it and loads the demo.
2. Counts the queries of every main page on the demo-only data (Django test client in-process), then
   bulk-creates the district-scale data (bench.data) and counts them again.
3. Serves the app with gunicorn (2 workers, production settings, DEBUG off) on a free loopback port,
   logs in as the demo users and times sequential requests per page from a load generator thread.
4. Times certificate PDFs (bench.certificates: one certificate, 100 in one PDF; with and without the
   HarfBuzz subsetter).
5. Prints one table and writes it to bench-results/bench-<timestamp>.txt and .json. The exit code is 0
   even when a target is missed; missed targets are printed as MISSED.

This module is also the WSGI entry gunicorn serves (`bench.run:application`): the project's
URLs plus a bare baseline view at /__bench__/bare, which exists only inside the benchmark.

Environment: BENCH_DATABASE_URL, BENCH_WARMUP (5), BENCH_REQUESTS (50), BENCH_PAGE_SECONDS (20: time budget
per page, at least 5 measured requests), BENCH_CONCURRENCY (1 client thread), BENCH_KEEP_DATA=1 (reuse an
existing benchmark database instead of recreating it).
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
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/seongdong_bench"
BARE_PATH = "/__bench__/bare"
TARGET_P95_MS = 150.0
TARGET_CERT_P50_MS = 150.0
TARGET_BATCH_S = 5.0
HOST = "127.0.0.1"


def _int_env(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


# --- the WSGI entry served by gunicorn ------------------------------------------------------------------

_cache: dict = {}


def _bare(request):
    from django.http import HttpResponse

    return HttpResponse(b"ok", content_type="text/plain")


def __getattr__(name: str):
    """Lazy module attributes so that importing this module (gunicorn, the in-process client) stays cheap:
    `application` (the project's WSGI app with ROOT_URLCONF pointed here) and `urlpatterns`."""
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

            app = get_wsgi_application()
            settings.ROOT_URLCONF = "bench.run"
            _cache["application"] = app
        return _cache["application"]
    raise AttributeError(name)


# --- pages ---------------------------------------------------------------------------------------------


@dataclass
class Page:
    key: str
    label: str
    user: str
    path: str = ""
    in_small: bool = True  # the page exists on the demo-only data too
    target: str = "p95"  # p95 ≤ 150 ms; "cert": p50 ≤ 150 ms; "batch": every request ≤ 5 s
    requests: int | None = None  # override of the measured count
    warmup: int | None = None
    q_small: int | None = None
    q_big: int | None = None
    status_small: int | None = None
    status_big: int | None = None
    sql_ms_big: float | None = None
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    diagnosis: list[str] = field(default_factory=list)
    small_shapes: dict[str, int] = field(default_factory=dict)

    @property
    def p50(self) -> float | None:
        return statistics.median(self.latencies_ms) if self.latencies_ms else None

    @property
    def p95(self) -> float | None:
        if not self.latencies_ms:
            return None
        xs = sorted(self.latencies_ms)
        return xs[max(0, math.ceil(0.95 * len(xs)) - 1)]  # nearest rank

    @property
    def queries_equal(self) -> bool | None:
        if not self.in_small or self.q_small is None or self.q_big is None:
            return None
        return self.q_small == self.q_big

    @property
    def latency_met(self) -> bool:
        if not self.latencies_ms:
            return False
        if self.target == "cert":
            return self.p50 <= TARGET_CERT_P50_MS
        if self.target == "batch":
            return max(self.latencies_ms) <= TARGET_BATCH_S * 1000
        if self.target == "baseline":
            return True
        return self.p95 <= TARGET_P95_MS

    @property
    def met(self) -> bool:
        return self.latency_met and self.queries_equal is not False and not self.errors


def _pages(*, big: bool) -> list[Page]:
    """The measured pages; URLs resolved from the URL names against the data present now."""
    from django.urls import reverse

    from appointments.models import Certificate
    from bench.data import BIG_BODY_NAME
    from committees.models import Body
    from meetings.models import Meeting

    steering = Body.objects.get(name="추진운영위원회")
    demo_meeting = Meeting.objects.get(title="추진운영위원회 2016년 1분기 정기회의")
    cert = Certificate.objects.order_by("year", "sequence").first()
    from django.utils import timezone

    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    pages = [
        Page("bare", "baseline: bare Django view", "admin", BARE_PATH, target="baseline"),
        Page("home_admin", "home · admin", "admin", reverse("home")),
        Page("home_staff", "home · staff", "staff", reverse("home")),
        Page("home_secretary", "home · secretary", "secretary", reverse("home")),
        Page("home_member", "home · member", "member", reverse("home")),
        Page("home_reporter", "home · reporter", "reporter", reverse("home")),
        Page("body_list", "body list", "admin", reverse("committees:body_list")),
        Page(
            "body_steering",
            "body page · 추진운영위원회",
            "admin",
            reverse("committees:body_detail", args=[steering.pk]),
        ),
        Page("body_big", "body page · big body (100 seats)", "admin", "", in_small=False),
        Page(
            "meeting_demo",
            "meeting page · demo 1분기 정기회의",
            "admin",
            reverse("meetings:detail", args=[demo_meeting.pk]),
        ),
        Page("meeting_big", "meeting page · big body, held", "admin", "", in_small=False),
        Page("portal", "member portal", "member", reverse("meetings:portal")),
        Page(
            "report_matrix",
            f"report matrix {last_month}",
            "staff",
            reverse("reports:dashboard") + f"?month={last_month}",
        ),
        Page("register", "certificate register", "admin", reverse("appointments:register")),
        Page("meeting_list", "meeting list (extra)", "admin", reverse("meetings:list")),
        # issue 16: the public site (the same page for everyone; measured uncached, as a proxy's miss)
        Page("public_body", "public · body page", "admin", reverse("public:body", args=[steering.pk])),
        Page(
            "public_year",
            "public · body year 2016",
            "admin",
            reverse("public:body_year", args=[steering.pk, 2016]),
        ),
        Page(
            "public_calendar",
            "public · calendar 2016-03",
            "admin",
            reverse("public:calendar") + "?year=2016&month=3",
        ),
        Page("person_list", "person list (extra)", "admin", reverse("committees:person_list")),
        Page(
            "cert_pdf",
            f"certificate PDF {cert.number} (HTTP)",
            "admin",
            reverse("appointments:certificate_pdf", args=[cert.pk]),
            target="cert",
            requests=20,
        ),
        Page(
            "batch_pdf",
            "batch PDF · big body (HTTP)",
            "admin",
            "",
            in_small=False,
            target="batch",
            requests=3,
            warmup=1,
        ),
    ]
    if big:
        big_body = Body.objects.get(name=BIG_BODY_NAME)
        held = (
            Meeting.objects.filter(host_body=big_body, status=Meeting.Status.MINUTES_APPROVED)
            .order_by("-starts_at")
            .first()
        )
        by_key = {p.key: p for p in pages}
        by_key["body_big"].path = reverse("committees:body_detail", args=[big_body.pk])
        by_key["meeting_big"].path = reverse("meetings:detail", args=[held.pk])
        by_key["batch_pdf"].path = reverse("appointments:batch_pdf") + f"?body={big_body.pk}"
    return pages


# --- query counts, in-process --------------------------------------------------------------------------


_NUM = re.compile(r"\b\d+\b|'[^']*'")
_LIST = re.compile(r"\(\?(?:, \?)+\)")


def _shape(sql: str) -> str:
    """The query with its literals taken out, so that the same query with other values compares equal."""
    return _LIST.sub("(?…)", _NUM.sub("?", sql))


def _count_queries(pages: list[Page], *, big: bool) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    users = {u.username: u for u in get_user_model().objects.filter(username__in={p.user for p in pages})}
    clients: dict[str, Client] = {}
    with override_settings(ROOT_URLCONF="bench.run"):
        for page in pages:
            if not page.path or (not big and not page.in_small):
                continue
            client = clients.get(page.user)
            if client is None:
                client = clients[page.user] = Client()
                client.force_login(users[page.user])
            client.get(page.path)  # warm-up: per-process caches (calendar, content types, templates)
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(page.path)
            n = len(ctx.captured_queries)
            if big:
                page.q_big, page.status_big = n, response.status_code
                page.sql_ms_big = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
                differs = page.in_small and page.q_small is not None and page.q_small != n
                page.diagnosis = _diagnose(ctx.captured_queries, page.small_shapes if differs else None)
            else:
                page.q_small, page.status_small = n, response.status_code
                page.small_shapes = dict(Counter(_shape(q["sql"]) for q in ctx.captured_queries))
            if response.status_code != 200:
                page.errors.append(f"in-process {'big' if big else 'small'}: HTTP {response.status_code}")


def _diagnose(queries: list[dict], small: dict[str, int] | None) -> list[str]:
    """The queries that the demo-only run did not make (or made fewer times), repeated query shapes (an
    N+1 shows as one shape many times) and the slowest queries."""
    out = []
    shapes = Counter(_shape(q["sql"]) for q in queries)
    if small is not None:
        for shape, n in shapes.items():
            if n != small.get(shape, 0):
                out.append(f"×{n} on big data, ×{small.get(shape, 0)} on demo data: {shape[:300]}")
        for shape, n in small.items():
            if shape not in shapes:
                out.append(f"×0 on big data, ×{n} on demo data: {shape[:300]}")
    for shape, n in shapes.most_common(3):
        if n > 3:
            out.append(f"repeated ×{n}: {shape[:220]}")
    for q in sorted(queries, key=lambda q: -float(q["time"]))[:3]:
        out.append(f"{float(q['time']) * 1000:7.1f} ms: {q['sql'][:220]}")
    return out


# --- the load generator (loopback only) ---------------------------------------------------------------


class Session:
    """A logged-in browser over http.client with its own cookie jar (a dict of cookie values)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=120)
        try:
            hdrs = {"Host": f"{HOST}:{self.port}", "Accept-Language": "ko"}
            if self.cookies:
                hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            hdrs.update(headers or {})
            conn.request(method, path, body=body, headers=hdrs)
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
        origin = f"http://{HOST}:{self.port}"
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


def _time_page(session: Session, page: Page, *, warmup: int, measured: int, budget_s: float, threads: int):
    def one() -> float | None:
        t = time.perf_counter()
        status, _headers, body = session.request("GET", page.path)
        ms = (time.perf_counter() - t) * 1000
        if status != 200 or not body:
            page.errors.append(f"HTTP {status}")
            return None
        return ms

    for _ in range(page.warmup if page.warmup is not None else warmup):
        t = time.perf_counter()
        one()
        if time.perf_counter() - t > 1.0:
            break  # a slow page is warm after one request; keep the run bounded
    total = page.requests or measured
    deadline = time.monotonic() + budget_s
    lock = threading.Lock()
    remaining = [total]

    def worker():
        done = 0
        while True:
            with lock:
                if remaining[0] <= 0 or (time.monotonic() > deadline and len(page.latencies_ms) >= 3):
                    return done
                remaining[0] -= 1
            ms = one()
            if ms is not None:
                with lock:
                    page.latencies_ms.append(ms)
            done += 1
            if len(page.errors) > 5:
                return done

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(lambda _i: worker(), range(threads)))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class ServerSettings:
    """Production settings (DEBUG off, a real secret key, manifest static files); HTTPS off on loopback.
    `collectstatic` runs in the background (started early, while this process counts queries)."""

    def __init__(self, database_url: str, static_root: str):
        self.env = _server_env(database_url, static_root)
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def ready(self) -> tuple[dict, str]:
        try:
            _out, err = self.proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _out, err = self.proc.communicate()
        if self.proc.returncode == 0:
            return self.env, "production settings (DJANGO_DEVELOPMENT=0, DEBUG=0, manifest static files)"
        tail = ((err or "").strip().splitlines() or ["?"])[-1]
        return {
            **self.env,
            "DJANGO_DEVELOPMENT": "1",
        }, f"development settings, DEBUG=0 (collectstatic failed: {tail[:120]})"


def _server_env(database_url: str, static_root: str) -> dict:
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
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(BASE_DIR),
    )
    return env


def _serve_and_time(pages: list[Page], server: ServerSettings, results_dir: Path, log) -> str:
    from committees.demo import DEMO_PASSWORD

    warmup = _int_env("BENCH_WARMUP", 5)
    measured = _int_env("BENCH_REQUESTS", 50)
    budget = float(_int_env("BENCH_PAGE_SECONDS", 20))
    threads = _int_env("BENCH_CONCURRENCY", 1)
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env, mode = server.ready()
    log(f"gunicorn: {mode}")
    errlog = results_dir / "gunicorn.log"
    proc = subprocess.Popen(
        [
            str(gunicorn),
            "bench.run:application",
            "--workers=2",
            f"--bind={HOST}:{port}",
            "--timeout=120",
            "--log-level=warning",
            f"--error-logfile={errlog}",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        probe = Session(port)
        for _ in range(300):
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {proc.returncode}; see {errlog}")
            try:
                if probe.request("GET", BARE_PATH)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer within 30 s")
        log(f"gunicorn pid {proc.pid} on http://{HOST}:{port} (2 workers)")
        sessions: dict[str, Session] = {}
        for page in pages:
            if not page.path:
                continue
            if page.user not in sessions:
                sessions[page.user] = Session(port)
                try:
                    sessions[page.user].login(page.user, DEMO_PASSWORD)
                except (RuntimeError, OSError) as exc:
                    sessions[page.user] = exc
            if isinstance(sessions[page.user], Exception):
                page.errors.append(str(sessions[page.user]))
                continue
            t = time.perf_counter()
            _time_page(
                sessions[page.user],
                page,
                warmup=warmup,
                measured=measured,
                budget_s=budget,
                threads=threads,
            )
            log(
                f"  {page.label:<42} n={len(page.latencies_ms):>3}  p50 {_ms(page.p50):>8}  "
                f"p95 {_ms(page.p95):>8}  ({time.perf_counter() - t:.1f} s)"
            )
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the master and its workers (their own process group)
            proc.wait(timeout=10)
        log(f"gunicorn stopped (exit {proc.returncode})")
    return mode


# --- certificate PDFs (bench.certificates) -------------------------------------------------------------


def _pdf_timings(log) -> list[dict]:
    """bench.certificates.main(): one certificate p50 (render only; request → bytes is the HTTP row of the
    table), 100 certificates in one PDF and RSS across 500, with and without HarfBuzz's subsetter."""
    from bench import certificates as cert_bench

    figures = cert_bench.main(requests=False, out=lambda line: log("  " + line))
    rows = []
    for key, targets_apply in (("hb", True), ("fonttools", False)):
        f = figures[key]
        one = f.get("one_request_p50_ms", f["one_render_p50_ms"])
        growth = f.get("rss_growth_mb")
        met = one <= TARGET_CERT_P50_MS and f["hundred_s"] <= TARGET_BATCH_S
        if growth is not None:
            met = met and growth <= getattr(cert_bench, "TARGET_RSS_GROWTH_MB", 10)
        if targets_apply and "NOT FOUND" in f["label"]:
            met = False
        rows.append(
            {
                "mode": f["label"],
                "one_p50_ms": one,
                "batch100_s": f["hundred_s"],
                "batch100_kib": f.get("hundred_kib", 0.0),
                "rss_mb": f.get("rss_mb", []),
                "rss_growth_mb": growth,
                "targets_apply": targets_apply,
                "met": met,
            }
        )
    return rows


# --- report ------------------------------------------------------------------------------------------------


def _ms(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def _table(pages: list[Page], pdf: list[dict], meta: dict) -> str:
    lines = []
    lines.append(f"seongdong_gov benchmark · {meta['started']} · {meta['database']}")
    lines.append(f"server: gunicorn, 2 workers, {meta['server_mode']}; client: {meta['client']}")
    lines.append(
        f"machine: {meta['cpus']} CPUs; load average (1 min) {meta['load_before_timing'][0]:.1f} before the timed "
        f"requests, {meta['load_after_timing'][0]:.1f} after (other work on the machine inflates latencies)"
    )
    lines.append("data: " + ", ".join(f"{k} {v:,}" for k, v in meta["counts"].items()))
    lines.append(
        f"dataset built in {meta['build_s']:.1f} s (demo {meta['demo_s']:.1f} s, bulk {meta['bulk_s']:.1f} s)"
    )
    lines.append("")
    head = f"{'page':<44}{'user':<10}{'q small':>8}{'q big':>7}{'p50 ms':>9}{'p95 ms':>9}{'n':>4}  target"
    lines.append(head)
    lines.append("-" * len(head))
    for p in pages:
        small = "-" if not p.in_small else ("?" if p.q_small is None else str(p.q_small))
        big = "?" if p.q_big is None else str(p.q_big)
        if p.target == "baseline":
            verdict = "baseline"
        else:
            verdict = "yes" if p.met else "MISSED"
            why = []
            if not p.latency_met:
                why.append(
                    {"cert": "p50 > 150 ms", "batch": "> 5 s"}.get(p.target, "p95 > 150 ms")
                    if p.latencies_ms
                    else "no timing"
                )
            if p.queries_equal is False:
                why.append("query count grows with data")
            if p.errors:
                why.append(p.errors[0])
            if why:
                verdict += " (" + "; ".join(why) + ")"
        lines.append(
            f"{p.label:<44}{p.user:<10}{small:>8}{big:>7}{_ms(p.p50):>9}{_ms(p.p95):>9}{len(p.latencies_ms):>4}  {verdict}"
        )
    lines.append("")
    lines.append("targets: p95 ≤ 150 ms per page (certificate PDF: p50 ≤ 150 ms; batch of 100: ≤ 5 s);")
    lines.append("         query count on the district-scale data equal to the count on the demo-only data")
    lines.append("")
    lines.append("certificate PDFs, in-process render (bench.certificates; targets with the subsetter only):")
    for r in pdf:
        verdict = ("yes" if r["met"] else "MISSED") if r["targets_apply"] else "(on record)"
        rss = "" if r["rss_growth_mb"] is None else f"   RSS over 500 {r['rss_growth_mb']:+.0f} MB"
        lines.append(
            f"  {r['mode'][:34]:<36} 1 certificate p50 {r['one_p50_ms']:5.0f} ms"
            f"   100 in one PDF {r['batch100_s']:5.2f} s ({r['batch100_kib']:.0f} KiB){rss}   {verdict}"
        )
    missed = [p for p in pages if p.target != "baseline" and not p.met]
    missed_pdf = [r for r in pdf if r["targets_apply"] and not r["met"]]
    lines.append("")
    if missed or missed_pdf:
        lines.append(
            f"MISSED: {len(missed) + len(missed_pdf)} target(s): "
            + ", ".join([p.label for p in missed] + [r["mode"] for r in missed_pdf])
        )
        for p in missed:
            if p.diagnosis:
                lines.append(
                    f"  {p.label} (in-process SQL on the big data: {p.q_big} queries, {p.sql_ms_big:.0f} ms)"
                )
                lines.extend("    " + d for d in p.diagnosis)
    else:
        lines.append("every target met")
    return "\n".join(lines)


# --- main --------------------------------------------------------------------------------------------------


def _recreate_database(url: str, log) -> None:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    if not name or parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"BENCH_DATABASE_URL must be a PostgreSQL URL with a database name: {url}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"database {name} recreated")


def main() -> int:
    started = dt.datetime.now()
    t_start = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t_start:6.1f}s] {msg}", flush=True)

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
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
    )
    keep = os.environ.get("BENCH_KEEP_DATA") == "1"
    if not keep:
        _recreate_database(database_url, log)

    import warnings

    import django

    # WhiteNoise warns that STATIC_ROOT does not exist: this process serves no static files.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from bench import data as benchdata

    results_dir = BASE_DIR / "bench-results"
    results_dir.mkdir(exist_ok=True)
    t = time.perf_counter()
    demo_s = bulk_s = 0.0
    if not keep:
        call_command("migrate", verbosity=0, interactive=False)
        with open(os.devnull, "w") as devnull:
            call_command("load_demo", stdout=devnull)
        demo_s = time.perf_counter() - t
        log(f"migrated and loaded the demo in {demo_s:.1f} s")
        pages = _pages(big=False)
        _count_queries(pages, big=False)
        small_counts = {p.key: (p.q_small, p.status_small, p.small_shapes) for p in pages}
        log("query counts on the demo-only data done")
        t = time.perf_counter()
        benchdata.build(today=timezone.localdate(), log=log)
        bulk_s = time.perf_counter() - t
        log(f"district-scale data bulk-created in {bulk_s:.1f} s")
        (results_dir / "small-counts.json").write_text(json.dumps(small_counts))
    else:
        small_counts = json.loads((results_dir / "small-counts.json").read_text())
    pages = _pages(big=True)
    for p in pages:
        p.q_small, p.status_small, p.small_shapes = small_counts.get(p.key, (None, None, {}))
    counts = benchdata.counts()
    log("data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    with tempfile.TemporaryDirectory(prefix="bench-static-") as static_root:
        server = ServerSettings(database_url, static_root)
        try:
            _count_queries(pages, big=True)
            log("query counts on the district-scale data done")
            # Close this process's connection before gunicorn's workers open theirs.
            from django.db import connections

            connections.close_all()
            load_before = os.getloadavg()
            server_mode = _serve_and_time(pages, server, results_dir, log)
        finally:
            if server.proc.poll() is None:
                server.proc.kill()
                server.proc.wait()
    log("certificate PDFs (in-process):")
    pdf = _pdf_timings(log)

    meta = {
        "started": started.strftime("%Y-%m-%d %H:%M:%S"),
        "database": urllib.parse.urlparse(database_url)
        ._replace(netloc=urllib.parse.urlparse(database_url).hostname or "")
        .geturl(),
        "server_mode": server_mode,
        "client": f"{_int_env('BENCH_CONCURRENCY', 1)} thread(s), sequential requests over loopback, "
        f"{_int_env('BENCH_WARMUP', 5)} warm-up + up to {_int_env('BENCH_REQUESTS', 50)} measured per page",
        "counts": counts,
        "build_s": demo_s + bulk_s,
        "demo_s": demo_s,
        "bulk_s": bulk_s,
        "wall_s": time.perf_counter() - t_start,
        "cpus": os.cpu_count(),
        "load_before_timing": load_before,
        "load_after_timing": os.getloadavg(),
    }
    table = _table(pages, pdf, meta)
    print()
    print(table)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    (results_dir / f"bench-{stamp}.txt").write_text(table + "\n")
    payload = {
        "meta": meta,
        "pages": [
            {**asdict(p), "p50_ms": p.p50, "p95_ms": p.p95, "queries_equal": p.queries_equal, "met": p.met}
            for p in pages
        ],
        "certificate_pdf": pdf,
    }
    (results_dir / f"bench-{stamp}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1))
    print(f"\nwritten: bench-results/bench-{stamp}.txt, .json  (wall time {meta['wall_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
