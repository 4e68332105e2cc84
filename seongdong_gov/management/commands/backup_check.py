"""Prove that a backup restores: pg_dump the database, pg_restore it into a new one, compare row counts.

    python manage.py backup_check [--keep DIR]

Runs against the PostgreSQL database of DATABASE_URL. The scratch database is dropped afterwards; the dump
file is kept only with --keep. Exit status 1 when any table's row count differs.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def _pg_env(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    return env


def table_counts(dbname: str, env: dict[str, str]) -> dict[str, int]:
    """Row counts of every table of the installed models, read from the named database."""
    tables = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)})
    conninfo = {
        "dbname": dbname,
        "host": env.get("PGHOST"),
        "port": env.get("PGPORT"),
        "user": env.get("PGUSER"),
    }
    if env.get("PGPASSWORD"):
        conninfo["password"] = env["PGPASSWORD"]
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v}) as conn:
        counts = {}
        for table in tables:
            counts[table] = conn.execute(
                psycopg.sql.SQL("SELECT count(*) FROM {}").format(psycopg.sql.Identifier(table))
            ).fetchone()[0]
    return counts


class Command(BaseCommand):
    help = "pg_dump → pg_restore into a scratch database → compare row counts of every table"

    def add_arguments(self, parser):
        parser.add_argument("--keep", metavar="DIR", help="keep the dump file in this folder")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("backup_check needs PostgreSQL (set DATABASE_URL=postgres://...).")
        source = connection.settings_dict["NAME"]
        env = _pg_env(connection.settings_dict)
        scratch = f"{source}_restore_{uuid.uuid4().hex[:8]}"
        folder = Path(options["keep"] or tempfile.mkdtemp(prefix="backup-check-"))
        folder.mkdir(parents=True, exist_ok=True)
        dump = folder / f"{source}.dump"

        def run(*cmd: str) -> None:
            result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise CommandError(f"{' '.join(cmd)} failed: {result.stderr.strip()}")

        run("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source)
        run("createdb", scratch)
        try:
            run("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={scratch}", str(dump))
            before = table_counts(source, env)
            after = table_counts(scratch, env)
        finally:
            run("dropdb", "--if-exists", scratch)
            if not options["keep"]:
                dump.unlink(missing_ok=True)
                folder.rmdir()
        differing = {t: (before[t], after.get(t)) for t in before if before[t] != after.get(t)}
        rows = sum(before.values())
        self.stdout.write(
            f"{len(before)} tables, {rows} rows in {source}; restored copy: {sum(after.values())} rows"
        )
        if differing:
            for table, (b, a) in sorted(differing.items()):
                self.stderr.write(f"  {table}: {b} → {a}")
            raise CommandError("row counts differ after restore")
        self.stdout.write(self.style.SUCCESS("backup restored with identical row counts in every table"))
