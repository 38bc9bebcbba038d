"""Type-to-search over 20,000 households: the time per keystroke (DESIGN §10: <= 20 ms)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import Result, median, percentile
from bench.village import build_store

TYPED = ["maria", "yohanes", "tefa", "5302031", "5302035", "nubatonis", "benu"]


def run(quick: bool) -> list[Result]:
    households = 5_000 if quick else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(Path(tmp) / "search.db", households)
        try:
            store.household_ids("warm")  # first query pays for opening the FTS index
            timings: list[float] = []
            matches = 0
            for word in TYPED:
                for end in range(1, len(word) + 1):
                    start = time.perf_counter()
                    ids = store.household_ids(word[:end])
                    timings.append(time.perf_counter() - start)
                    matches += len(ids)
        finally:
            store.close()
    ms = [t * 1000 for t in timings]
    note = f"{households} households, {len(ms)} keystrokes"
    return [
        Result("search_keystroke_median", median(ms), "ms", 20, note=note),
        Result("search_keystroke_p95", percentile(ms, 95), "ms", 20, note=note),
    ]
