"""Photo uploads under faults, over a real uvicorn server and the link-shaping proxy (issue #7).

- Seeded schedules (100 in CI, `VERVAL_FAULT_SCHEDULES=N` for more): a few blobs of 20–200 KB, cut at
  random byte offsets of the upload stream (every open connection reset), with random chunk sizes and
  parallelism. One server serves every schedule; each schedule has its own store, vault and blobs.
- The server SIGKILLed mid-upload and started again on the same data and port.
- The app SIGKILLed mid-upload (a child process) and run again.

After each: every blob is on the server byte-identical (hash checked), no blob was uploaded twice,
and the bytes re-sent are at most one chunk per connection cut.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.server.db import open_database
from app.server.runner import ServerProcess, ServerThread
from app.store import blob_uploads
from app.sync.uploads import PhotoUploader, UploadReport
from bench.linkproxy import LinkProfile, LinkProxy
from tests.serverkit import VILLAGE, seed
from tests.sync.photo_kit import (
    LinkDropper,
    Officer,
    blob_bytes,
    open_officer,
    photo_settings,
    server_blobs,
    sha,
)

SCHEDULES = int(os.environ.get("VERVAL_FAULT_SCHEDULES", "100"))
# Fast enough for 100 schedules in about a minute, slow enough that cuts land mid-PATCH.
FAST = LinkProfile("fast-faults", down_kbps=80_000, up_kbps=40_000, rtt_ms=6)
CHUNKS = (16_384, 32_768, 65_536)


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerThread]:
    folder = tmp_path_factory.mktemp("fault-server")
    with ServerThread(photo_settings(folder)) as server:
        seed(server.engine, households=1, other_households=1)
        yield server


@pytest.fixture(scope="module")
def token(shared_server: ServerThread, tmp_path_factory: pytest.TempPathFactory) -> str:
    officer = open_officer(tmp_path_factory.mktemp("login"), shared_server.url)
    try:
        assert officer.client.token
        return officer.client.token
    finally:
        officer.close()


def _officer(folder: Path, url: str, token: str) -> Officer:
    officer = open_officer(folder, url, login=False)
    officer.client.token = token
    officer.store.set_state("token", token)
    return officer


def _queue(officer: Officer, rng: random.Random, count: int) -> dict[str, bytes]:
    blobs: dict[str, bytes] = {}
    for _ in range(count):
        data = blob_bytes(rng)
        digest = officer.vault.put(data)
        blobs[digest] = data
        blob_uploads.queue_blob(officer.store, sha256=digest, size=len(data), village_code=VILLAGE)
    return blobs


class _Cutter:
    """Resets every open connection each time the upload stream passes one of `offsets` (bytes up)."""

    def __init__(self, proxy: LinkProxy, offsets: list[int], rng: random.Random) -> None:
        self.proxy = proxy
        self.offsets = sorted(offsets)
        self.rng = rng
        self.cut_connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _Cutter:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        for offset in self.offsets:
            while self.proxy.bytes_up < offset:
                if self._stop.wait(0.0003):
                    return
            self.cut_connections += max(1, self.proxy.active_connections)
            if self.rng.random() < 0.3:
                # The radio drops for a moment: reset, refuse new connections, come back.
                self.proxy.set_down(True, cut_existing=True)
                time.sleep(self.rng.uniform(0.005, 0.04))
                self.proxy.set_down(False)
            else:
                self.proxy.cut_all()


def _upload_all(officer: Officer, **options: object) -> list[UploadReport]:
    reports = []
    for _ in range(6):
        report = PhotoUploader(officer.client, officer.store, officer.vault, **options).run()  # type: ignore[arg-type]
        reports.append(report)
        if not blob_uploads.pending_uploads(officer.store):
            return reports
    raise AssertionError(f"uploads did not finish: {reports[-1]}")


def _check_on_server(server_settings: object, blobs: dict[str, bytes]) -> None:
    store = server_blobs(server_settings)  # type: ignore[arg-type]
    for digest, data in blobs.items():
        held = store.read(digest)
        assert sha(held) == digest and held == data


@pytest.mark.parametrize("schedule", range(SCHEDULES))
def test_uploads_survive_cuts_at_random_offsets(
    schedule: int, shared_server: ServerThread, token: str, tmp_path: Path
) -> None:
    rng = random.Random(f"cuts/{schedule}")
    chunk = rng.choice(CHUNKS)
    parallel = rng.choice((1, 1, 2, 3))
    with LinkProxy(("127.0.0.1", shared_server.port), FAST, seed=schedule) as proxy:
        officer = _officer(tmp_path, proxy.url, token)
        try:
            blobs = _queue(officer, rng, rng.randint(1, 4))
            total = sum(len(d) for d in blobs.values())
            offsets = [rng.randint(1, total) for _ in range(rng.randint(1, 3))]
            with _Cutter(proxy, offsets, rng) as cutter:
                reports = _upload_all(
                    officer,
                    chunk_size=chunk,
                    parallel=parallel,
                    backoff_base=0.002,
                    max_failures=30,
                    seed=schedule,
                )
            _check_on_server(shared_server.settings, blobs)
            uploaded = [s for r in reports for s in r.uploaded + r.already_on_server]
            assert sorted(uploaded) == sorted(blobs), "each blob confirmed exactly once"
            sent = sum(r.bytes_sent for r in reports)
            # Each cut costs at most the chunk in flight on each connection it reset. Counted from
            # what the proxy aborted, not sampled before the cut: a stream may connect in between.
            reset = sum(1 for s in proxy.connection_stats() if s.ended_by == "cut")
            assert sent - total <= reset * chunk, (sent, total, reset, cutter.cut_connections)
            for row in blob_uploads.upload_journal(officer.store):
                assert row.state == "done" and row.bytes_confirmed == row.size
        finally:
            officer.close()


@pytest.mark.parametrize("schedule", range(3))
def test_uploads_survive_a_server_killed_mid_upload(schedule: int, tmp_path: Path) -> None:
    rng = random.Random(f"server-kill/{schedule}")
    settings = photo_settings(tmp_path / "server")
    engine = open_database(settings)
    seed(engine, households=1, other_households=1)
    engine.dispose()
    server = ServerProcess(settings).start()
    try:
        with LinkProxy(("127.0.0.1", server.port), FAST, seed=schedule) as proxy:
            officer = open_officer(tmp_path / "officer", proxy.url)
            try:
                blobs = _queue(officer, rng, 3)
                total = sum(len(d) for d in blobs.values())
                chunk = 16_384
                with LinkDropper(
                    proxy, up_bytes=rng.randint(total // 5, total * 4 // 5), action=server.restart
                ):
                    reports = _upload_all(
                        officer,
                        chunk_size=chunk,
                        parallel=rng.choice((1, 2)),
                        backoff_base=0.05,
                        max_failures=40,
                        seed=schedule,
                    )
                _check_on_server(settings, blobs)
                uploaded = [s for r in reports for s in r.uploaded + r.already_on_server]
                assert sorted(uploaded) == sorted(blobs)
                sent = sum(r.bytes_sent for r in reports)
                assert sent - total <= 2 * chunk, (sent, total)
            finally:
                officer.close()
    finally:
        server.stop()


_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tests.sync.photo_kit import open_officer
    from app.sync.uploads import PhotoUploader

    officer = open_officer(Path(sys.argv[1]), sys.argv[2], login=False)
    officer.client.token = officer.store.get_state("token")
    PhotoUploader(officer.client, officer.store, officer.vault, chunk_size=16384, parallel=1).run()
    print("finished", flush=True)
    """
)


