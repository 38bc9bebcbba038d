"""Child process of the crash test: sync a store in small steps until killed (SIGKILL by the parent)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.store.store import Store
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine
from tests.conftest import TEST_KEY
from tests.serverkit import PASSWORDS


def main(store_path: str, url: str) -> int:
    store = Store.open(Path(store_path), TEST_KEY)
    with SyncClient(url) as client:
        client.login("pendamping", PASSWORDS["pendamping"])
        engine = SyncEngine(store, client)
        # Many small local transactions, so a kill lands between or inside them.
        engine.push_max_count = 2
        engine.pull_max_bytes = 1500
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        while True:
            engine.sync()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
