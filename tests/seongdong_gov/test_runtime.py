"""A serving process moves its startup objects out of the collector's reach (seongdong_gov.runtime)."""

import gc
import importlib

from django.urls import get_resolver


def test_the_wsgi_app_freezes_what_it_loaded():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        # imported anew: another test may have imported it (and frozen) already
        module = importlib.reload(importlib.import_module("seongdong_gov.wsgi"))
        assert callable(module.application)
        # Django, the apps, the views behind every URL: tens of thousands of objects, none of them garbage
        assert gc.get_freeze_count() > 10_000
        assert get_resolver().url_patterns  # loaded before the freeze
        # what a request allocates afterwards is still collected
        garbage = []
        garbage.append(garbage)  # a cycle only the collector frees
        del garbage
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()
