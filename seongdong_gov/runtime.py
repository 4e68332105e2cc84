"""What a serving process does once, after Django has loaded (seongdong_gov.wsgi)."""

from __future__ import annotations

import gc


def freeze_startup_objects() -> int:
    """Move what the app loaded at startup (modules, models, URL patterns, translations: about 125,000
    objects) out of the garbage collector's reach, and return how many are frozen. They live as long as
    the process, yet every full collection walked all of them again: a request that allocates much (a
    100-member meeting's minutes) paid 0.7–0.9 ms of such walks a request, 0.1 ms after (issue 14; `gc.freeze`, Python ≥ 3.7).
    The URLconf is loaded first, so the view modules are among them."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module now, not on the first request
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
