from __future__ import annotations

import socket

from app.server.runner import ServerThread
from app.sync.client import SyncClient
from app.sync.connectivity import Backoff, probe


def test_backoff_grows_with_jitter_is_capped_and_repeatable() -> None:
    a, b = Backoff(base=10, cap=300, seed=3), Backoff(base=10, cap=300, seed=3)
    delays = [a.next_delay() for _ in range(12)]
    assert delays == [b.next_delay() for _ in range(12)]
    assert all(5 <= d <= 300 for d in delays)
    assert max(delays[:2]) <= 20 and max(delays[6:]) > 40
    assert len(set(delays)) == len(delays)  # jitter
    a.reset()
    assert a.next_delay() <= 10


def test_probe_reports_reachable_offline_and_too_old(server: ServerThread) -> None:
    with SyncClient(server.url) as client:
        result = probe(client)
        assert result.reachable and result.meta is not None and result.meta.protocol_version == 1
    with SyncClient(server.url, client_version="0.0.1") as old:
        result = probe(old)
        assert result.reachable and "Perbarui" in result.too_old
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with SyncClient(f"http://127.0.0.1:{port}") as nowhere:
        result = probe(nowhere, timeout=(0.5, 0.5))
        assert not result.reachable and result.error
