"""Fault injection (issue #4): random schedules of connection cuts at random byte offsets during push
and pull (through the link proxy), responses lost after the server committed, and the server killed
and restarted mid-sync. After each schedule the invariants of `faults.assert_converged` hold.

Seeded and repeatable: schedule i uses Random(i). `VERVAL_FAULT_SCHEDULES` sets how many (default 200).
One server process serves every schedule (the server keeps every earlier schedule's data, which is
what a real server does); the officer's store is replaced every 25 schedules so first pulls are cut too.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.server.config import Settings
from app.server.db import make_engine, open_database
from app.server.runner import ServerProcess
from app.store.store import Store
from app.sync.client import ServerError, SyncClient, SyncError
from app.sync.engine import SyncEngine
from bench.linkproxy import LAN, LinkProfile, LinkProxy
from tests.conftest import TEST_KEY
from tests.serverkit import PASSWORDS, make_settings, seed
from tests.sync.faults import assert_converged, outbox_ids, random_work

SCHEDULES = int(os.environ.get("VERVAL_FAULT_SCHEDULES", "200"))
# A quick link: a little latency so cuts land mid-transfer, no bandwidth limit to keep the suite fast.
FAST = LinkProfile("fault-lan", down_kbps=None, up_kbps=None, rtt_ms=2, loss=0.0)


class Rig:
    def __init__(self, settings: Settings, tmp: Path) -> None:
        self.settings = settings
        self.tmp = tmp
        engine = open_database(settings)
        seed(engine, households=6, other_households=2)
        engine.dispose()
        self.server = ServerProcess(settings).start()
        self.proxy = LinkProxy(target=("127.0.0.1", self.server.port), profile=FAST, seed=7).start()
        self.engine: Engine = make_engine(settings.effective_database_url)
        self.store: Store | None = None
        self.generation = -1
        # One sign-in for the whole run (Argon2 is deliberately slow); tokens survive server restarts.
        with SyncClient(self.server.url) as client:
            self.token = client.login("pendamping", PASSWORDS["pendamping"]).token

    def store_for(self, schedule: int) -> Store:
        generation = schedule // 25
        if self.store is None or generation != self.generation:
            if self.store is not None:
                self.store.close()
            self.store = Store.open(self.tmp / f"officer-{generation}.db", TEST_KEY)
            self.generation = generation
        return self.store

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        self.proxy.close()
        self.server.stop()
        self.engine.dispose()


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    tmp = tmp_path_factory.mktemp("faults")
    rig = Rig(make_settings(tmp, f"sqlite:///{tmp / 'server.sqlite3'}"), tmp)
    yield rig
    rig.close()


def sync_until_done(rig: Rig, store: Store, client: SyncClient, attempts: int = 8) -> None:
    for _ in range(attempts):
        try:
            SyncEngine(store, client).sync()
            return
        except (SyncError, ServerError):
            if rig.server.process is None or rig.server.process.poll() is not None:
                rig.server.start()
    raise AssertionError("sync never completed after the faults stopped")


def run_schedule(rig: Rig, number: int) -> dict[str, int]:
    rng = random.Random(number)
    store = rig.store_for(number)
    faults = {"cuts": 0, "restarts": 0}
    with SyncClient(rig.proxy.url, timeout=(2, 10), token=rig.token) as client:
        if not store.household_ids():
            sync_until_done(rig, store, client)
        random_work(store, rng, rng.randint(1, 8))
        sent = outbox_ids(store)
        for _ in range(rng.randint(1, 3)):
            kind = rng.random()
            if kind < 0.4:
                rig.proxy.cut_after(up_bytes=rng.randint(0, 6000), which="every")
            elif kind < 0.8:
                # Includes "the server committed, the answer was lost".
                rig.proxy.cut_after(down_bytes=rng.randint(0, 12_000), which="every")
            else:
                rig.proxy.reset_next(1)
            rig.proxy.cut_all()  # the kept-alive connection must reconnect, through the fault
            restart = rng.random() < 0.06
            if restart:
                # Kill the server while the sync runs, at a random moment of it.
                import threading

                timer = threading.Timer(rng.uniform(0.0, 0.05), rig.server.kill)
                timer.start()
            try:
                SyncEngine(store, client).sync()
            except SyncError:
                faults["cuts"] += 1
            if restart:
                timer.join()
                faults["restarts"] += 1
                if rig.server.process is None:
                    rig.server.start()
            rig.proxy.clear_faults()
        sync_until_done(rig, store, client)
    assert_converged(store, rig.engine, sent)
    return faults


@pytest.mark.timeout(900)
def test_random_fault_schedules_lose_nothing_and_double_nothing(rig: Rig) -> None:
    totals = {"cuts": 0, "restarts": 0}
    for number in range(SCHEDULES):
        got = run_schedule(rig, number)
        for key in totals:
            totals[key] += got[key]
    # The schedules must actually have hurt: most faulty syncs failed and were resumed.
    assert totals["cuts"] >= SCHEDULES // 3, totals
    assert totals["restarts"] >= 1 or SCHEDULES < 50, totals


__all__ = ["LAN"]
