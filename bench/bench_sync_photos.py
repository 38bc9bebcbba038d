"""A day's push over each 3T link, with cuts: our sync (records, then photos over tus) against the way
OpenRosa clients (ODK Collect) send (DESIGN §10: ≤ 1.3 × the bound on EDGE and 3G-slow; bytes re-sent
after a cut ≤ one chunk).

The day: 50 visits with 3 photos of ~100 KB each, ≈ 15 MB (`--quick`: 3 visits;
`VERVAL_BENCH_VISITS=N` for another size). Both run through the link proxy with the same profile and
the same cut schedule (every open connection reset every `CUT_EVERY` link seconds), at the same time
(the OpenRosa-style client in a child process, on its own proxy: its own link):

- ours: the app's `SyncEngine` with `PhotoSync` against the real server: visit records pushed first,
  then the photo blobs the server lacks (one `blobs/missing` query) over tus on parallel streams (each
  photo normally one POST carrying its body; after a cut, one request without body learns the offset,
  then the rest goes), then the photo records, then the pull;
- OpenRosa style: each visit as one multipart POST (form XML + its photos) to a plain HTTP receiver,
  one at a time, and after a failure the visit is sent again from its first byte.

Bound: T ≥ S/B + K·RTT, with S the bytes that must cross (request bodies: blobs and gzip'd record
batches for ours, form XML and photos for OpenRosa; no headers), B the profile's upload rate, and K
the sequential round trips no implementation of the protocol can avoid:

- ours, K = 5 + reconnects: the TCP connection; the `blobs/missing` answer before any blob is sent
  (the records push can share that round trip on a second connection); the answer to the last blob's
  last byte; the photo-record push, which DESIGN §5 allows only once the blob is confirmed; the pull
  that ends a sync;
- OpenRosa style, K = 2 + reconnects: the connection and the answer to the last submission;
- reconnects: cut events that reset at least one open connection. A reset costs any TCP client a new
  handshake before its next byte (one RTT), so each is counted once. Nothing else a cut costs is in
  the bound: ours pays one more round trip per cut to learn the server's offset, and the bytes lost in
  flight (re-sent), and OpenRosa pays re-sending its submission from the start.

Link loss is not in the bound either: the proxy stalls a stream one RTT per lost 1460-byte segment
(EDGE 1 %: ≈ 0.14 of the ratio for one stream alone); parallel streams fill one another's stalls as
TCP flows sharing a radio do.

Speed: the figure of record is at the link's real speed. Time-scaling a profile (`scale` < 1) shrinks
round trips and transfer times but not the server's own time per request, which inflates the ratio
of a protocol with many requests. So profiles whose day takes at most `REALTIME_MAX_SECONDS` at full
speed (EDGE ≈ 10 min, 3G-slow ≈ 6 min, VSAT < 1 min) run at real speed, and GPRS (≈ 1 h) time-scaled
to `SCALED_SECONDS`; `VERVAL_BENCH_REALTIME=1` runs all at real speed, `=0` all scaled (quick checks);
`VERVAL_BENCH_PROFILES=EDGE,3G-slow` picks profiles. Seconds are reported at link scale (`nominal_s`:
what the full-speed link takes).

Both runs go through the proxy in shared-link mode: one radio per direction that every TCP connection
shares, so our parallel uploads divide B between them and one stream's wait for an answer leaves its
share to the others, as on a real link.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests
from sqlmodel import Session

from app.core.models import Household, Photo, Role, Visit
from app.server import admin
from app.server.config import Settings
from app.server.runner import ServerThread
from app.store.store import Store
from app.store.vault import PhotoVault
from app.sync.client import Offline, SyncClient
from app.sync.engine import SyncEngine
from app.sync.link import LinkEstimate, LinkMeter, choose_chunk_size, choose_parallelism
from app.sync.photo_sync import PhotoSync
from app.sync.uploads import PhotoUploader
from bench.common import Result
from bench.linkproxy import EDGE, GPRS, THREE_G_SLOW, VSAT, LinkProfile, LinkProxy

VILLAGE = "53.02.03.2002"
PASSWORD = "rahasia-bench-officer"
KEY = bytes(range(32))
PHOTOS_PER_VISIT = 3
PHOTO_BYTES = (90_000, 110_000)
K_OURS = 5  # see the module's docstring; plus one per reconnect
K_OPENROSA = 2
CUT_EVERY = 30.0  # link seconds between cuts
TARGETS = {"EDGE": 1.3, "3G-slow": 1.3}
GIVE_UP_AFTER = 4.0  # × the bound: an OpenRosa-style client that cannot finish is stopped there
# ODK Collect's HTTP timeouts (connect 30 s, read 60 s): a 300 kB submission takes 12 s on EDGE, so a
# shorter read timeout would fail every visit at real speed.
OPENROSA_TIMEOUT = (30.0, 60.0)
REALTIME_MAX_SECONDS = 900.0  # a day longer than this at full speed runs time-scaled by default
SCALED_SECONDS = 40.0  # wall time of a time-scaled day (`--quick`: 2 s)


def _seed(server: ServerThread, households: int = 12) -> list[str]:
    rows = [
        Household(
            id=str(uuid.UUID(int=i + 1)), village_code=VILLAGE, head_name=f"Kepala {i}", kk_number=f"{i:016d}"
        )
        for i in range(households)
    ]
    with Session(server.engine) as session:
        admin.create_user(
            session, username="officer", password=PASSWORD, role=Role.PENDAMPING, full_name="Bench"
        )
        admin.assign(session, username="officer", area_code=VILLAGE)
        admin.import_rows(session, rows)
    return [r.id for r in rows]


def _day(
    store: Store, vault: PhotoVault, households: list[str], visits: int, rng: random.Random
) -> list[bytes]:
    blobs = []
    now = datetime.now(UTC)
    for i in range(visits):
        household = households[i % len(households)]
        visit = Visit(
            village_code=VILLAGE,
            household_id=household,
            officer="officer",
            started_at=now,
            finished_at=now,
            answers={"q": i, "catatan": "rumah semi permanen"},
            state="submitted",
        )
        store.save(visit)
        for _ in range(PHOTOS_PER_VISIT):
            data = rng.randbytes(rng.randint(*PHOTO_BYTES))
            blobs.append(data)
            store.save(
                Photo(
                    village_code=VILLAGE,
                    household_id=household,
                    visit_id=visit.id,
                    sha256=vault.put(data),
                    byte_size=len(data),
                )
            )
    return blobs


class _Cutter:
    """Resets every open connection of a proxy every `period` seconds until stopped."""

    def __init__(self, proxies: list[LinkProxy], period: float) -> None:
        self.proxies = proxies
        self.period = period
        self.cuts = 0
        self.reconnects = 0  # cuts that reset at least one open connection
        self.connections_cut = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _Cutter:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(self.period):
            self.cuts += 1
            hit = 0
            for proxy in self.proxies:
                hit += proxy.active_connections
                proxy.cut_all()
            self.connections_cut += hit
            self.reconnects += hit > 0


def _ours(
    server: ServerThread,
    token: str,
    households: list[str],
    profile: LinkProfile,
    scale: float,
    visits: int,
    folder: Path,
    seed: int,
) -> dict[str, float]:
    store = Store.open(folder / "store.db", KEY)
    vault = PhotoVault(folder / "vault", KEY)
    try:
        with SyncClient(server.url, token=token) as direct:
            SyncEngine(store, direct).sync()  # the morning: the village is already on the laptop
        blobs = _day(store, vault, households, visits, random.Random(seed))
        nominal = LinkEstimate(
            rtt=profile.rtt,
            up_bytes_per_s=profile.up_bytes_per_s,
            down_bytes_per_s=profile.down_bytes_per_s,
            samples=3,
        )
        # At real speed the app chooses from its measured link. Time-scaled, its measurements are
        # scaled too (a 47 ms RTT would mean one stream), so it gets the choices of the real link.
        streams = int(os.environ.get("VERVAL_BENCH_STREAMS", "0")) or (
            None if scale == 1.0 else choose_parallelism(nominal, PHOTO_BYTES[1])
        )
        chunk = None if scale == 1.0 else choose_chunk_size(nominal)
        # As measured on the last sync: the estimate the store keeps, at link scale.
        LinkMeter(
            replace(
                nominal,
                rtt=nominal.rtt * scale,
                up_bytes_per_s=nominal.up_bytes_per_s / scale,
                down_bytes_per_s=nominal.down_bytes_per_s / scale,
            )
        ).save(store)
        with (
            LinkProxy(("127.0.0.1", server.port), profile, scale=scale, seed=seed, shared_link=True) as proxy,
            SyncClient(proxy.url, token=token, timeout=(5, 20)) as client,
        ):
            meter = LinkMeter.from_store(store)
            uploader = PhotoUploader(
                client,
                store,
                vault,
                meter=meter,
                parallel=streams,
                chunk_size=chunk,
                backoff_base=max(0.005, 0.5 * scale),
                max_failures=50,
            )
            photos = PhotoSync(client, store, vault, meter=meter, uploader=uploader)
            began = time.monotonic()
            with _Cutter([proxy], CUT_EVERY * scale) as cutter:
                syncs = 0
                uploads = []
                while True:  # a cut during a record request ends that sync; the app's scheduler retries
                    syncs += 1
                    try:
                        report = SyncEngine(store, client, photos=photos).sync()
                    except Offline:
                        continue
                    finally:
                        if photos.last_upload is not None:
                            uploads.append(photos.last_upload)
                            photos.last_upload = None
                    if not report.pending_after:
                        break
            seconds = time.monotonic() - began
            body = sum(len(b) for b in blobs) + client.bytes_sent
            k = K_OURS + cutter.reconnects
            bound = (body / profile.up_bytes_per_s + k * profile.rtt) * scale
            return {
                "seconds": seconds,
                "nominal_s": seconds / scale,
                "bound_s": bound / scale,
                "k": k,
                "ratio": seconds / bound,
                "wire_up": proxy.bytes_up,
                "wire_down": proxy.bytes_down,
                "body": body,
                "resent": sum(u.bytes_resent for u in uploads),
                "cuts": cutter.cuts,
                "connections_cut": cutter.connections_cut,
                "max_chunk": max((u.max_chunk for u in uploads), default=0),
                "streams": max((u.parallel for u in uploads), default=0),
                "syncs": syncs,
            }
    finally:
        store.close()


class _Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length", "0"))
        got = 0
        while got < length:
            block = self.rfile.read(min(65536, length - got))
            if not block:
                return
            got += len(block)
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


class _ReceiverServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # resets are what the benchmark causes


def _openrosa(profile: LinkProfile, scale: float, visits: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    submissions = []
    for i in range(visits):
        form = (
            f"<data id='verval'><meta><instanceID>uuid:{uuid.UUID(int=i)}</instanceID></meta></data>".encode()
        )
        photos = [rng.randbytes(rng.randint(*PHOTO_BYTES)) for _ in range(PHOTOS_PER_VISIT)]
        submissions.append((form, photos))
    receiver = _ReceiverServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=receiver.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        with (
            LinkProxy(
                ("127.0.0.1", receiver.server_address[1]), profile, scale=scale, seed=seed, shared_link=True
            ) as proxy,
            requests.Session() as http,
        ):
            began = time.monotonic()
            resent = 0
            sent = 0
            body = sum(len(f) + sum(len(p) for p in ps) for f, ps in submissions)
            timeout = (max(1.0, OPENROSA_TIMEOUT[0] * scale), max(1.0, OPENROSA_TIMEOUT[1] * scale))
            give_up = (
                began + GIVE_UP_AFTER * (body / profile.up_bytes_per_s + K_OPENROSA * profile.rtt) * scale
            )
            with _Cutter([proxy], CUT_EVERY * scale) as cutter:
                for form, photos in submissions:
                    if time.monotonic() > give_up:
                        break
                    files = [("xml_submission_file", ("submission.xml", form, "text/xml"))]
                    files += [
                        (f"foto{j}.jpg", (f"foto{j}.jpg", p, "image/jpeg")) for j, p in enumerate(photos)
                    ]
                    size = len(form) + sum(len(p) for p in photos)
                    while time.monotonic() < give_up:
                        before = proxy.bytes_up
                        try:
                            answer = http.post(
                                f"{proxy.url}/submission",
                                files=files,
                                timeout=timeout,
                                headers={"X-OpenRosa-Version": "1.0"},
                            )
                            if answer.status_code == 201:
                                sent += 1
                                break
                        except requests.RequestException:
                            pass
                        resent += min(size, proxy.bytes_up - before)  # all of it goes again
            seconds = time.monotonic() - began
            k = K_OPENROSA + cutter.reconnects
            bound = (body / profile.up_bytes_per_s + k * profile.rtt) * scale
            return {
                "finished": sent,
                "seconds": seconds,
                "nominal_s": seconds / scale,
                "bound_s": bound / scale,
                "k": k,
                "ratio": seconds / bound,
                "wire_up": proxy.bytes_up,
                "resent": resent,
                "cuts": cutter.cuts,
            }
    finally:
        receiver.shutdown()
        receiver.server_close()
        thread.join(5)


def _scale(profile: LinkProfile, visits: int, quick: bool) -> float:
    """1.0 (real speed) or the factor that makes the day last `SCALED_SECONDS` (see the docstring)."""
    full_speed = visits * PHOTOS_PER_VISIT * sum(PHOTO_BYTES) / 2 / profile.up_bytes_per_s
    scaled = min(1.0, (2.0 if quick else SCALED_SECONDS) / full_speed)
    mode = os.environ.get("VERVAL_BENCH_REALTIME", "")
    if mode == "1":
        return 1.0
    if mode == "0" or quick:
        return scaled
    return 1.0 if full_speed <= REALTIME_MAX_SECONDS else scaled


def run(quick: bool) -> list[Result]:
    visits = int(os.environ.get("VERVAL_BENCH_VISITS", "0")) or (3 if quick else 50)
    profiles = [GPRS, EDGE, THREE_G_SLOW, VSAT]
    wanted = os.environ.get("VERVAL_BENCH_PROFILES")  # e.g. "EDGE,3G-slow"
    if wanted:
        profiles = [p for p in profiles if p.name in wanted.split(",")]
    baseline = os.environ.get("VERVAL_BENCH_BASELINE", "1") != "0"  # 0: ours only (quicker checks)
    results: list[Result] = []
    with (
        tempfile.TemporaryDirectory(prefix="verval-bench-photos-") as tmp,
        ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as child,
    ):
        folder = Path(tmp)
        with ServerThread(Settings(data_dir=folder / "server")) as server:
            households = _seed(server)
            with requests.Session() as http:
                token = http.post(
                    f"{server.url}/auth/login", json={"username": "officer", "password": PASSWORD}, timeout=30
                ).json()["token"]
            for n, profile in enumerate(profiles):
                scale = _scale(profile, visits, quick)
                # The OpenRosa-style client runs meanwhile in a child process (its own GIL) on its own
                # proxy, so a real-speed run of both takes the time of the slower one.
                odk_run = child.submit(_openrosa, profile, scale, visits, 100 + n) if baseline else None
                ours = _ours(
                    server, token, households, profile, scale, visits, folder / f"officer-{n}", seed=n
                )
                odk = odk_run.result() if odk_run is not None else None
                got = _results(profile, scale, visits, ours, odk)
                for result in got:  # a real-speed run is long: show each profile as it ends
                    print(f"  {result.name} {result.value:.4g} {result.unit} {result.note}", file=sys.stderr)
                results += got
    return results


def _results(
    profile: LinkProfile, scale: float, visits: int, ours: dict[str, float], odk: dict[str, float] | None
) -> list[Result]:
    name = profile.name
    speed = "real speed" if scale == 1.0 else f"time-scaled x{scale:.3g}"
    per_cut = ours["resent"] / max(1, ours["connections_cut"])
    results = [
        Result(
            f"photos_push_{name}_ratio",
            ours["ratio"],
            "x bound",
            TARGETS.get(name),
            note=f"{speed}; bound {ours['bound_s']:.0f} s (K={ours['k']:.0f}: 5 + {ours['k'] - 5:.0f} "
            f"reconnects); {ours['streams']:.0f} streams; wire up {ours['wire_up'] / 1e6:.2f} MB "
            f"for {ours['body'] / 1e6:.2f} MB of bodies",
        ),
        Result(f"photos_push_{name}_seconds", ours["nominal_s"], "s", note="at full link speed"),
        Result(
            f"photos_push_{name}_resent_per_cut",
            per_cut / 1000,
            "kB",
            ours["max_chunk"] / 1000,
            note=f"{ours['resent'] / 1000:.0f} kB handed to the network twice over "
            f"{ours['connections_cut']:.0f} connections cut ({ours['cuts']:.0f} cuts); target = one chunk; "
            f"on the wire {(ours['wire_up'] - ours['body']) / 1000:.0f} kB more than the bodies "
            "(headers included)",
        ),
    ]
    if odk is None:
        return results
    return results + [
        Result(
            f"openrosa_push_{name}_ratio",
            odk["ratio"],
            "x bound",
            note=f"{speed}; {odk['finished']:.0f}/{visits} visits sent (cap {GIVE_UP_AFTER:g}x bound), "
            f"bound {odk['bound_s']:.0f} s (K={odk['k']:.0f}), {odk['cuts']:.0f} cuts, "
            f"{odk['resent'] / 1e6:.2f} MB re-sent",
        ),
        Result(f"openrosa_push_{name}_seconds", odk["nominal_s"], "s"),
        Result(
            f"photos_vs_openrosa_{name}",
            ours["seconds"] / odk["seconds"],
            "x",
            note="time of ours / OpenRosa style"
            + ("" if odk["finished"] == visits else " (OpenRosa style stopped at its cap)"),
        ),
    ]


def _digest(data: bytes) -> str:  # pragma: no cover - kept for ad-hoc checks of the receiver
    return hashlib.sha256(data).hexdigest()
