"""Record sync over the DESIGN §10 links, through the link-shaping proxy: the initial pull of a
2,000-household village and the push of a day's 50 visits, against the bound T >= S/B + K·RTT, and
side by side a baseline that re-downloads the whole village at every sync.

S is the bytes that crossed the link (gzip on both directions); K counts the unavoidable sequential
round trips: the TCP handshake and one request (a sync: the handshake, a push, then a pull). Every
extra page, batch or idle gap shows up in the ratio, and so does the link's loss: the bound has no
term for it, so the EDGE-lossless row beside EDGE shows what the 1 % loss alone costs.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session

from app.core.models import Role, Visit
from app.server import admin
from app.server.config import Settings
from app.server.db import open_database
from app.server.runner import ServerProcess
from app.store.store import Store
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine, SyncReport
from bench.common import Result
from bench.linkproxy import EDGE, GPRS, THREE_G_SLOW, VSAT, LinkProfile, LinkProxy
from bench.village import BENCH_KEY, cloned_rows

PASSWORD = "bench-password-1"
K_ROUND_TRIPS = 2  # handshake + one request: the least any transfer can cost


def _seed(settings: Settings, households: int) -> str:
    house_rows, member_rows = cloned_rows(households)
    village = house_rows[0].village_code
    engine = open_database(settings)
    with Session(engine) as session:
        admin.create_user(
            session, username="officer", password=PASSWORD, role=Role.PENDAMPING, full_name="Bench"
        )
        admin.assign(session, username="officer", area_code=village)
        admin.import_rows(session, [*house_rows, *member_rows])
    engine.dispose()
    return village


def _visits(store: Store, village: str, count: int) -> None:
    start = datetime(2026, 11, 2, 8, tzinfo=UTC)
    for i, hid in enumerate(store.household_ids()[:count]):
        store.save(
            Visit(
                village_code=village,
                household_id=hid,
                officer="officer",
                started_at=start + timedelta(minutes=30 * i),
                finished_at=start + timedelta(minutes=30 * i + 25),
                answers={f"q{j}": f"jawaban {j}" for j in range(40)},
                pack_id="verval",
                pack_version="2026.1",
                verdict={"overall": "layak", "rules": ["PKH-01", "BPNT-02"]},
                state="submitted",
            )
        )


def _measure(proxy: LinkProxy, fn) -> tuple[float, int, int, SyncReport]:  # type: ignore[no-untyped-def]
    proxy.reset_counters()
    start = time.perf_counter()
    report = fn()
    return time.perf_counter() - start, proxy.bytes_up, proxy.bytes_down, report


def _profile_results(
    profile: LinkProfile, server: ServerProcess, village: str, tmp: Path, scale: float, households: int
) -> list[Result]:
    results: list[Result] = []
    with LinkProxy(target=("127.0.0.1", server.port), profile=profile, seed=1, scale=scale) as proxy:
        store = Store.open(tmp / f"{profile.name}.db", BENCH_KEY)
        with SyncClient(proxy.url, timeout=(30, 300)) as client:
            client.login("officer", PASSWORD)
            engine = SyncEngine(store, client)
            engine.pull_max_bytes = 300_000
            # A fresh connection for each measured step, so the handshake is counted honestly.
            client.session.close()
            seconds, up, down, report = _measure(
                proxy, lambda: engine.pull(SyncReport(), lambda *_: None, lambda: False) and None
            )
            scaled = profile.scaled(scale)
            bound = scaled.bound_seconds(up, down, K_ROUND_TRIPS)
            name = f"sync.{profile.name}.initial_pull_{households}"
            results.append(Result(f"{name}.seconds", seconds / scale, "s", note=f"{down / 1000:.0f} kB down"))
            results.append(
                Result(
                    f"{name}.ratio_to_bound", seconds / bound, "x", target=1.3 if profile is EDGE else None
                )
            )
            full_down = down
            _visits(store, village, 50)
            client.session.close()
            seconds, up, down, _ = _measure(proxy, lambda: engine.sync())
            bound = scaled.bound_seconds(up, down, K_ROUND_TRIPS + 1)  # handshake, push, then pull
            name = f"sync.{profile.name}.push_50_visits"
            results.append(Result(f"{name}.seconds", seconds / scale, "s", note=f"{up / 1000:.1f} kB up"))
            results.append(
                Result(
                    f"{name}.ratio_to_bound", seconds / bound, "x", target=1.3 if profile is EDGE else None
                )
            )
            # Baseline: a sync that re-downloads the whole village instead of the changes since the cursor.
            incremental = up + down
            baseline = up + full_down
            results.append(
                Result(
                    f"sync.{profile.name}.baseline_redownload_bytes_ratio",
                    baseline / incremental,
                    "x",
                    note="whole-village re-download / incremental sync, bytes",
                )
            )
            results.append(
                Result(
                    f"sync.{profile.name}.baseline_redownload_seconds",
                    scaled.bound_seconds(up, full_down, K_ROUND_TRIPS + 1) / scale,
                    "s",
                    note="lower bound of the baseline; incremental above",
                )
            )
        store.close()
    return results


def run(quick: bool) -> list[Result]:
    households = 300 if quick else 2000
    scale = 0.05 if quick else 1.0
    # EDGE without loss beside EDGE: the bound has no term for loss, and the proxy's 1 % loss costs a
    # full round trip per lost segment, so the pair shows how much of the ratio the link's loss takes.
    edge_lossless = dataclasses.replace(EDGE, name="EDGE-lossless", loss=0.0)
    profiles = [EDGE] if quick else [EDGE, edge_lossless, GPRS, THREE_G_SLOW, VSAT]
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp_name:
        tmp = Path(tmp_name)
        settings = Settings(data_dir=tmp / "server", database_url=f"sqlite:///{tmp / 'server.sqlite3'}")
        village = _seed(settings, households)
        # The server in its own process, as it is in the field (another machine): its CPU time must not
        # compete with the client's for one interpreter lock, which a server thread here would.
        with ServerProcess(settings) as server:
            for profile in profiles:
                results += _profile_results(profile, server, village, tmp, scale, households)
    return results
