"""What the link can do, measured as it is used, and the choices that follow from it (DESIGN §6, §10).

The meter keeps smoothed estimates of the round trip and the upload/download throughput from real
sync traffic (no probe payloads: on GPRS every byte counts). From them:

- `choose_chunk_size`: a tus request (the creating POST, then each PATCH) carries about
  `CHUNK_SECONDS` of the link's time: a processed photo goes in one request on EDGE and 3G, and the
  per-request round trip stays a small share of each chunk. A cut costs only the bytes still in
  flight (the server keeps what arrived, the client asks for the offset), at most one chunk;
- `choose_parallelism`: with a long round trip one stream idles between chunks, so several uploads
  run at once to keep the link busy;
- `choose_photo_profile`: the photo rendition (long edge, byte budget) the link can carry; 1024 px on
  the poorest link. The officer may override it (store setting `photo_profile`).

The estimate is kept in the store (`link_estimate`), so a new session starts from the last link.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass

from app.core.photos import HEMAT, MINIMAL, PROFILES, STANDARD, PhotoProfile
from app.store.store import Store

LINK_STATE_KEY = "link_estimate"
PHOTO_PROFILE_KEY = "photo_profile"  # auto | standard | hemat | minimal
FULL_DOWNLOAD_KEY = "photo_full_download"  # auto | always | on_demand

CHUNK_SECONDS = 8.0
MIN_CHUNK = 64 * 1024
MAX_CHUNK = 2 * 1024 * 1024
# Connections to one server; more buys little (VSAT bench day: 4 streams 1.43 x the bound, 6 1.20, 8 1.15).
MAX_PARALLEL = 6
LOW_RTT = 0.15  # seconds
_ALPHA = 0.3  # weight of a new sample in the moving average

# Thresholds in bytes per second of upload (DESIGN §10 profiles: GPRS 4 kB/s, EDGE 25 kB/s,
# 3G-slow 41 kB/s, VSAT 375 kB/s).
STANDARD_MIN_UP = 80_000
HEMAT_MIN_UP = 12_000
# Full-size photos are fetched automatically only when a 150 KB photo takes about a second.
FAST_DOWN = 150_000


@dataclass
class LinkEstimate:
    rtt: float = 1.0  # seconds
    up_bytes_per_s: float = 8_000.0
    down_bytes_per_s: float = 10_000.0
    samples: int = 0

    @property
    def measured(self) -> bool:
        return self.samples > 0


class LinkMeter:
    """Thread-safe smoothed link estimate, fed by the uploader and downloader."""

    def __init__(self, initial: LinkEstimate | None = None) -> None:
        self._lock = threading.Lock()
        self._estimate = initial or LinkEstimate()
        self._rtt_seen = False
        self._up_seen = False
        self._down_seen = False

    @classmethod
    def from_store(cls, store: Store) -> LinkMeter:
        raw = store.get_state(LINK_STATE_KEY, "")
        try:
            initial = LinkEstimate(**json.loads(raw)) if raw else None
        except (ValueError, TypeError):
            initial = None
        return cls(initial)

    def save(self, store: Store) -> None:
        store.set_state(LINK_STATE_KEY, json.dumps(asdict(self.estimate())))

    def estimate(self) -> LinkEstimate:
        with self._lock:
            return LinkEstimate(**asdict(self._estimate))

    def observe_rtt(self, seconds: float) -> None:
        """A small request's full duration: about one round trip."""
        with self._lock:
            e = self._estimate
            e.rtt = seconds if not self._rtt_seen else (1 - _ALPHA) * e.rtt + _ALPHA * seconds
            self._rtt_seen = True
            e.samples += 1

    def observe_upload(self, nbytes: int, seconds: float, streams: int = 1) -> None:
        self._observe(nbytes, seconds, streams, up=True)

    def observe_download(self, nbytes: int, seconds: float, streams: int = 1) -> None:
        self._observe(nbytes, seconds, streams, up=False)

    def _observe(self, nbytes: int, seconds: float, streams: int, *, up: bool) -> None:
        if nbytes < 4096:
            return  # too small to say anything about throughput
        with self._lock:
            e = self._estimate
            transfer = max(seconds - e.rtt, seconds * 0.2, 1e-3)
            rate = nbytes / transfer * max(1, streams)
            if up:
                e.up_bytes_per_s = (
                    rate if not self._up_seen else (1 - _ALPHA) * e.up_bytes_per_s + _ALPHA * rate
                )
                self._up_seen = True
            else:
                e.down_bytes_per_s = (
                    rate if not self._down_seen else (1 - _ALPHA) * e.down_bytes_per_s + _ALPHA * rate
                )
                self._down_seen = True
            e.samples += 1


def choose_chunk_size(link: LinkEstimate) -> int:
    """Bytes per request: about CHUNK_SECONDS of the whole link, in 8 KiB steps.

    Not the share of one of several parallel streams: the streams take turns on the link, and what
    a request costs (a round trip) does not shrink with its share.
    """
    size = int(link.up_bytes_per_s * CHUNK_SECONDS) // 8192 * 8192
    return max(MIN_CHUNK, min(MAX_CHUNK, size))


def choose_parallelism(link: LinkEstimate, blob_size: int = 150_000) -> int:
    """Uploads at once: enough that the link never waits for one stream's round trip.

    A stream sends a request (about min(blob, chunk)/B of link time) and then waits a round trip for
    its answer; the other streams fill that gap if (n-1)·work ≥ rtt. One stream more than that,
    because after each cut every stream starts again at once and they finish their requests in step
    for a while (a 10-visit day over the EDGE proxy: 2 streams 141 s, 3 streams 138 s, 4 streams 138 s).
    """
    if link.rtt < LOW_RTT:
        return 1  # the gaps are negligible; more streams would only load the server
    work = min(blob_size, choose_chunk_size(link)) / max(link.up_bytes_per_s, 1.0)
    if work <= 0:
        return 1
    need = 2 + int(link.rtt / work + 0.999)
    return max(1, min(MAX_PARALLEL, need))


def choose_photo_profile(link: LinkEstimate | None, override: str = "auto") -> PhotoProfile:
    """The rendition to make of a new photo: the officer's choice, else what the link carries."""
    if override in PROFILES:
        return PROFILES[override]
    if link is None or not link.measured:
        return HEMAT
    if link.up_bytes_per_s >= STANDARD_MIN_UP:
        return STANDARD
    if link.up_bytes_per_s >= HEMAT_MIN_UP:
        return HEMAT
    return MINIMAL


def photo_profile_for(store: Store) -> PhotoProfile:
    """What the capture screen should use now (for the UI)."""
    override = store.get_state(PHOTO_PROFILE_KEY, "auto")
    return choose_photo_profile(LinkMeter.from_store(store).estimate(), override)


def set_photo_profile(store: Store, name: str) -> None:
    if name != "auto" and name not in PROFILES:
        raise ValueError(f"unknown photo profile {name!r}; choose auto, {', '.join(PROFILES)}")
    store.set_state(PHOTO_PROFILE_KEY, name)


def full_downloads_wanted(store: Store, link: LinkEstimate) -> bool:
    """Whether full-size photos come down with the sync (setting `photo_full_download`)."""
    mode = store.get_state(FULL_DOWNLOAD_KEY, "auto")
    if mode == "always":
        return True
    if mode == "on_demand":
        return False
    return link.measured and link.down_bytes_per_s >= FAST_DOWN and link.rtt < 0.5
