"""Server throughput on PostgreSQL: concurrent officers pushing batches of 10 mutations (DESIGN §10:
>= 200 batches/s, p99 <= 500 ms on 2 cores). uvicorn runs in a child process; the load comes from
threads on loopback, each officer on its own rows (edits of distinct households, so no conflicts),
for a bounded time. Needs the local PostgreSQL cluster (skipped with a note otherwise).

The load generator shares the two cores with the server and PostgreSQL, so it is kept light: each
officer's batches are built and gzipped before the clock starts, exactly as `SyncClient.push` builds
them (same JSON, same gzip, same headers, the real bearer token), and sent over one keep-alive
`http.client` connection per officer; every answer is still read, decoded and checked (status 200,
one `applied` result per mutation, in order). Besides batches/s and latency it reports the CPU spent
per batch by the server processes, the PostgreSQL backends and the load generator, the figures that
do not depend on what else runs on the machine.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from sqlmodel import Session

from app.core.models import Household, Role
from app.server import admin
from app.server.config import Settings
from app.server.db import open_database
from app.server.runner import ServerProcess
from app.sync.client import SyncClient
from app.sync.protocol import SYNC_PREFIX, Mutation, PushRequest
from bench.common import Result, percentile

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
VILLAGE = "53.02.03.2002"
PASSWORD = "bench-password-1"
# Batches built per officer and second of load; more than a fast server can take (the generator
# builds further batches on the fly if an officer runs out, which would show in its CPU figure).
BATCHES_PER_SECOND = 40


def run(quick: bool) -> list[Result]:
    seconds = 5.0 if quick else 20.0
    officers = 8 if quick else 16
    name = f"verval_bench_{uuid.uuid4().hex[:10]}"
    try:
        admin_conn = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        return [
            Result("server.push_batches_per_s", float("nan"), "1/s", note=f"PostgreSQL unavailable: {exc}")
        ]
    with admin_conn:
        admin_conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
            settings = Settings(
                data_dir=Path(tmp), database_url=f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
            )
            households = _seed(settings, officers + 1)  # the last group warms the server up
            with ServerProcess(settings, workers=2) as server:
                return _load(server, name, households, officers, seconds)
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _seed(settings: Settings, officers: int) -> list[list[Household]]:
    engine = open_database(settings)
    rows = [
        [Household(village_code=VILLAGE, head_name=f"H{o}-{i}") for i in range(10)] for o in range(officers)
    ]
    with Session(engine) as session:
        admin.create_user(session, username="officer", password=PASSWORD, role=Role.PENDAMPING)
        admin.assign(session, username="officer", area_code=VILLAGE)
        admin.import_rows(session, [h for group in rows for h in group])
    engine.dispose()
    return rows


class _Officer:
    """One laptop's batches: edits of its own ten households, each batch based on the last."""

    def __init__(self, group: list[Household]) -> None:
        self.group = group
        self.last = {h.id: h.address for h in group}
        self.n = 0

    def next_batch(self) -> tuple[bytes, list[str]]:
        batch = []
        for h in self.group:
            value = f"Alamat {self.n}"
            batch.append(
                Mutation(
                    mutation_id=str(uuid.uuid4()),
                    entity="household",
                    entity_id=h.id,
                    village_code=VILLAGE,
                    op="upsert",
                    base_version=h.version,
                    patch={"address": value},
                    base={"address": self.last[h.id]},
                )
            )
            self.last[h.id] = value
        self.n += 1
        # Byte for byte what SyncClient.push sends.
        raw = PushRequest(mutations=batch).model_dump_json().encode()
        return gzip.compress(raw, compresslevel=6, mtime=0), [m.mutation_id for m in batch]


def _check(status: int, headers: http.client.HTTPMessage, body: bytes, sent: list[str]) -> str | None:
    """None when the answer applied every mutation of the batch, else what was wrong."""
    if status != 200:
        return f"HTTP {status}"
    if headers.get("Content-Encoding", "").lower() == "gzip":
        body = gzip.decompress(body)
    results = json.loads(body)["results"]
    if [r["mutation_id"] for r in results] != sent:
        return "answers do not match the batch"
    if any(r["status"] != "applied" for r in results):
        return "not applied"
    return None


