"""A link-shaping TCP proxy on loopback: the slow, dropping 3T links of DESIGN §10 without `netem`.

Tests and the sync benchmarks put it between the client (`requests`) and the real server (uvicorn on
127.0.0.1)::

    with LinkProxy(target=("127.0.0.1", port), profile=EDGE, seed=1) as proxy:
        session.get(proxy.url + "/sync/v1/meta")
        proxy.cut_after(up_bytes=50_000)          # the next connection dies after 50 kB up
        proxy.set_down(True)                      # connections are refused until set_down(False)
        print(proxy.bytes_up, proxy.bytes_down, proxy.connections_opened)

The link model, per direction (up = client -> server, down = server -> client):

- **Delay.** Bytes become deliverable one one-way delay (RTT/2) after the proxy reads them. A new
  connection also pays one RTT before its first byte goes up: the TCP handshake that a loopback
  `connect()` skips, so the first request costs 2 RTT and later ones on the same connection 1 RTT.
- **Bandwidth.** Serialisation on a virtual clock: a piece of n bytes occupies the link for n/B
  seconds after the previous piece; an idle link earns no credit (a token bucket with no burst).
- **Loss.** Loopback TCP never loses bytes, so a loss rate p is modelled as what TCP makes of it:
  for each 1460-byte segment, with probability p, the link stalls for one RTT (a retransmission).
  Draws are made per segment offset from a RNG seeded by (seed, connection, direction), so a run is
  repeatable whatever sizes `recv` happens to return.
- **Stalls** (scheduled or `stall()` now) hold all deliveries; **outages** (`Outage(60, 30)` or
  `set_down`) refuse new connections (the listener is closed; it reopens on the same port) and hold
  the open ones, as a dead radio link does.
- **Faults**: `cut_after` (deliver at most N bytes in a direction, then close both sides with an RST),
  `reset_next` (accept, then RST at once), `cut_all`.

Byte counters count what was delivered to the far side (written to its socket), per direction, in
total and per connection. `scale` runs a profile faster for tests: delays and schedules are multiplied
by it and bandwidth divided by it (scale=0.01: 100x faster); benchmarks use scale=1.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import math
import random
import select
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

__all__ = [
    "EDGE",
    "GPRS",
    "LAN",
    "OUTAGE",
    "PROFILES",
    "THREE_G_SLOW",
    "VSAT",
    "ConnectionStats",
    "LinkProfile",
    "LinkProxy",
    "Outage",
]

SEGMENT = 1460  # bytes per modelled TCP segment, for loss draws
_POLL = 0.05  # seconds; how often blocked threads look at the stop flags
_RECV = 65536
_MIN_RECV = 4096


@dataclass(frozen=True)
class LinkProfile:
    """A link as DESIGN §10 gives it: kbps (1000 bit/s) down and up, round trip in ms, loss 0..1.

    A bandwidth of None means unlimited. Each lost segment stalls the link for `loss_stall_rtts`
    round trips (1.0: a retransmission with the pipe idle, the pessimistic end; TCP with SACK and a
    deep bottleneck queue loses less, which can be modelled with a smaller factor).
    """

    name: str
    down_kbps: float | None
    up_kbps: float | None
    rtt_ms: float
    loss: float = 0.0
    loss_stall_rtts: float = 1.0

    def __post_init__(self) -> None:
        for kbps in (self.down_kbps, self.up_kbps):
            if kbps is not None and kbps <= 0:
                raise ValueError(f"{self.name}: bandwidth must be positive or None")
        if self.rtt_ms < 0 or not 0.0 <= self.loss < 1.0 or self.loss_stall_rtts < 0:
            raise ValueError(f"{self.name}: rtt and loss_stall_rtts must be >= 0 and loss in [0, 1)")

    @property
    def down_bytes_per_s(self) -> float:
        return math.inf if self.down_kbps is None else self.down_kbps * 1000 / 8

    @property
    def up_bytes_per_s(self) -> float:
        return math.inf if self.up_kbps is None else self.up_kbps * 1000 / 8

    @property
    def rtt(self) -> float:
        """Round trip in seconds."""
        return self.rtt_ms / 1000

    def bound_seconds(self, bytes_up: int, bytes_down: int, round_trips: int) -> float:
        """The DESIGN §10 lower bound T = S/B + K*RTT, with S and B taken per direction."""
        return bytes_up / self.up_bytes_per_s + bytes_down / self.down_bytes_per_s + round_trips * self.rtt

    def expected_loss_seconds(self, bytes_up: int, bytes_down: int) -> float:
        """Mean time the loss model adds on top of `bound_seconds` for these volumes."""
        segments = math.ceil(bytes_up / SEGMENT) + math.ceil(bytes_down / SEGMENT)
        return segments * self.loss * self.loss_stall_rtts * self.rtt

    def scaled(self, scale: float) -> LinkProfile:
        """The same link `1/scale` times faster: delays times `scale`, bandwidth divided by it."""
        if scale <= 0:
            raise ValueError("scale must be positive")
        if scale == 1:
            return self
        return replace(
            self,
            down_kbps=None if self.down_kbps is None else self.down_kbps / scale,
            up_kbps=None if self.up_kbps is None else self.up_kbps / scale,
            rtt_ms=self.rtt_ms * scale,
        )


@dataclass(frozen=True)
class Outage:
    """A repeating pattern: up for `up_seconds`, then down for `down_seconds` (from proxy start)."""

    up_seconds: float
    down_seconds: float

    def __post_init__(self) -> None:
        if self.up_seconds <= 0 or self.down_seconds < 0:
            raise ValueError("an outage needs up_seconds > 0 and down_seconds >= 0")

    def is_down(self, elapsed: float) -> bool:
        period = self.up_seconds + self.down_seconds
        return period > 0 and elapsed % period >= self.up_seconds

    def next_change(self, elapsed: float) -> float:
        """Elapsed time of the next up/down transition after `elapsed`."""
        period = self.up_seconds + self.down_seconds
        start = elapsed - elapsed % period
        edge = start + self.up_seconds
        return edge if elapsed < edge else start + period

    def scaled(self, scale: float) -> Outage:
        return Outage(self.up_seconds * scale, self.down_seconds * scale)


# DESIGN §10. GPRS loss is given as 0-2 %; the profile takes the worst case.
GPRS = LinkProfile("GPRS", down_kbps=35, up_kbps=32, rtt_ms=1300, loss=0.02)
EDGE = LinkProfile("EDGE", down_kbps=240, up_kbps=200, rtt_ms=840, loss=0.01)
THREE_G_SLOW = LinkProfile("3G-slow", down_kbps=780, up_kbps=330, rtt_ms=200, loss=0.005)
VSAT = LinkProfile("VSAT", down_kbps=10_000, up_kbps=3_000, rtt_ms=600, loss=0.01)
LAN = LinkProfile("LAN", down_kbps=None, up_kbps=None, rtt_ms=0, loss=0.0)
OUTAGE = Outage(up_seconds=60, down_seconds=30)
PROFILES = {p.name.lower(): p for p in (GPRS, EDGE, THREE_G_SLOW, VSAT, LAN)}


@dataclass
class ConnectionStats:
    """Counters for one accepted connection (bytes delivered to the far side)."""

    index: int
    opened_at: float
    bytes_up: int = 0
    bytes_down: int = 0
    closed_at: float | None = None
    ended_by: str = ""  # "" open | "eof" | "cut" | "reset" | "error" | "closed"


Direction = Literal["up", "down"]


@dataclass
class _Pipe:
    """One direction of one connection: a reader thread fills `queue`, a writer thread shapes it out."""

    direction: Direction
    src: socket.socket
    dst: socket.socket
    rng: random.Random
    cond: threading.Condition = field(default_factory=threading.Condition)
    queue: collections.deque[tuple[float, bytes]] = field(default_factory=collections.deque)
    queued: int = 0
    eof: bool = False
    delivered: int = 0
    cut_at: int | None = None  # stop after this many delivered bytes
    link_free: float = 0.0  # virtual clock: when the link finishes the previous piece
    next_segment: int = SEGMENT  # stream offset of the next loss draw


class _Connection:
    def __init__(self, proxy: LinkProxy, client: socket.socket, upstream: socket.socket, index: int) -> None:
        self.proxy = proxy
        self.client = client
        self.upstream = upstream
        self.stats = ConnectionStats(index=index, opened_at=time.monotonic())
        self.handshake_until = self.stats.opened_at + (proxy._profile.rtt if proxy.handshake_rtt else 0.0)
        seed = proxy.seed
        self.up = _Pipe("up", client, upstream, random.Random(f"{seed}:{index}:up"))
        self.down = _Pipe("down", upstream, client, random.Random(f"{seed}:{index}:down"))
        self.closing = threading.Event()
        self._lock = threading.Lock()
        self._reset = False
        self._threads_left = 4
        for sock in (client, upstream):
            sock.settimeout(_POLL)
        self.threads = [
            threading.Thread(
                target=self._guard,
                args=(fn, pipe),
                name=f"linkproxy-{index}-{pipe.direction}-{n}",
                daemon=True,
            )
            for pipe in (self.up, self.down)
            for n, fn in (("r", self._read), ("w", self._write))
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    # --- ending -----------------------------------------------------------------------------------

    def abort(self, reason: str, *, reset: bool = True) -> None:
        """Stop both directions; the sockets are closed (with an RST if `reset`) by the last thread."""
        with self._lock:
            if self.closing.is_set():
                return
            self._reset = reset
            self.stats.ended_by = reason
            self.closing.set()
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                if reset:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                # Wakes a reader blocked in recv without sending anything to the peer.
                sock.shutdown(socket.SHUT_RD)
        for pipe in (self.up, self.down):
            with pipe.cond:
                pipe.cond.notify_all()

    def _guard(self, fn: Callable[[_Pipe], None], pipe: _Pipe) -> None:
        try:
            fn(pipe)
        except OSError:
            self.abort("error")
        finally:
            with self._lock:
                self._threads_left -= 1
                last = self._threads_left == 0
            if last:
                self._close_sockets()

    def _close_sockets(self) -> None:
        # Only once no thread can touch them: closing a socket another thread is blocked on risks
        # that thread reading a reused descriptor.
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.close()
        with self._lock:
            if not self.stats.ended_by:
                self.stats.ended_by = "eof"
        self.stats.closed_at = time.monotonic()
        self.proxy._forget(self)

    # --- the two halves of a direction ------------------------------------------------------------

    def _read(self, pipe: _Pipe) -> None:
        while not self.closing.is_set():
            with pipe.cond:
                while pipe.queued >= self.proxy._buffer_limit() and not self.closing.is_set():
                    pipe.cond.wait(_POLL)
            if self.closing.is_set():
                return
            try:
                # Read no further ahead than the buffer allows, in pieces, as a TCP sender's window
                # slides: one big read would have to drain whole before the next, idling the link.
                room = self.proxy._buffer_limit() - pipe.queued
                data = pipe.src.recv(int(min(_RECV, max(_MIN_RECV, room))))
            except TimeoutError:
                continue
            except OSError:
                self.abort("error")
                return
            now = time.monotonic()
            with pipe.cond:
                if not data:
                    pipe.eof = True
                    pipe.cond.notify_all()
                    return
                ready = now
                if pipe.direction == "up":
                    ready = max(ready, self.handshake_until)
                ready += self.proxy._profile.rtt / 2
                pipe.queue.append((ready, data))
                pipe.queued += len(data)
                pipe.cond.notify_all()

    def _write(self, pipe: _Pipe) -> None:
        while True:
            with pipe.cond:
                while not pipe.queue and not pipe.eof and not self.closing.is_set():
                    pipe.cond.wait(_POLL)
                if self.closing.is_set():
                    return
                if not pipe.queue:  # eof with everything delivered: pass the half-close on
                    with contextlib.suppress(OSError):
                        pipe.dst.shutdown(socket.SHUT_WR)
                    return
                ready, data = pipe.queue[0]
            sent = self._deliver(pipe, ready, data)
            with pipe.cond:
                pipe.queue.popleft()
                pipe.cond.notify_all()
            if not sent:
                return

    def _deliver(self, pipe: _Pipe, ready: float, data: bytes) -> bool:
        """Send `data` shaped; False if the connection ended meanwhile."""
        view = memoryview(data)
        while view:
            profile = self.proxy._profile
            rate = profile.up_bytes_per_s if pipe.direction == "up" else profile.down_bytes_per_s
            # Pieces of about 10 ms of link time keep the pacing smooth at any bandwidth.
            size = len(view) if math.isinf(rate) else max(256, min(16384, int(rate * 0.01)))
            if pipe.cut_at is not None:
                size = min(size, pipe.cut_at - pipe.delivered)
                if size <= 0:
                    self.abort("cut", reset=self.proxy._cut_reset)
                    return False
            piece = view[:size]
            stall = 0.0
            while pipe.next_segment <= pipe.delivered + len(piece):
                pipe.next_segment += SEGMENT
                if profile.loss and pipe.rng.random() < profile.loss:
                    stall += profile.rtt * profile.loss_stall_rtts  # a retransmission stall
            airtime = 0.0 if math.isinf(rate) else len(piece) / rate
            if self.proxy.shared_link:
                # Reserve the piece's airtime on the one link all connections share; a stream's own
                # retransmission stall delays that stream, not the link. Only once the piece is there
                # (`ready`): reserving a future slot would hold the link idle until then, though
                # other connections have bytes waiting (a new request's one-way delay stalled all).
                if not self._wait_until(pipe, ready):
                    return False
                with self.proxy._link_lock:
                    start = max(self.proxy._link_free[pipe.direction], ready)
                    self.proxy._link_free[pipe.direction] = start + airtime
                finish = start + airtime + stall
            else:
                start = max(pipe.link_free, ready) + stall
                finish = start + airtime
            if not self._wait_until(pipe, finish):
                return False
            now = time.monotonic()
            if self.proxy._blocked(now):
                # A stall or outage began while we waited: hold, then restart the piece after it.
                if not self._wait_unblocked(pipe):
                    return False
                pipe.link_free = time.monotonic()
                ready = pipe.link_free
                continue
            if not self._send_all(pipe, piece):
                return False
            # The link's clock, not the wall clock: a sender that was slow is already behind through
            # `ready`, so it banks no credit; a writer thread that woke late (a loaded machine) must
            # not make the link itself slower than its profile.
            pipe.link_free = finish
            pipe.delivered += len(piece)
            with pipe.cond:  # room for the reader as each piece leaves, not when the whole read has
                pipe.queued -= len(piece)
                pipe.cond.notify_all()
            self.proxy._count(self, pipe.direction, len(piece))
            view = view[len(piece) :]
        if pipe.cut_at is not None and pipe.delivered >= pipe.cut_at:
            self.abort("cut", reset=self.proxy._cut_reset)
            return False
        return True

    def _wait_until(self, pipe: _Pipe, when: float) -> bool:
        with pipe.cond:
            while not self.closing.is_set():
                left = when - time.monotonic()
                if left <= 0:
                    return True
                pipe.cond.wait(min(left, _POLL))
        return False

    def _wait_unblocked(self, pipe: _Pipe) -> bool:
        with pipe.cond:
            while not self.closing.is_set():
                now = time.monotonic()
                until = self.proxy._blocked(now)
                if until is None:
                    return True
                pipe.cond.wait(min(until - now, _POLL))
        return False

    def _send_all(self, pipe: _Pipe, piece: memoryview) -> bool:
        while piece:
            if self.closing.is_set():
                return False
            try:
                n = pipe.dst.send(piece)
            except TimeoutError:
                continue
            except OSError:
                self.abort("error")
                return False
            piece = piece[n:]
        return True


class LinkProxy:
    """A shaping TCP proxy listening on 127.0.0.1 (ephemeral port) in front of `target`.

    All setters may be called from any thread while it runs.
    """

    def __init__(
        self,
        target: tuple[str, int],
        profile: LinkProfile = LAN,
        *,
        seed: int = 0,
        scale: float = 1.0,
        outage: Outage | None = None,
        stalls: Iterable[tuple[float, float]] = (),
        handshake_rtt: bool = True,
        listen_host: str = "127.0.0.1",
        connect_timeout: float = 5.0,
        shared_link: bool = False,
    ) -> None:
        """`shared_link`: all connections share one link per direction (one radio, several TCP
        streams), so a stream waiting for an answer leaves its bandwidth to the others; without it each
        connection gets the profile's whole bandwidth."""
        if scale <= 0:
            raise ValueError("scale must be positive")
        self.target = target
        self.seed = seed
        self.scale = scale
        self.handshake_rtt = handshake_rtt
        self.shared_link = shared_link
        self._link_free = {"up": 0.0, "down": 0.0}  # the shared link's virtual clock, per direction
        self._link_lock = threading.Lock()
        self.listen_host = listen_host
        self.connect_timeout = connect_timeout
        self._profile = profile.scaled(scale)
        self._outage = outage.scaled(scale) if outage else None
        self._stall_windows: list[tuple[float, float]] = [(at * scale, d * scale) for at, d in stalls]
        self._lock = threading.Lock()
        self._connections: set[_Connection] = set()
        self._stats: list[ConnectionStats] = []
        self._bytes_up = 0
        self._bytes_down = 0
        self._refused = 0
        self._accepted = 0  # connection index, for RNG seeds; never reset
        self._opened = 0
        self._next_cut: tuple[int | None, int | None] | None = None
        self._every_cut: tuple[int | None, int | None] | None = None
        self._cut_reset = True
        self._reset_next = 0
        self._manual_down = False
        self._listener: socket.socket | None = None
        self._port = 0
        self._started_at = time.monotonic()  # outage and stall schedules count from here
        self._stopping = threading.Event()
        self._applied = threading.Condition(self._lock)
        self._listener_down = False
        self._wake_r, self._wake_w = socket.socketpair()
        self._thread: threading.Thread | None = None
        self._open_listener()

    # --- lifecycle --------------------------------------------------------------------------------

    def __enter__(self) -> LinkProxy:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> LinkProxy:
        if self._thread is None:
            self._thread = threading.Thread(target=self._serve, name="linkproxy-listener", daemon=True)
            self._thread.start()
        return self

    def close(self) -> None:
        """Stop accepting, abort open connections (RST), join every thread, close every socket."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        self._wake()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._close_listener(reason="closed")
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            conn.abort("closed")
        for conn in connections:
            for thread in conn.threads:
                thread.join(timeout=5)
        for sock in (self._wake_r, self._wake_w):
            sock.close()

    @property
    def port(self) -> int:
        return self._port

    @property
    def address(self) -> tuple[str, int]:
        return (self.listen_host, self._port)

    @property
    def url(self) -> str:
        return f"http://{self.listen_host}:{self._port}"

    # --- shaping and faults, settable at run time --------------------------------------------------

    @property
    def profile(self) -> LinkProfile:
        """The profile in force, already scaled."""
        return self._profile

    def set_profile(self, profile: LinkProfile) -> None:
        """Change the link for open and future connections (scaled by this proxy's `scale`)."""
        self._profile = profile.scaled(self.scale)

    def set_down(self, down: bool = True, *, cut_existing: bool = False) -> None:
        """Link down: refuse new connections and hold open ones (or RST them with `cut_existing`).

        Returns once the listener has actually closed or reopened.
        """
        with self._lock:
            self._manual_down = down
        # Listener first: a stream retrying at once after the cut then meets a refused connect
        # instead of slipping a request into the closing listener's backlog.
        self._apply_listener_state()
        if down and cut_existing:
            self.cut_all()

    @property
    def is_down(self) -> bool:
        return self._is_down(time.monotonic())

    def stall(self, seconds: float) -> None:
        """Hold every delivery for `seconds` (scaled) from now; connections stay open."""
        with self._lock:
            self._stall_windows.append((time.monotonic() - self._started_at, seconds * self.scale))

    def cut_after(
        self,
        up_bytes: int | None = None,
        down_bytes: int | None = None,
        *,
        which: Literal["next", "current", "every"] = "next",
        reset: bool = True,
    ) -> None:
        """Deliver at most N more bytes in a direction, then close both sides (RST if `reset`).

        `which`: "next" the next accepted connection only (counted from its start), "current" the
        open connections (counted from now), "every" each connection accepted from now on until
        `clear_faults()`.
        """
        with self._lock:
            self._cut_reset = reset
            if which == "next":
                self._next_cut = (up_bytes, down_bytes)
            elif which == "every":
                self._every_cut = (up_bytes, down_bytes)
            else:
                for conn in self._connections:
                    for pipe, limit in ((conn.up, up_bytes), (conn.down, down_bytes)):
                        if limit is not None:
                            with pipe.cond:
                                pipe.cut_at = pipe.delivered + limit
                                pipe.cond.notify_all()

    def reset_next(self, count: int = 1) -> None:
        """The next `count` connections are accepted and reset at once, before any byte."""
        with self._lock:
            self._reset_next += count

    def cut_all(self, *, reset: bool = True) -> None:
        """Abort every open connection now."""
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            conn.abort("cut", reset=reset)

    def clear_faults(self) -> None:
        """Forget pending cuts and resets, manual stalls and the manual down state (not the outage)."""
        with self._lock:
            self._next_cut = None
            self._every_cut = None
            self._reset_next = 0
            self._stall_windows.clear()
            self._manual_down = False
            for conn in self._connections:
                conn.up.cut_at = conn.down.cut_at = None
        self._apply_listener_state()

    # --- counters ---------------------------------------------------------------------------------

    @property
    def bytes_up(self) -> int:
        """Bytes delivered client -> server over all connections."""
        return self._bytes_up

    @property
    def bytes_down(self) -> int:
        """Bytes delivered server -> client over all connections."""
        return self._bytes_down

    @property
    def connections_opened(self) -> int:
        """Connections accepted (including those reset at once)."""
        with self._lock:
            return self._opened

    @property
    def connections_refused(self) -> int:
        """Connections reset at accept (`reset_next`) or because the target refused them."""
        return self._refused

    @property
    def active_connections(self) -> int:
        with self._lock:
            return len(self._connections)

    def connection_stats(self) -> list[ConnectionStats]:
        """Per-connection counters, oldest first (copies)."""
        with self._lock:
            return [replace(s) for s in self._stats]

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until every byte read so far has been delivered (and counted); False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                connections = list(self._connections)
            if all(not (c.up.queue or c.down.queue) for c in connections):
                return True
            time.sleep(0.005)
        return False

    def reset_counters(self) -> None:
        with self._lock:
            self._bytes_up = self._bytes_down = self._refused = self._opened = 0
            self._stats = []

    # --- internals --------------------------------------------------------------------------------

    def _count(self, conn: _Connection, direction: Direction, n: int) -> None:
        with self._lock:
            if direction == "up":
                self._bytes_up += n
                conn.stats.bytes_up += n
            else:
                self._bytes_down += n
                conn.stats.bytes_down += n

    def _forget(self, conn: _Connection) -> None:
        with self._lock:
            self._connections.discard(conn)

    def _buffer_limit(self) -> float:
        # Enough for a bandwidth-delay product plus slack, so a fast sender is held back as TCP would.
        profile = self._profile
        rate = min(profile.up_bytes_per_s, profile.down_bytes_per_s)
        return 1 << 20 if math.isinf(rate) else max(65536, rate * (profile.rtt + 1.0))

    def _is_down(self, now: float) -> bool:
        if self._manual_down:
            return True
        return self._outage is not None and self._outage.is_down(now - self._started_at)

    def _blocked(self, now: float) -> float | None:
        """None if deliveries may go now, else the monotonic time to look again."""
        if self._is_down(now):
            if self._manual_down or self._outage is None:
                return now + _POLL
            return self._started_at + self._outage.next_change(now - self._started_at)
        elapsed = now - self._started_at
        with self._lock:
            ends = [at + d for at, d in self._stall_windows if at <= elapsed < at + d]
        return self._started_at + max(ends) if ends else None

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")

    def _apply_listener_state(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            if self._is_down(time.monotonic()):
                self._close_listener()
            elif self._listener is None:
                self._open_listener()
            return
        want = self._is_down(time.monotonic())
        self._wake()
        with self._applied:
            self._applied.wait_for(lambda: self._listener_down == want or self._stopping.is_set(), timeout=2)

    def _open_listener(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.listen_host, self._port))
            sock.listen(128)
        except OSError:
            sock.close()
            raise
        self._port = sock.getsockname()[1]
        self._listener = sock
        self._listener_down = False

    def _close_listener(self, reason: str = "cut") -> None:
        if self._listener is not None:
            self._reset_backlog(self._listener, reason)
            self._listener.close()
            self._listener = None
        self._listener_down = True

    def _reset_backlog(self, listener: socket.socket, reason: str) -> None:
        """Accept and RST what waits in the backlog, recorded with `reason`: closing the listener
        resets those connections anyway, with whatever the client already wrote into them lost."""
        listener.setblocking(False)
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            now = time.monotonic()
            with contextlib.suppress(OSError):
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            client.close()
            # list.append is atomic; callers may or may not hold self._lock here.
            self._stats.append(ConnectionStats(index=-1, opened_at=now, closed_at=now, ended_by=reason))

    def _serve(self) -> None:
        while not self._stopping.is_set():
            now = time.monotonic()
            down = self._is_down(now)
            with self._lock:
                if down and self._listener is not None:
                    self._close_listener()
                elif not down and self._listener is None:
                    try:
                        self._open_listener()
                    except OSError:  # port taken meanwhile: stay down rather than die
                        pass
                self._applied.notify_all()
            timeout = _POLL * 4
            if self._outage is not None:
                timeout = min(
                    timeout, self._started_at + self._outage.next_change(now - self._started_at) - now
                )
            watched: list[socket.socket] = [self._wake_r]
            if self._listener is not None:
                watched.append(self._listener)
            readable, _, _ = select.select(watched, [], [], max(timeout, 0.001))
            if self._wake_r in readable:
                with contextlib.suppress(OSError):
                    self._wake_r.recv(4096)
            if self._listener is not None and self._listener in readable:
                self._accept(self._listener)

    def _accept(self, listener: socket.socket) -> None:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        with self._lock:
            index = self._accepted
            self._accepted += 1
            self._opened += 1
            reset = self._reset_next > 0
            if reset:
                self._reset_next -= 1
            cut = self._next_cut or self._every_cut
            self._next_cut = None
        if reset:
            self._record_refused(index, client, "reset")
            return
        try:
            upstream = socket.create_connection(self.target, timeout=self.connect_timeout)
        except OSError:
            self._record_refused(index, client, "error")
            return
        for sock in (client, upstream):
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn = _Connection(self, client, upstream, index)
        if cut is not None:
            conn.up.cut_at, conn.down.cut_at = cut
        with self._lock:
            self._stats.append(conn.stats)
            self._connections.add(conn)
        conn.start()

    def _record_refused(self, index: int, client: socket.socket, reason: str) -> None:
        now = time.monotonic()
        with contextlib.suppress(OSError):
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        client.close()
        with self._lock:
            self._stats.append(ConnectionStats(index=index, opened_at=now, closed_at=now, ended_by=reason))
            self._refused += 1


def main(argv: list[str] | None = None) -> None:
    """`python -m bench.linkproxy 127.0.0.1:8000 --profile edge`: run a shaper by hand."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("target", help="host:port to forward to")
    parser.add_argument("--profile", choices=sorted(PROFILES), default="edge")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--outage", action="store_true", help="60 s up, 30 s down")
    args = parser.parse_args(argv)
    host, _, port = args.target.rpartition(":")
    outage = OUTAGE if args.outage else None
    with LinkProxy(
        (host or "127.0.0.1", int(port)), PROFILES[args.profile], seed=args.seed, outage=outage
    ) as proxy:
        print(f"{args.profile} link to {args.target} at {proxy.url} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(5)
                print(f"up {proxy.bytes_up} B, down {proxy.bytes_down} B, {proxy.connections_opened} conn.")


if __name__ == "__main__":
    main()
