"""Database-enforced "no overlapping periods" for date-ranged rows, on PostgreSQL and SQLite.

PostgreSQL gets a real exclusion constraint (btree_gist, a trusted extension since PostgreSQL 13).
SQLite has no exclusion constraints, so it gets BEFORE INSERT/UPDATE triggers that abort the statement.
Both raise django.db.IntegrityError. Periods are inclusive on both ends; an empty end means "open".

Caveat for SQLite: Django rebuilds a table when a later migration alters it, which drops its triggers.
A migration that alters one of these tables must re-run the operation; the constraint tests catch it.
"""

from __future__ import annotations

from django.db import migrations


def no_overlap(*, table: str, name: str, group: list[str], start: str = "start", end: str = "end"):
    """A migration operation: rows with equal `group` columns may not have overlapping [start, end]."""

    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        q = schema_editor.quote_name
        if vendor == "postgresql":
            cols = ", ".join(f"{q(c)} WITH =" for c in group)
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
            schema_editor.execute(
                f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(name)} EXCLUDE USING gist "
                f"({cols}, daterange({q(start)}, {q(end)}, '[]') WITH &&)"
            )
        elif vendor == "sqlite":
            same = " AND ".join(f"o.{q(c)} = NEW.{q(c)}" for c in group)
            overlap = (
                f"o.{q(start)} <= COALESCE(NEW.{q(end)}, '9999-12-31') "
                f"AND NEW.{q(start)} <= COALESCE(o.{q(end)}, '9999-12-31')"
            )
            for event, extra in (("INSERT", ""), ("UPDATE", " AND o.id <> NEW.id")):
                schema_editor.execute(
                    f"CREATE TRIGGER {q(name + '_' + event.lower())} BEFORE {event} ON {q(table)} "
                    f"WHEN EXISTS (SELECT 1 FROM {q(table)} o WHERE {same} AND {overlap}{extra}) "
                    f"BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: {name}'); END"
                )

    def backward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        q = schema_editor.quote_name
        if vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {q(table)} DROP CONSTRAINT IF EXISTS {q(name)}")
        elif vendor == "sqlite":
            for event in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {q(name + '_' + event)}")

    return migrations.RunPython(forward, backward, elidable=False)
