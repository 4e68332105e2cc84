"""Indexes for substring search (`icontains`) on PostgreSQL: trigram GIN indexes (pg_trgm, a trusted
extension since PostgreSQL 13) on the expression Django's `icontains` compares, `UPPER(column::text)`,
so that a search for a name or a number reads the index instead of every row. SQLite gets none (its
`LIKE` cannot use an index for a leading wildcard, and its tables are small)."""

from __future__ import annotations

from django.db import migrations


def trigram_index(*, table: str, column: str, name: str):
    """A migration operation: a trigram index serving `column__icontains` on `table` (PostgreSQL)."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        q = schema_editor.quote_name
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {q(name)} ON {q(table)} USING gin (UPPER({q(column)}::text) gin_trgm_ops)"
        )

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(forward, backward, elidable=False)
