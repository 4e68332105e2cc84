"""The audit trail: every service that changes state calls `audit_record`."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from seongdong_gov.models import AuditEntry
from seongdong_gov.render_ahead import note_change


def newest_entry() -> models.QuerySet:
    """The newest audit entry's id, as a one-row queryset (usable as a subquery): what caches keyed on
    "has anything audited changed" read as their data version (the home panels, the register CSV)."""
    return AuditEntry.objects.order_by("-pk").values("pk")[:1]


def _file_size(value: FieldFile) -> int | None:
    # a file whose storage entry is gone (or never written) must not stop the write being recorded
    try:
        return value.size
    except (OSError, ValueError):
        return None


def _plain(value: Any) -> Any:
    """`value` as JSON can store it: the changes column is a JSONField, and one value it cannot encode
    makes the whole write fail (the admin's seal upload did, with a FieldFile)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # NaN and infinities are not JSON
        return value if value == value and value not in (float("inf"), float("-inf")) else str(value)
    if isinstance(value, FieldFile):  # ImageFieldFile too: a file is recorded as its name and size
        return {"name": value.name, "size": _file_size(value)} if value.name else None
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, Decimal | uuid.UUID | PurePath):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return f"<{len(value)} bytes>"
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of `obj`, JSON-ready, for a before/after pair."""
    names = fields or [f.name for f in obj._meta.concrete_fields if f.name not in ("id", "password")]
    out: dict[str, Any] = {}
    for name in names:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        out[name] = _plain(value)
    return out


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    """Keep only the fields that changed: {"field": [before, after]}."""
    before = before or {}
    after = after or {}
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry to the audit trail. Call inside the service's transaction. Also notes the
    documents the change may change, for the worker to render ahead after commit (`render_ahead`)."""
    note_change(obj)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=diff(_plain(before), _plain(after)),
        note=note,
    )
