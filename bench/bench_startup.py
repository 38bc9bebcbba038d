"""Cold start to a usable main window with a 5,000-household store (DESIGN §10: <= 2 s), and the
memory that window holds (`store_memory` reports the same run's RSS)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.store.keys import KdfParams, derive_key, save_params
from bench.common import Result, median
from bench.village import build_store_with_key

HOUSEHOLDS = 5_000


def measure(runs: int) -> tuple[list[float], list[int], list[float]]:
    """Wall seconds from spawn to a usable window, RSS (KiB) and CPU seconds of each run."""
    seconds: list[float] = []
    rss: list[int] = []
    cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        params = KdfParams.fresh()
        save_params(folder / "profile.json", params)
        build_store_with_key(folder / "store.db", derive_key("bench-password", params), HOUSEHOLDS).close()
        for _ in range(runs):
            start = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-m", "bench.startup_probe", str(folder)],
                capture_output=True, text=True, timeout=120, check=True,
            )  # fmt: skip
            line = next(line for line in out.stdout.splitlines() if line.startswith("READY"))
            seconds.append(time.perf_counter() - start)
            rss.append(int(line.split()[1]))
            cpu.append(float(line.split()[2]))
    return seconds, rss, cpu


def run(quick: bool) -> list[Result]:
    seconds, _rss, cpu = measure(2 if quick else 5)
    note = f"{HOUSEHOLDS} households, median of {len(seconds)} cold process starts, incl. Argon2id unlock"
    return [
        Result("startup_to_usable_window", median(seconds), "s", 2.0, note=note),
        Result(
            "startup_cpu_seconds",
            median(cpu),
            "s",
            None,
            note="CPU time of the same starts (load-independent)",
        ),
    ]
