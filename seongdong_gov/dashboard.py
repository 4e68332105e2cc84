"""The home page's panel registry: each app registers a provider from its `AppConfig.ready()`, so the
core (and the home view) knows no app's internals and the dependency arrows point from the apps to here.

A provider is `panels(request, roles) -> list[(template name, context)]`.

Providers registered with `cache=True` (district-wide aggregates: alerts, overdue reports, bodies with
their counts) have their rendered panels kept per user under the data version, so a home page seen again
costs one query for them instead of some twenty. The version is the newest audit entry (every change
made through the services or the admin writes one), the day and the language; `HOME_CACHE_SECONDS` bounds
what the version cannot see (a change made outside the services). Panels whose content moves with the
clock or with the mail worker (upcoming meetings, to-dos of the meeting, failed mail) are not cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from seongdong_gov.audit import newest_entry

T = TypeVar("T")

Panel = tuple[str, dict[str, Any]]
Provider = Callable[[Any, Any], list[Panel]]

HOME_CACHE_SECONDS = 300

# (order, provider, cache); the order keeps the panels where users know them whatever the app loading
# order is
_providers: list[tuple[int, Provider, bool]] = []


def register(provider: Provider, *, order: int, cache: bool = False) -> None:
    """Add a home-page panel provider (idempotent: ready() may run more than once in tests)."""
    if all(p is not provider for _o, p, _c in _providers):
        _providers.append((order, provider, cache))
        _providers.sort(key=lambda item: item[0])


def data_version() -> str:
    """The newest audit entry's id, the day and the language: what a cached panel was computed from."""
    row = newest_entry().first()
    newest = row["pk"] if row else 0
    return f"{newest}:{timezone.localdate().isoformat()}:{get_language()}"


def _roles_fingerprint(roles) -> tuple:
    """The roles as plain sorted values (sets iterate in no fixed order)."""
    return tuple(
        tuple(sorted(value)) if isinstance(value, frozenset | set) else value
        for value in vars(roles).values()
    )


def rendered_panels(request, roles) -> list[SafeString]:
    """Every provider's panels rendered, in registration order; the cacheable ones from the per-user
    cache when the data version has not moved."""
    version = data_version() if any(c for _o, _p, c in _providers) else ""
    scope = hashlib.sha256(repr(_roles_fingerprint(roles)).encode()).hexdigest()[:16]
    out: list[SafeString] = []
    for _order, provider, cacheable in _providers:
        # the user and their roles are in the key: a user whose roles change (a group removed in the
        # admin, a term ended) never sees panels drawn for their former roles, audited or not
        key = f"home:{provider.__module__}.{provider.__qualname__}:{request.user.pk}:{scope}:{version}"
        html = cache.get(key) if cacheable else None
        if html is None:
            html = [
                SafeString(render_to_string(template, {"panel": ctx}, request=request))
                for template, ctx in provider(request, roles)
            ]
            if cacheable:
                cache.set(key, html, HOME_CACHE_SECONDS)
        out.extend(html)
    return out


def per_request(request, key: str, build: Callable[[], T]) -> T:
    """`build()` once per request: an app's to-do list and panel often show the same rows (last month's
    reports, the appointment alerts), and the home page would otherwise query them twice."""
    memo = request.__dict__.setdefault("_dashboard_memo", {})
    if key not in memo:
        memo[key] = build()
    return memo[key]
