"""The documented backup (pg_dump) restores with every table's rows (PostgreSQL only)."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="pg_dump/pg_restore are PostgreSQL tools")
def test_backup_check_restores_the_demo_with_identical_row_counts(transactional_db, tmp_path):
    if not shutil.which("pg_dump"):
        pytest.fail("pg_dump is not installed (Debian: postgresql-client)")
    with open("/dev/null", "w") as devnull:
        call_command("load_demo", stdout=devnull)
    out = io.StringIO()
    call_command("backup_check", keep=str(tmp_path), stdout=out)
    text = out.getvalue()
    assert "identical row counts in every table" in text
    assert (tmp_path / f"{connection.settings_dict['NAME']}.dump").stat().st_size > 10_000


def test_backup_check_refuses_sqlite(db, settings):
    if connection.vendor == "postgresql":
        pytest.skip("this case is about SQLite")
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        call_command("backup_check")
