"""Documents rendered ahead by the worker (issue 14, "documents as in the documents issue").

WeasyPrint spends ~0.5 ms of CPU per table cell: a 100-member roster takes ~0.6 s to render, however the
template is written. Every PDF is kept in the documents cache under the digest of its HTML
(`seongdong_gov.documents.render_pdf`), so a download is fast once the same document has been rendered. This
module renders it before anyone asks: every audited change (`seongdong_gov.audit.audit_record`) names the
documents it may change, and after the transaction commits one task a document goes to the worker's
"documents" queue, which renders them exactly as their download would (same data, same HTML, hence the
same cache entry). The download then finds the PDF in the cache.

Correctness never depends on this: a download always builds its HTML from the live data and looks the
PDF up by its digest; a document the worker has not rendered yet (or that no change announced) is
rendered by the request, as before. A missed or late task costs speed, never a stale document.

Apps register what they know (in their `AppConfig.ready`):
- `register_resolver(model, fn)`: `fn(obj)` returns the keys `(kind, pk)` of the documents a change of `obj`
  may change (cheap: the service's objects are in memory);
- `register_renderer(kind, fn)`: `fn(pk)` renders the documents of that key (into the cache);
- `register_daily(fn)`: `fn()` returns the keys to render each morning (documents dated "today").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

QUEUE = "documents"
# below the mail (priority 0): a message never waits behind a render on a shared worker
PRIORITY = -10

Key = tuple[str, int]

_resolvers: dict[type, list[Callable[[object], Iterable[Key]]]] = {}
_renderers: dict[str, Callable[[int], None]] = {}
_daily: list[Callable[[], Iterable[Key]]] = []


def register_resolver(model: type, fn: Callable[[object], Iterable[Key]]) -> None:
    _resolvers.setdefault(model, []).append(fn)


def register_renderer(kind: str, fn: Callable[[int], None]) -> None:
    _renderers[kind] = fn


def register_daily(fn: Callable[[], Iterable[Key]]) -> None:
    _daily.append(fn)


def keys_of(obj: object) -> set[Key]:
    """The document keys a change of `obj` names (its model's resolvers). Resolvers read nothing from the
    database: they run inside the change's transaction."""
    return {(kind, int(pk)) for fn in _resolvers.get(type(obj), ()) for kind, pk in fn(obj) if pk is not None}


class _Batch:
    """The keys noted in one transaction, enqueued by its on-commit callback (this object)."""

    def __init__(self, keys: Iterable[Key] = ()) -> None:
        self.keys: set[Key] = set(keys)
        self.done = False

    def __call__(self) -> None:
        self.done = True
        try:
            enqueue(sorted(self.keys))
        except Exception:  # the change has committed; a lost render costs only speed
            logger.warning("render ahead: documents not enqueued", exc_info=True)


def _batch() -> _Batch:
    """The current transaction's batch: the one registered with its on-commit callbacks (a rolled-back
    transaction or savepoint drops its callbacks, and with them a batch begun inside it)."""
    batch = getattr(connection, "_render_ahead_batch", None)
    if batch is None or batch.done or not any(entry[1] is batch for entry in connection.run_on_commit):
        batch = connection._render_ahead_batch = _Batch()
        transaction.on_commit(batch)
    return batch


def note_change(obj: object) -> None:
    """Note the documents a change of `obj` may change; enqueued once after the transaction commits (a
    rolled-back change enqueues nothing). Called by `audit_record` for every audited change. Never raises:
    a render ahead is an optimisation."""
    if not settings.DOCUMENTS_RENDER_AHEAD:
        return
    try:
        keys = keys_of(obj)
    except Exception:  # an optimisation must not fail the change it follows
        logger.warning("render ahead: no documents for %r", obj, exc_info=True)
        return
    if not keys:
        return
    if not connection.in_atomic_block:  # autocommit: the change is already committed
        _Batch(keys)()
        return
    _batch().keys |= keys


def enqueue(keys: Iterable[Key]) -> int:
    """One task a key, unless one for that key is still waiting in the queue; each runs
    `DOCUMENTS_RENDER_DELAY_SECONDS` after it is enqueued, so a burst of changes (members checking in one
    after another) is rendered once. Returns how many were enqueued (one query, and one insert a task)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    keys = list(dict.fromkeys(keys))
    if not keys:
        return 0
    matching = Q()
    for kind, pk in keys:
        matching |= Q(args_kwargs__args=[kind, pk])
    waiting = {
        tuple(args["args"])
        for args in DBTaskResult.objects.filter(
            matching, status=TaskResultStatus.READY, queue_name=QUEUE, task_path=render_documents.module_path
        ).values_list("args_kwargs", flat=True)
    }
    fresh = [key for key in keys if key not in waiting]
    delay = settings.DOCUMENTS_RENDER_DELAY_SECONDS
    task = (
        render_documents.using(run_after=timezone.now() + timedelta(seconds=delay))
        if delay
        else render_documents
    )
    for kind, pk in fresh:
        task.enqueue(kind, pk)
    return len(fresh)


def render(kind: str, pk: int) -> bool:
    """Render the documents of one key now (into the documents cache). False for a kind nobody
    registered. An object that is gone renders nothing."""
    renderer = _renderers.get(kind)
    if renderer is None:
        return False
    renderer(pk)
    return True


def daily_keys() -> list[Key]:
    """The keys every registered daily source names (documents dated today, e.g. the rosters)."""
    return list(dict.fromkeys(key for source in _daily for key in source()))


@task(queue_name=QUEUE, priority=PRIORITY)
def render_documents(kind: str, pk: int) -> bool:
    """The worker's task: render the documents of `(kind, pk)` into the documents cache."""
    return render(kind, pk)
