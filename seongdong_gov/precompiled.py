"""Queries the ORM compiles once (issue 14).

Turning a queryset into SQL costs the ORM 0.2–1 ms a query, often more than PostgreSQL takes to run it; a
meeting page runs a dozen such queries whose shape never changes, only their values. `Precompiled` builds
its queryset once per database connection and shape with stand-in values, keeps the compiled SQL, and on
each call runs that SQL with the real values in the stand-ins' places, handing the rows to Django's own
row iterator (model objects with their select_related objects, or values_list tuples) and then to
Django's prefetching (also `committees.permissions.roles_for`'s UNION, on every page).

A value may be an int, a date, an aware datetime or a list of ints (its length is part of the shape).
Each stand-in must reach the SQL as a parameter of its own, and the query is compiled twice with
different stand-ins that must give the same SQL and the same other parameters: a query that folds a
value into the SQL, transforms it (`__contains`, `__year`), computes another value from it
(`since + 1 day`) or branches on it fails on its first run instead of running with a stand-in; so does
one the ORM finds empty for a stand-in (a negative id for a positive integer field). `check(**values)`
compares the stored SQL with a fresh compile (the tests do, for every query of the product).
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet, prefetch_related_objects
from django.utils import timezone

# shapes kept per query (a window and the lengths of the lists make a shape): a process holds at most this
# many compiled forms of each, a few kilobytes each
MAX_SHAPES = 64

# every Precompiled query, for the test that holds each to a fresh compile
REGISTRY: list[Precompiled] = []

_LISTS = (list, tuple, set, frozenset)

# stand-ins: no row has a negative id, and nothing in the data happened in 1901
_FIRST_ID = -7_301_000
_FIRST_DAY = dt.date(1901, 2, 3)
_FIRST_MOMENT = dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


@dataclass
class _Compiled:
    queryset: QuerySet  # built with the stand-ins: its iterable class and prefetch lookups
    compiler: object  # after as_sql: select, klass_info, converters for the rows
    sql: str
    params: list  # as compiled with the stand-ins
    slots: list[tuple[str, int | None] | None]  # per parameter: (name, list index) of a stand-in, or None


def _shape(value) -> object:
    if isinstance(value, bool) or value is None:
        raise TypeError(f"Precompiled: {value!r} would change the SQL, not only its parameters")
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        # the ORM would read it in Seoul's time, the database in UTC: only aware moments
        raise TypeError(f"Precompiled: {value!r} is a naive datetime")
    if isinstance(value, int | dt.date):
        return type(value).__name__
    if isinstance(value, _LISTS):
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise TypeError("Precompiled: only lists of ints")
        return ("list", len(value))
    raise TypeError(f"Precompiled: a {type(value).__name__} has no stand-in")


def _fits(value) -> bool:
    """Whether every int in `value` fits a bigint column (an id from a URL may not)."""
    ints = value if isinstance(value, _LISTS) else [value]
    return all(-(2**63) <= v < 2**63 for v in ints if isinstance(v, int))


def _adapt(connection, value):
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    return value


class Precompiled:
    """`Precompiled(lambda meeting_id: Vote.objects.filter(item__meeting_id=meeting_id))`, then
    `.rows(meeting_id=pk)`: the list the queryset would give, prefetches included."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._compiled: dict[tuple, _Compiled | None] = {}
        REGISTRY.append(self)

    def _stand_ins(self, values: dict, variant: int) -> dict:
        """Stand-ins for `values`, all distinct; another `variant` gives other stand-ins of the same
        kinds (two compiles must agree on everything but them)."""
        ids, out = itertools.count(_FIRST_ID - 1000 * variant), {}
        for n, (name, value) in enumerate(sorted(values.items())):
            if isinstance(value, dt.datetime):
                out[name] = _FIRST_MOMENT + dt.timedelta(days=n + 100 * variant)
            elif isinstance(value, dt.date):
                out[name] = _FIRST_DAY + dt.timedelta(days=n + 100 * variant)
            elif isinstance(value, int):
                out[name] = next(ids)
            else:
                out[name] = [next(ids) for _ in value]
        return out

    def _built(self, values: dict, window: tuple[int, int] | None) -> QuerySet:
        queryset = self.build(**values)
        return queryset if window is None else queryset[window[0] : window[1]]

    def _compile_with(self, stand_ins: dict, window: tuple[int, int] | None) -> _Compiled | None:
        """The query compiled with these stand-ins, or None when the ORM finds it empty."""
        queryset = self._built(stand_ins, window)
        connection = connections[queryset.db]
        compiler = queryset.query.get_compiler(using=queryset.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            if any(isinstance(v, list) and not v for v in stand_ins.values()):
                return None  # an empty list: the ORM's empty IN, no rows whatever the other values
            # a stand-in outside a field's range (a negative id for a positive or small integer
            # field) made the ORM give up: it would be empty for every value, so refuse it
            raise RuntimeError(f"Precompiled: the stand-ins {stand_ins} make the query empty") from None
        where: dict = {}
        for name, value in stand_ins.items():
            for i, v in enumerate(value if isinstance(value, list) else [value]):
                where[_adapt(connection, v)] = (name, i if isinstance(value, list) else None)
        slots = [where.get(p) if isinstance(p, int | str | dt.date) else None for p in params]
        missing = set(where.values()) - set(filter(None, slots))
        if missing:
            raise RuntimeError(
                f"Precompiled: stand-ins {sorted(missing, key=str)} are not parameters of {sql}"
            )
        return _Compiled(queryset, compiler, sql, list(params), slots)

    def _compile(self, values: dict, window: tuple[int, int] | None) -> _Compiled | None:
        first = self._compile_with(self._stand_ins(values, 0), window)
        # compiled again with other stand-ins, everything else must come out the same: a value the
        # query computes from a stand-in (`since + 1 day`) or a branch taken on one would otherwise be
        # frozen into the SQL or its constant parameters
        second = self._compile_with(self._stand_ins(values, 1), window)

        def fixed(c: _Compiled | None) -> tuple | None:  # all but the stand-ins
            if c is None:
                return None
            return c.sql, c.slots, [p for p, slot in zip(c.params, c.slots, strict=True) if slot is None]

        if fixed(first) != fixed(second):
            raise RuntimeError("Precompiled: the query computes SQL or parameters from its values")
        return first

    def _key(self, values: dict, window: tuple[int, int] | None) -> tuple:
        return (window, *sorted((k, _shape(v)) for k, v in values.items()))

    def _full(self, values: dict, window: tuple[int, int] | None) -> bool:
        return len(self._compiled) >= MAX_SHAPES and self._key(values, window) not in self._compiled

    def _entry(self, values: dict, window: tuple[int, int] | None) -> tuple[_Compiled | None, list]:
        key = self._key(values, window)
        if key not in self._compiled:
            self._compiled[key] = self._compile(values, window)
        entry = self._compiled[key]
        if entry is None:
            return None, []
        connection = connections[entry.queryset.db]
        lists = {k: list(v) for k, v in values.items() if isinstance(v, _LISTS)}
        params = []
        for slot, template in zip(entry.slots, entry.params, strict=True):
            if slot is None:
                params.append(template)
            else:
                name, i = slot
                params.append(_adapt(connection, values[name] if i is None else lists[name][i]))
        return entry, params

    def rows(self, *, window: tuple[int, int] | None = None, **values) -> list:
        """The rows, of `[start:stop]` for a `window`, which is part of the shape (LIMIT and OFFSET
        are written into the SQL)."""
        if not all(_fits(v) for v in values.values()) or self._full(values, window):
            # the ORM's own answer for an id no column holds (no rows, usually), not a database error;
            # and past MAX_SHAPES (deep pages, lists of every length) the ORM as usual, memory bounded
            return list(self._built(values, window))
        entry, params = self._entry(values, window)
        if entry is None:  # the ORM found the query empty without asking the database (an empty list)
            return []
        queryset = entry.queryset
        compiler = copy.copy(entry.compiler)
        compiler.connection = connections[queryset.db]  # this thread's connection
        sql = entry.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        rows = list(queryset._iterable_class(_Run(queryset, compiler)))
        if queryset._prefetch_related_lookups and rows:
            prefetch_related_objects(rows, *queryset._prefetch_related_lookups)
        return rows

    def check(self, *, window: tuple[int, int] | None = None, **values) -> None:
        """Raise unless the stored SQL with these values is what the ORM writes for them."""
        entry, params = self._entry(values, window)
        fresh = self._built(values, window)
        try:
            expected = fresh.query.get_compiler(using=fresh.db).as_sql()
        except EmptyResultSet:
            if entry is None:
                return
            raise
        if (entry.sql, list(params)) != (expected[0], list(expected[1])):
            raise AssertionError(f"Precompiled SQL differs:\n{entry.sql} {params}\n{expected}")


def seed_prefetched(obj, name: str, rows: list) -> None:
    """Give `obj.<name>.all()` these rows, as prefetch_related would (the related manager's own
    queryset, its cache filled), for rows read by a `Precompiled` query."""
    manager = getattr(obj, name)
    cache_name = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
    queryset = manager.get_queryset()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    if not hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    obj._prefetched_objects_cache[cache_name] = queryset


class _Query:
    """The stand-in queryset's query for one run: hands Django's row iterator the compiler that holds
    this run's values."""

    def __init__(self, query, compiler):
        self._query, self._compiler = query, compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._query, name)


class _Run:
    """The stand-in queryset as Django's row iterators read it, with `_Query` as its query."""

    def __init__(self, queryset, compiler):
        self._queryset, self.query = queryset, _Query(queryset.query, compiler)

    def __getattr__(self, name):
        return getattr(self._queryset, name)
