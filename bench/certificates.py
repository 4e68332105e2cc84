"""Certificate PDF benchmark (not a test).

Run alone with `DJANGO_DEVELOPMENT=1 .venv/bin/python -m bench.certificates`, or call `main()` from the
project-wide `make bench` (bench/run.py). Measures, first with HarfBuzz's subsetter (hb-subset)
and then with WeasyPrint forced onto its fontTools fallback:

- one certificate from request to bytes: p50 of 20 GETs of the certificate view through the whole
  middleware stack (administrator logged in), on a throwaway test database;
- one certificate rendered alone (template + WeasyPrint, no database): p50 of 20;
- 100 certificates in one PDF;
- RSS across 500 certificates (10 batches of 50): flat means no leak.

Targets (issue 4 §4, with the subsetter): one certificate p50 ≤ 150 ms, 100 in one PDF ≤ 5 s.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import resource
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from types import SimpleNamespace as NS

TARGET_ONE_MS = 150
TARGET_HUNDRED_S = 5.0
TARGET_RSS_GROWTH_MB = 10  # "flat": what the 2nd..10th batches of 50 may add after the first
D = dt.date


def _certs(n: int):
    """Unsaved stand-ins with the attributes pdf.page_context reads."""
    body = NS(name="추진운영위원회", appointment_text="")
    out = []
    for i in range(1, n + 1):
        person = NS(name=["김서연", "이민준", "박지우", "최하은"][i % 4])
        m = NS(person=person, body=body, start=D(2016, 1, 15), end=D(2018, 1, 14))
        out.append(
            NS(
                number=f"제2016-{i:03d}호",
                appointment=NS(membership=m),
                issued_on=D(2016, 1, 15),
                reissue_of_id=None,
            )
        )
    return out


def _rss_mb() -> float:
    try:
        with open(f"/proc/{os.getpid()}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def _subsetter(enabled: bool):
    from weasyprint.pdf import fonts

    saved = fonts.harfbuzz_subset
    if not enabled:
        fonts.harfbuzz_subset = None  # WeasyPrint then subsets with fontTools
    try:
        yield saved is not None
    finally:
        fonts.harfbuzz_subset = saved


def _p50_ms(fn: Callable[[], object], runs: int = 20) -> float:
    fn()  # warm-up: fonts, templates, first query
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _issued_certificate_url() -> tuple[object, str]:
    """One issued certificate in the (test) database and a client logged in as administrator."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from appointments import services
    from committees import services as committee_services
    from committees.models import Body, Gender, Person, SeatGroup

    body = Body.objects.create(
        name="추진운영위원회 (bench)", kind=Body.Kind.STEERING, gender_balance_applies=False
    )
    group = committee_services.seat_group_save(
        actor=None,
        group=SeatGroup(body=body, kind=SeatGroup.Kind.APPOINTED, label="위촉직", count=1),
        effective=D(2016, 1, 1),
    )
    person = Person.objects.create(name="김서연", gender=Gender.FEMALE)
    membership = committee_services.membership_appoint(
        actor=None,
        seat=group.seats.get(),
        person=person,
        role="member",
        start=D(2016, 1, 15),
        end=D(2018, 1, 14),
    ).obj
    appointment = services.appointment_record(actor=None, membership=membership)
    (cert,) = services.certificate_issue(actor=None, appointments=[appointment], issued_on=D(2016, 1, 15))
    admin = get_user_model().objects.create_user("bench-admin", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    return client, reverse("appointments:certificate_pdf", args=[cert.pk])


def _measure(label: str, request: tuple[object, str] | None, out: Callable[[str], None]) -> dict:
    from appointments.pdf import render_pdf

    figures: dict = {"label": label}
    if request is not None:
        client, url = request
        figures["one_request_p50_ms"] = _p50_ms(lambda: client.get(url).content)
    one = _certs(1)
    figures["one_render_p50_ms"] = _p50_ms(lambda: render_pdf(one))
    t = time.perf_counter()
    figures["hundred_kib"] = len(render_pdf(_certs(100))) / 1024
    figures["hundred_s"] = time.perf_counter() - t
    gc.collect()
    rss = [_rss_mb()]
    batch = _certs(50)
    for _ in range(10):
        render_pdf(batch)
        gc.collect()
        rss.append(_rss_mb())
    figures["rss_mb"] = rss
    figures["rss_growth_mb"] = rss[-1] - rss[1]

    out(f"[{label}]")
    if "one_request_p50_ms" in figures:
        out(f"  1 certificate, request → bytes  p50 {figures['one_request_p50_ms']:.0f} ms")
    out(f"  1 certificate, render only      p50 {figures['one_render_p50_ms']:.0f} ms")
    out(f"  100 certificates in one PDF: {figures['hundred_s']:.2f} s, {figures['hundred_kib']:.0f} KiB")
    out(
        f"  RSS across 500 certificates (10 × 50): start {rss[0]:.0f} MB, after each batch "
        + ", ".join(f"{r:.0f}" for r in rss[1:])
        + f" MB (growth after the first batch {figures['rss_growth_mb']:+.0f} MB)"
    )
    return figures


def main(*, requests: bool = True, out: Callable[[str], None] = print) -> dict:
    """Run the certificate benchmark, print the figures and return them.

    `requests=False` skips the request → bytes figure (it needs a throwaway test database, which this
    function creates and drops; pass False when the caller already runs inside one).
    Returns {"hb": {...}, "fonttools": {...}, "targets_met": bool}.
    """
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seongdong_gov.settings")
    if not apps.ready:
        django.setup()
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)

    old_config = None
    request = None
    if requests:
        from django.test.utils import (
            setup_databases,
            setup_test_environment,
            teardown_databases,
            teardown_test_environment,
        )

        setup_test_environment()
        old_config = setup_databases(verbosity=0, interactive=False)
    try:
        if requests:
            request = _issued_certificate_url()
        out("Certificate PDFs (bench.certificates)")
        with _subsetter(True) as present:
            hb = _measure(
                "HarfBuzz subsetter" if present else "HarfBuzz subsetter NOT FOUND (fontTools)", request, out
            )
        with _subsetter(False):
            fonttools = _measure("without HarfBuzz subsetter (fontTools fallback)", request, out)
    finally:
        if old_config is not None:
            teardown_databases(old_config, verbosity=0)
            teardown_test_environment()
    one = hb.get("one_request_p50_ms", hb["one_render_p50_ms"])
    met = (
        present
        and one <= TARGET_ONE_MS
        and hb["hundred_s"] <= TARGET_HUNDRED_S
        and hb["rss_growth_mb"] <= TARGET_RSS_GROWTH_MB
    )
    out(
        f"Targets (with subsetter: 1 ≤ {TARGET_ONE_MS} ms, 100 ≤ {TARGET_HUNDRED_S:.0f} s, RSS flat): "
        + ("met" if met else "NOT met")
    )
    return {"hb": hb, "fonttools": fonttools, "targets_met": met}


if __name__ == "__main__":
    main()
