"""Is the server reachable, and when to look again: a cheap probe and a seeded backoff with jitter.

The UI owns the timer; this module owns the arithmetic and the probe, so both are testable without Qt.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from app.sync.client import ClientTooOld, Offline, ServerError, SyncClient
from app.sync.protocol import Meta

PROBE_TIMEOUT = (3.0, 5.0)  # connect, read: a probe must answer fast or count as offline


@dataclass(frozen=True)
class ProbeResult:
    reachable: bool
    meta: Meta | None = None
    too_old: str = ""  # the server's 426 message, when the app must be updated
    error: str = ""


def probe(client: SyncClient, timeout: tuple[float, float] = PROBE_TIMEOUT) -> ProbeResult:
    """GET meta with a short timeout. Never raises for network trouble."""
    try:
        return ProbeResult(True, meta=client.meta(timeout=timeout))
    except ClientTooOld as exc:
        return ProbeResult(True, too_old=exc.message)
    except Offline as exc:
        return ProbeResult(False, error=exc.message)
    except ServerError as exc:
        return ProbeResult(False, error=exc.message)


@dataclass
class Backoff:
    """Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS architecture blog):
    delay n is uniform in [base/2, min(cap, base * 2**n)], so a hundred laptops regaining signal at the
    same village office do not probe in step. Deterministic for a given seed."""

    base: float = 15.0
    cap: float = 600.0
    seed: int | None = None
    failures: int = 0
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * 2 ** min(self.failures, 30))
        self.failures += 1
        return self._rng.uniform(min(self.base / 2, ceiling), ceiling)

    def reset(self) -> None:
        self.failures = 0
