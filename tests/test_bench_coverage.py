"""The benchmark covers every page (issue 14 §1): generated from the URL configuration, like the
permission matrix (tests/seongdong_gov/test_permissions.py), so a new page without a benchmark entry in
`bench/pages.py` fails here. No benchmark runs; the content checks run once on the demo data."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver

from bench.pages import ADMIN_CHANGELISTS, ENTRIES, SKIPPED, Fixtures, check_content, targets


def _allowed_methods(callback) -> set[str] | None:
    """The methods a view accepts when a decorator (require_POST, require_http_methods) says so."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
    func = callback
    while func is not None:
        code = getattr(func, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = func.__closure__[code.co_freevars.index("request_method_list")]
            return set(cell.cell_contents)
        func = getattr(func, "__wrapped__", None)
    return None


def _get_able_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue  # the admin's changelists are listed in ADMIN_CHANGELISTS
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                methods = _allowed_methods(pattern.callback)
                if methods is not None and "GET" not in methods:
                    continue  # POST-only: measured as a write, not as a page
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names - SKIPPED


def test_every_get_url_has_a_benchmark_entry():
    missing = sorted(_get_able_url_names() - set(ENTRIES))
    assert missing == [], f"URLs without an entry in bench/pages.py ENTRIES: {missing}"


def test_benchmark_entries_name_existing_urls():
    stale = sorted(set(ENTRIES) - _get_able_url_names() - ADMIN_CHANGELISTS)
    assert stale == [], f"entries in bench/pages.py for URLs that no longer exist or are POST-only: {stale}"


def test_post_only_views_are_detected():
    # the walk above depends on reading require_POST; a view known to be POST-only must be seen as such
    from django.urls import resolve, reverse

    match = resolve(reverse("meetings:feed_renew"))
    assert _allowed_methods(match.func) == {"POST"}


def test_admin_changelists_of_big_models_are_registered():
    registered = {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist" for model in admin.site._registry
    }
    assert sorted(ADMIN_CHANGELISTS - registered) == []


@pytest.mark.django_db
def test_every_benchmark_page_shows_its_data_on_the_demo(demo, client):
    """Each entry, resolved on the demo data and requested by its role, answers 200 with the strings that
    prove it shows the right data (what `make bench` checks against gunicorn)."""
    from django.contrib.auth import get_user_model

    f = Fixtures(big=False)
    users = {u.username: u for u in get_user_model().objects.all()}
    problems = []
    for t in targets(f):
        if t.skipped:
            if t.skipped != "no such object in the data":
                problems.append(f"{t.key}: {t.skipped}")
            continue
        client.logout()
        username = f.username_for(t.role)
        if username:
            client.force_login(users[username])
        response = client.get(t.path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        problem = check_content(t, response.status_code, body)
        if problem:
            problems.append(f"{t.key} as {t.role} ({t.path}): {problem}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("small", "large", "grows"),
    [
        ({"a": 1, "b": 1}, {"a": 1, "b": 1}, False),  # the same queries
        ({"a": 1}, {"a": 1, "list": 1}, False),  # a list empty on the demo: one query more, once
        ({"a": 1, "b": 1}, {"a": 1}, False),  # fewer queries are no growth
        ({"a": 1, "n": 1}, {"a": 1, "n": 2}, True),  # a query repeated more often: an N+1
        ({"a": 1}, {"a": 1, "x": 1, "y": 1}, True),  # more than one query more
        ({"a": 1, "n": 3}, {"a": 1, "n": 101}, True),  # the N+1 the recusal form had
    ],
)
def test_benchmark_query_growth_verdict(small, large, grows):
    from bench.run import Measured, query_growth

    m = Measured("k", "k", "staff", "html", False)
    m.small_shapes, m.large_shapes = small, large
    m.q_small, m.q_large = sum(small.values()), sum(large.values())
    assert bool(query_growth(m)) is grows


def test_benchmark_verdict_is_over_the_pages_own_bare_samples():
    """A page's ratio is taken over the bare-view samples taken with it (in the same seconds), not over
    the whole run's: the same page passes when its own baseline was slow too, and misses when it was fast."""
    from bench.run import Measured, Run, _verdict, page_rows

    run_bare = {1: Run([1.0] * 100), 4: Run([2.0] * 10, 1.0), 16: Run([10.0] * 100, 0.1)}
    m = Measured("meetings:list", "meetings:list", "staff", "html", False)
    m.runs = {1: Run([30.0] * 100), 4: Run([40.0] * 10, 1.0), 16: Run([50.0] * 64, 1.0)}
    m.bare_runs = {1: Run([2.0] * 100), 16: Run([10.0] * 64, 0.1)}  # a noisy minute: 2 ms, not 1
    met, why = _verdict(m, run_bare)
    assert met, why  # 30 / 2 = 15× ≤ 20× (30 / 1 would be 30×)
    (row,) = page_rows([m], run_bare)
    assert (row["bare_p95_ms"], row["ratio_p95"], row["ratio_p95_run"]) == (2.0, 15.0, 30.0)

    m.bare_runs[1] = Run([1.0] * 100)
    met, why = _verdict(m, run_bare)
    assert not met and why == ["p95 30.0× bare > 20×"]

    del m.bare_runs[1]  # no samples of its own: the run's baseline
    assert page_rows([m], run_bare)[0]["ratio_p95"] == 30.0


def test_document_benchmark_samples_its_baseline_in_blocks_after_an_untimed_request():
    """bench.documents: blocks of the row's requests alternate with blocks of its baseline's, and the first
    baseline request after a block (slower, its caches cold) is not timed."""
    from bench.documents import PAIR_BLOCK, _p50_ms

    calls: list[str] = []
    _p50_ms(lambda: calls.append("doc"), PAIR_BLOCK + 2, base=lambda: calls.append("base"))
    warm, first, second = ["doc"], ["doc"] * PAIR_BLOCK, ["doc"] * 2
    assert calls == [*warm, *first, "base", *["base"] * PAIR_BLOCK, *second, "base", "base", "base"]
