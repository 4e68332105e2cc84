"""`python -m bench --scale-out` (issue 14 §3): two app servers against one PostgreSQL.

Starts two gunicorn servers on two ports with the same settings (database, SECRET_KEY, MEDIA_ROOT as the
shared storage; sessions are in the database, `django.contrib.sessions`' default engine), 1 worker each,
then:
1. drives a mix of pages (staff home, the secretary's meeting page, the member portal, the bare view)
   from client threads against server A alone, then round-robin against A and B, and reports whether the
   throughput adds up (B's worker gets the other core; on this 2-core machine the sum is bounded by it);
2. logs in on A and uses the session on B (a page that needs it), and submits on B a form whose CSRF
   token came from A (the member renews the calendar feed): nothing is held in a process.

Measures a fresh copy of the benchmark's district-scale template (`bench.database`), built first when
its data version changed (BENCH_QUICK=1 for the small scale).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
import urllib.parse
from zoneinfo import ZoneInfo

from bench import database
from bench.run import (
    BARE_PATH,
    BASE_DIR,
    DEFAULT_DATABASE_URL,
    HOST,
    Collectstatic,
    Session,
    free_port,
    load,
    pct,
    quick,
    server_env,
    setup,
    start_gunicorn,
    stop_gunicorn,
)

THREADS = 8


def main() -> int:
    t_start = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t_start:6.1f}s] {msg}", flush=True)

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    # a fresh copy of the district-scale template (built first when its data version changed)
    database.prepare(
        database_url,
        quick=quick(),
        today=dt.datetime.now(ZoneInfo("Asia/Seoul")).date(),
        log=log,
        small_counts=None,
    )
    setup(database_url, log)
    from django.db import connections
    from django.urls import reverse

    from bench.pages import Fixtures
    from committees.demo import DEMO_PASSWORD

    f = Fixtures(big=True)
    mix = [
        ("staff", reverse("home")),
        ("secretary", reverse("meetings:detail", args=[f.meeting.pk])),
        ("member", reverse("meetings:portal")),
        ("staff", BARE_PATH),
    ]
    connections.close_all()
    results_dir = BASE_DIR / "bench-results"
    results_dir.mkdir(exist_ok=True)
    requests = 48 if quick() else 160
    out: dict = {"threads": THREADS, "requests_per_page": requests, "pages": {}}
    # the static files of the last run are reused (bench-results/static)
    static_root = str(results_dir / "static")
    env, mode = Collectstatic(server_env(database_url, static_root, str(BASE_DIR / "media"))).ready()
    log(f"servers: {mode}; same DATABASE_URL, SECRET_KEY and MEDIA_ROOT; 1 gunicorn worker each")
    ports = [free_port(), free_port()]
    procs = []
    try:
        for k, port in enumerate(ports):
            procs.append(start_gunicorn(env, port, results_dir / f"gunicorn-{k}.log", workers=1))
        log(f"app servers on ports {ports[0]} and {ports[1]}")
        a_sessions, b_sessions = {}, {}
        for role in {r for r, _p in mix}:
            s = Session(ports[0])
            s.login(f.usernames[role], DEMO_PASSWORD)
            a_sessions[role] = s
            b = Session(ports[1])
            b.cookies = dict(s.cookies)  # the session made on A, used on B
            b_sessions[role] = b
        # 1. throughput: one server, then both round-robin
        total = {"one": [0, 0.0], "two": [0, 0.0]}
        for role, path in mix:
            one = load([a_sessions[role]], path, threads=THREADS, requests=requests, budget_s=60)
            two = load(
                [a_sessions[role], b_sessions[role]],
                path,
                threads=THREADS,
                requests=requests,
                budget_s=60,
            )
            for key, run in (("one", one), ("two", two)):
                total[key][0] += len(run.latencies_ms)
                total[key][1] += run.wall_s
            out["pages"][f"{role} {path}"] = {
                "rps_one": one.rps,
                "rps_two": two.rps,
                "gain": (two.rps / one.rps) if one.rps and two.rps else None,
                "p95_ms_one": pct(one.latencies_ms, 0.95),
                "p95_ms_two": pct(two.latencies_ms, 0.95),
                "errors": (one.errors + two.errors)[:2],
            }
            p = out["pages"][f"{role} {path}"]
            log(
                f"  {role:<10}{path:<28} one server {p['rps_one'] or 0:6.1f} rps   two servers "
                f"{p['rps_two'] or 0:6.1f} rps   ×{p['gain'] or 0:.2f}"
                + (f"  {p['errors'][0]}" if p["errors"] else "")
            )
        out["rps_one"] = total["one"][0] / total["one"][1]
        out["rps_two"] = total["two"][0] / total["two"][1]
        out["gain"] = out["rps_two"] / out["rps_one"]
        log(
            f"  mix: one server {out['rps_one']:.1f} rps, two servers {out['rps_two']:.1f} rps (×{out['gain']:.2f})"
        )
        # 2. nothing held in a process: the session and the CSRF token of A work on B
        status, _h, _body = b_sessions["staff"].request("GET", reverse("home"))
        out["session_on_other_server"] = status == 200
        member_a, member_b = a_sessions["member"], b_sessions["member"]
        status, _h, html = member_a.request("GET", reverse("meetings:portal"))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        from meetings.models import FeedToken

        before = (
            FeedToken.objects.filter(user__username=f.usernames["member"])
            .values_list("token", flat=True)
            .first()
        )
        connections.close_all()
        member_b.cookies = dict(member_a.cookies)
        origin = f"http://{HOST}:{ports[1]}"
        status, _h, _b = member_b.request(
            "POST",
            reverse("meetings:feed_renew"),
            body=urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token.group(1).decode() if token else ""}
            ).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + reverse("meetings:portal"),
            },
        )
        after = (
            FeedToken.objects.filter(user__username=f.usernames["member"])
            .values_list("token", flat=True)
            .first()
        )
        connections.close_all()
        out["csrf_post_on_other_server"] = status == 302 and after is not None and after != before
        log(
            f"  session made on A used on B: {'yes' if out['session_on_other_server'] else 'NO'}; "
            f"form from A posted to B (feed renewed): {'yes' if out['csrf_post_on_other_server'] else 'NO'}"
        )
    finally:
        for proc in procs:
            stop_gunicorn(proc)
    out["load_average"] = os.getloadavg()
    out["cpus"] = os.cpu_count()
    (results_dir / "scale-out.json").write_text(json.dumps(out, ensure_ascii=False, indent=1))
    log("written: bench-results/scale-out.json")
    return 0
