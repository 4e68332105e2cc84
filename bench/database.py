"""The benchmark's databases, built once and copied for each run (issue 14: a bounded `make bench`).

Building the district-scale data takes minutes; every run also changes it (the writes add votes, reports,
certificates). So the data are built into two PostgreSQL template databases, stamped with a version, and
each run works on fresh copies (`CREATE DATABASE … TEMPLATE …`, a file copy of seconds):

- `<name>_demo_tpl`: migrated, the demo loaded;
- `<name>_large_tpl`: a copy of the demo template plus `bench.data` (district scale);
- `<name>_small`: a copy of the demo template, where the queries of every page on the demo-only data are
  counted afresh on each run (the code may have changed since the templates were built);
- `<name>`: a copy of the large template, the one the run measures and writes to.

The version (`data_version`) hashes what the data are made from: every migration, the demo loaders,
`bench/data.py`, the quick flag, today's date (the data are built around today) and the media folder the
data's uploaded files were written to. A template whose
stamp differs is rebuilt; `BENCH_REBUILD=1` forces it.

Each step that needs Django runs in its own process (`python -m bench.database <step>`), because a
Django process is bound to one database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
STAMP_TABLE = "bench_data_stamp"


def data_version(*, quick: bool, today: dt.date) -> str:
    h = hashlib.sha256()
    sources = sorted(BASE_DIR.glob("*/migrations/*.py"))
    sources += sorted(BASE_DIR.glob("*/demo.py")) + sorted(BASE_DIR.glob("*/demo/*.py"))
    sources += sorted(BASE_DIR.glob("*/management/commands/load_demo.py"))
    sources += [BASE_DIR / "bench" / "data.py"]
    for path in sources:
        h.update(str(path.relative_to(BASE_DIR)).encode())
        h.update(path.read_bytes())
    h.update(f"quick={quick}|today={today.isoformat()}".encode())
    # the uploaded files the data refer to (public attachments) live in this checkout's media folder: a
    # template built by another checkout on the same server would point at files this one does not have
    h.update(f"media={os.environ.get('MEDIA_ROOT', BASE_DIR / 'media')}".encode())
    return h.hexdigest()[:16]


def _with_name(url: str, name: str) -> str:
    return urllib.parse.urlparse(url)._replace(path="/" + name).geturl()


def names(url: str) -> dict[str, str]:
    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    if not name or parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"BENCH_DATABASE_URL must be a PostgreSQL URL with a database name: {url}")
    return {
        "run": name,
        "small": f"{name}_small",
        "demo_tpl": f"{name}_demo_tpl",
        "large_tpl": f"{name}_large_tpl",
    }


def _admin(url: str):
    import psycopg

    return psycopg.connect(_with_name(url, "postgres"), autocommit=True)


def _stamp(url: str, name: str) -> str | None:
    import psycopg

    try:
        with psycopg.connect(_with_name(url, name)) as conn:
            row = conn.execute(f"SELECT version FROM {STAMP_TABLE}").fetchone()
            return row[0] if row else None
    except psycopg.Error:
        return None


def _write_stamp(url: str, name: str, version: str) -> None:
    import psycopg

    with psycopg.connect(_with_name(url, name), autocommit=True) as conn:
        conn.execute(f"CREATE TABLE IF NOT EXISTS {STAMP_TABLE} (version text NOT NULL)")
        conn.execute(f"DELETE FROM {STAMP_TABLE}")
        conn.execute(f"INSERT INTO {STAMP_TABLE} VALUES (%s)", [version])


def copy(url: str, *, source: str | None, target: str) -> None:
    """(Re)create `target`, empty or as a copy of `source` (FILE_COPY: a copy of the files, seconds)."""
    from psycopg import sql

    with _admin(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target)))
        if source is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target)))
        else:
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
                    sql.Identifier(target), sql.Identifier(source)
                )
            )


def _step(step: str, url: str, log, *args: str) -> None:
    env = dict(os.environ, BENCH_STEP_DATABASE_URL=url)
    result = subprocess.run([sys.executable, "-m", "bench.database", step, *args], cwd=BASE_DIR, env=env)
    if result.returncode != 0:
        raise SystemExit(f"bench.database {step} failed (exit {result.returncode})")


def prepare(url: str, *, quick: bool, today: dt.date, log, small_counts: Path | None) -> dict:
    """Templates current (rebuilt when their stamp differs), then fresh copies for this run, and the
    demo-only query counts written to `small_counts` (None: no counts, no demo copy). Returns what was
    done, for the report."""
    import time

    n = names(url)
    version = data_version(quick=quick, today=today)
    force = os.environ.get("BENCH_REBUILD") == "1"
    done = {"version": version, "rebuilt": False, "build_s": 0.0}
    if force or _stamp(url, n["large_tpl"]) != version or _stamp(url, n["demo_tpl"]) != version:
        t = time.perf_counter()
        copy(url, source=None, target=n["demo_tpl"])
        _step("demo", _with_name(url, n["demo_tpl"]), log)
        _write_stamp(url, n["demo_tpl"], version)
        log(f"demo template {n['demo_tpl']} built in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        copy(url, source=n["demo_tpl"], target=n["large_tpl"])
        _step("large", _with_name(url, n["large_tpl"]), log, "quick" if quick else "full")
        _write_stamp(url, n["large_tpl"], version)
        done.update(rebuilt=True, build_s=time.perf_counter() - t)
        log(f"district-scale template {n['large_tpl']} built in {done['build_s']:.1f} s")
    else:
        log(f"templates {n['demo_tpl']}, {n['large_tpl']} current (data version {version}): reused")
    t = time.perf_counter()
    copy(url, source=n["large_tpl"], target=n["run"])
    log(f"fresh copy {n['run']} in {time.perf_counter() - t:.1f} s")
    if small_counts is not None:
        copy(url, source=n["demo_tpl"], target=n["small"])
        _step("small-counts", _with_name(url, n["small"]), log, str(small_counts))
        log("query counts on the demo data done")
    return done


# --- the steps, each in its own process -------------------------------------------------------------------


def _step_main(argv: list[str]) -> int:
    from bench.run import setup

    step = argv[0]
    setup(os.environ["BENCH_STEP_DATABASE_URL"], print)
    from django.core.management import call_command
    from django.utils import timezone

    if step == "demo":
        call_command("migrate", verbosity=0, interactive=False)
        with open(os.devnull, "w") as devnull:
            call_command("load_demo", stdout=devnull)
    elif step == "large":
        from bench import data as benchdata

        def log(msg: str) -> None:
            print(f"  {msg}", flush=True)

        benchdata.build(today=timezone.localdate(), log=log, quick=argv[1] == "quick")
    elif step == "small-counts":
        import json

        from bench.pages import Fixtures
        from bench.run import _count_queries, _measured

        small = _measured(Fixtures(big=False))
        _count_queries(small, large=False)
        Path(argv[1]).write_text(json.dumps({m.key: (m.q_small, m.small_shapes) for m in small}))
    else:
        raise SystemExit(f"unknown step {step}")
    return 0


if __name__ == "__main__":
    sys.exit(_step_main(sys.argv[1:]))
