"""Certificate PDF benchmark (not a test): `DJANGO_DEVELOPMENT=1 .venv/bin/python -m appointments.bench`.

Prints one certificate's p50 over 20 renders, 100 certificates in one PDF, and RSS across 500 certificates
(rendered in batches of 50), first with HarfBuzz's subsetter (hb-subset) and then with WeasyPrint forced
onto its fontTools fallback. Renders unsaved objects, so no database is needed.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import resource
import statistics
import time
from contextlib import contextmanager
from types import SimpleNamespace as NS


def _certs(n: int):
    body = NS(name="추진운영위원회", appointment_text="")
    out = []
    for i in range(1, n + 1):
        person = NS(name=["김서연", "이민준", "박지우", "최하은"][i % 4])
        m = NS(person=person, body=body, start=dt.date(2016, 1, 15), end=dt.date(2018, 1, 14))
        out.append(
            NS(
                number=f"제2016-{i:03d}호",
                appointment=NS(membership=m),
                issued_on=dt.date(2016, 1, 15),
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


def _measure(label: str) -> None:
    from appointments.pdf import render_pdf

    one = _certs(1)
    render_pdf(one)  # warm-up: fonts, templates
    times = []
    for _ in range(20):
        t = time.perf_counter()
        render_pdf(one)
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    size = len(render_pdf(_certs(100)))
    hundred = time.perf_counter() - t
    gc.collect()
    rss = [_rss_mb()]
    batch = _certs(50)
    for _ in range(10):
        render_pdf(batch)
        gc.collect()
        rss.append(_rss_mb())
    print(f"[{label}]")
    print(
        f"  1 certificate  p50 {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
    )
    print(f"  100 certificates in one PDF: {hundred:.2f} s, {size / 1024:.0f} KiB")
    print(
        f"  RSS across 500 certificates (10 × 50): start {rss[0]:.0f} MB, after each batch "
        + ", ".join(f"{r:.0f}" for r in rss[1:])
        + " MB"
    )


def run() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seongdong_gov.settings")
    django.setup()
    import logging

    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    with _subsetter(True) as present:
        _measure("HarfBuzz subsetter" if present else "HarfBuzz subsetter NOT FOUND (fontTools)")
    with _subsetter(False):
        _measure("without HarfBuzz subsetter (fontTools fallback)")


if __name__ == "__main__":
    run()
