"""Server throughput on PostgreSQL: concurrent officers pushing batches of 10 mutations (DESIGN §10:
>= 200 batches/s, p99 <= 500 ms on 2 cores). uvicorn runs in a child process; the load comes from
threads on loopback, each officer on its own rows (edits of distinct households, so no conflicts),
for a bounded time. Needs the local PostgreSQL cluster (skipped with a note otherwise)."""

from __future__ import annotations

import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
from sqlmodel import Session

from app.core.models import Household, Role
from app.server import admin
from app.server.config import Settings
from app.server.db import open_database
from app.server.runner import ServerProcess
from app.sync.client import SyncClient
from app.sync.protocol import Mutation
from bench.common import Result, percentile

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
VILLAGE = "53.02.03.2002"
PASSWORD = "bench-password-1"


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
            households = _seed(settings, officers)
            with ServerProcess(settings, workers=2) as server:
                return _load(server.url, households, officers, seconds)
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


def _load(url: str, households: list[list[Household]], officers: int, seconds: float) -> list[Result]:
    with SyncClient(url) as client:
        token = client.login("officer", PASSWORD).token
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start_at = time.perf_counter() + 0.5
    stop_at = start_at + seconds

    def officer(group: list[Household]) -> None:
        mine: list[float] = []
        last = {h.id: h.address for h in group}
        n = 0
        with SyncClient(url, token=token, timeout=(5, 30)) as client:
            while time.perf_counter() < start_at:
                time.sleep(0.005)
            while time.perf_counter() < stop_at:
                batch = []
                for h in group:
                    value = f"Alamat {n}"
                    batch.append(
                        Mutation(
                            mutation_id=str(uuid.uuid4()),
                            entity="household",
                            entity_id=h.id,
                            village_code=VILLAGE,
                            op="upsert",
                            base_version=h.version,
                            patch={"address": value},
                            base={"address": last[h.id]},
                        )
                    )
                    last[h.id] = value
                n += 1
                began = time.perf_counter()
                try:
                    results = client.push(batch).results
                except Exception as exc:  # counted and reported, the load goes on
                    with lock:
                        errors.append(type(exc).__name__)
                    continue
                mine.append(time.perf_counter() - began)
                if any(r.status != "applied" for r in results):
                    with lock:
                        errors.append("not applied")
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=officer, args=(households[i],)) for i in range(officers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    throughput = len(latencies) / seconds
    return [
        Result(
            "server.pg.push_batches_per_s",
            throughput,
            "1/s",
            target=200,
            higher_is_better=True,
            note=f"{officers} officers x 10 mutations, {seconds:.0f} s, errors {len(errors)}",
        ),
        Result("server.pg.push_p50_ms", percentile(latencies, 50) * 1000, "ms"),
        Result("server.pg.push_p99_ms", percentile(latencies, 99) * 1000, "ms", target=500),
    ]
