"""The client killed with SIGKILL at random points of a sync, then restarted: nothing lost or doubled."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.server.runner import ServerThread
from app.store.store import Store
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine
from tests.conftest import TEST_KEY
from tests.serverkit import PASSWORDS, make_settings, seed
from tests.sync.faults import assert_converged, outbox_ids, random_work

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("run", range(5))
def test_sigkill_during_sync_loses_and_doubles_nothing(tmp_path: Path, run: int) -> None:
    rng = random.Random(1000 + run)
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}")
    with ServerThread(settings) as server:
        seed(server.engine, households=8, other_households=1)
        path = tmp_path / "officer.db"
        store = Store.open(path, TEST_KEY)
        with SyncClient(server.url) as client:
            client.login("pendamping", PASSWORDS["pendamping"])
            SyncEngine(store, client).sync()
            random_work(store, rng, 30)
            # Someone else's changes are waiting to be pulled too.
            other = Store.open(tmp_path / "other.db", TEST_KEY)
            SyncEngine(other, client).sync()
            random_work(other, rng, 30)
            SyncEngine(other, client).sync()
            other.close()
        sent = outbox_ids(store)
        store.close()
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.crash_child", str(path), server.url],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        store = Store.open(path, TEST_KEY)
        try:
            with SyncClient(server.url) as client:
                client.login("pendamping", PASSWORDS["pendamping"])
                SyncEngine(store, client).sync()
            # The other store edited some of the same fields: those are genuine conflicts (the server
            # value stays and the officer is told), still answered exactly once.
            assert_converged(store, server.engine, sent, frozenset({"applied", "conflict"}))
        finally:
            store.close()