@pytest.mark.parametrize("schedule", range(3))
def test_uploads_resume_after_the_app_is_killed(
    schedule: int, shared_server: ServerThread, token: str, tmp_path: Path
) -> None:
    rng = random.Random(f"app-kill/{schedule}")
    slow = LinkProfile("slow-kill", down_kbps=8_000, up_kbps=4_000, rtt_ms=10)  # 500 kB/s: time to kill
    with LinkProxy(("127.0.0.1", shared_server.port), slow, seed=schedule) as proxy:
        officer = _officer(tmp_path, proxy.url, token)
        blobs = _queue(officer, rng, 3)
        total = sum(len(d) for d in blobs.values())
        officer.close()
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(tmp_path), proxy.url],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            with LinkDropper(
                proxy, up_bytes=rng.randint(total // 4, total * 3 // 4), action=child.kill
            ) as dropper:
                child.wait(60)
                assert dropper.fired.is_set(), "the child finished before it could be killed"
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(10)
            assert child.stdout is not None and child.stderr is not None
            child.stdout.close()
            child.stderr.close()
        officer = _officer(tmp_path, proxy.url, token)
        try:
            before = {u.sha256: u for u in blob_uploads.pending_uploads(officer.store)}
            assert any(u.upload_url for u in before.values()), "the upload URL was kept in the store"
            remaining = sum(u.size - u.offset for u in before.values())
            reports = _upload_all(officer, chunk_size=16_384, parallel=1, backoff_base=0.002)
            _check_on_server(shared_server.settings, blobs)
            sent = sum(r.bytes_sent for r in reports)
            # Only what the server lacked went again: nothing before the journal's offsets.
            assert sent <= remaining
            assert reports[0].resumed, "an interrupted upload was resumed at the server's offset"
        finally:
            officer.close()
