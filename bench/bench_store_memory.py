"""Resident memory of the app with a 5,000-household store open and its window showing rows."""

from __future__ import annotations

from bench.bench_startup import HOUSEHOLDS, measure
from bench.common import Result, median


def run(quick: bool) -> list[Result]:
    _seconds, rss, _cpu = measure(1 if quick else 3)
    return [
        Result("store_memory_rss", median([r / 1024 for r in rss]), "MiB", None,
               note=f"{HOUSEHOLDS} households open, main window shown (no target in DESIGN §10)")
    ]  # fmt: skip
