"""The home page's panel registry: each app registers a provider from its `AppConfig.ready()`, so the
core (and the home view) knows no app's internals and the dependency arrows point from the apps to here.

A provider is `panels(request, roles) -> list[(template name, context)]`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

Panel = tuple[str, dict[str, Any]]
Provider = Callable[[Any, Any], list[Panel]]

# (order, provider); the order keeps the panels where users know them whatever the app loading order is
_providers: list[tuple[int, Provider]] = []


def register(provider: Provider, *, order: int) -> None:
    """Add a home-page panel provider (idempotent: ready() may run more than once in tests)."""
    if all(p is not provider for _o, p in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda item: item[0])


def panels(request, roles) -> list[Panel]:
    """Every registered provider's panels for this request, in registration order."""
    out: list[Panel] = []
    for _order, provider in _providers:
        out.extend(provider(request, roles))
    return out


def per_request(request, key: str, build: Callable[[], T]) -> T:
    """`build()` once per request: an app's to-do list and panel often show the same rows (last month's
    reports, the appointment alerts), and the home page would otherwise query them twice."""
    memo = request.__dict__.setdefault("_dashboard_memo", {})
    if key not in memo:
        memo[key] = build()
    return memo[key]