def _cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _server_pids(server: ServerProcess) -> list[int]:
    assert server.process is not None
    root = server.process.pid
    children = subprocess.run(["pgrep", "-P", str(root)], capture_output=True, text=True).stdout.split()
    return [root, *(int(p) for p in children)]


def _backend_pids(database: str) -> list[int]:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        return [
            r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (database,))
        ]


def _load(
    server: ServerProcess, database: str, households: list[list[Household]], officers: int, seconds: float
) -> list[Result]:
    with SyncClient(server.url) as client:
        client.login("officer", PASSWORD)  # the client keeps the token: its headers carry it below
        headers = client._headers({"Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert headers["Authorization"].startswith("Bearer ")
    url = urlsplit(server.url)
    path = f"{SYNC_PREFIX}/push"
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    prepared = []
    for group in households[:officers]:
        officer = _Officer(group)
        prepared.append((officer, [officer.next_batch() for _ in range(int(seconds * BATCHES_PER_SECOND))]))
    # Warm up every worker's connection pool and caches (statement preparation) before measuring.
    warm = _Officer(households[-1])
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    for _ in range(40):
        body, sent = warm.next_batch()
        conn.request("POST", path, body=body, headers=headers)
        answer = conn.getresponse()
        problem = _check(answer.status, answer.headers, answer.read(), sent)
        assert problem is None, problem
    conn.close()
    start_at = time.perf_counter() + 0.5
    stop_at = start_at + seconds

    def officer_thread(officer: _Officer, batches: list[tuple[bytes, list[str]]]) -> None:
        mine: list[float] = []
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        pending = iter(batches)
        while time.perf_counter() < start_at:
            time.sleep(0.005)
        while time.perf_counter() < stop_at:
            body, sent = next(pending, None) or officer.next_batch()
            began = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                answer = conn.getresponse()
                problem = _check(answer.status, answer.headers, answer.read(), sent)
            except (OSError, http.client.HTTPException) as exc:  # counted and reported, the load goes on
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
                problem = type(exc).__name__
            if problem is not None:
                with lock:
                    errors.append(problem)
                continue
            mine.append(time.perf_counter() - began)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=officer_thread, args=prepared[i]) for i in range(officers)]
    server_pids, backend_pids = _server_pids(server), _backend_pids(database)
    for t in threads:
        t.start()
    while time.perf_counter() < start_at:
        time.sleep(0.001)
    cpu_server, cpu_pg, cpu_load = _cpu_seconds(server_pids), _cpu_seconds(backend_pids), time.process_time()
    for t in threads:
        t.join()
    # The backends of connections opened during the run count too.
    backend_pids = sorted(set(backend_pids) | set(_backend_pids(database)))
    cpu_server = _cpu_seconds(server_pids) - cpu_server
    cpu_pg = _cpu_seconds(backend_pids) - cpu_pg
    cpu_load = time.process_time() - cpu_load
    done = max(1, len(latencies))
    throughput = len(latencies) / seconds
    note = f"{officers} officers x 10 mutations, {seconds:.0f} s, errors {len(errors)}"
    if errors:
        note += f" (first: {errors[0]})"
    return [
        Result(
            "server.pg.push_batches_per_s", throughput, "1/s", target=200, higher_is_better=True, note=note
        ),
        Result("server.pg.push_p50_ms", percentile(latencies, 50) * 1000, "ms"),
        Result("server.pg.push_p99_ms", percentile(latencies, 99) * 1000, "ms", target=500),
        Result("server.pg.cpu_server_ms_per_batch", cpu_server / done * 1000, "ms", note="uvicorn processes"),
        Result("server.pg.cpu_postgres_ms_per_batch", cpu_pg / done * 1000, "ms", note="backends of the run"),
        Result("server.pg.cpu_loadgen_ms_per_batch", cpu_load / done * 1000, "ms", note="this process"),
    ]
