"""Concurrent writers: a pull never skips a change that committed late, and concurrent pushes on one
row lose no update. Meaningful on PostgreSQL (real concurrency); run on SQLite too."""

from __future__ import annotations

import random
import threading
import time
import uuid

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from app.core.models import Household
from app.server import versions
from app.server.db import write_session
from tests.server.test_api import login
from tests.server.test_push import first, mutation
from tests.serverkit import VILLAGE


def test_pull_never_skips_a_change_committed_after_a_later_one(api: TestClient, engine: Engine) -> None:
    headers = login(api, "pendamping")
    written: set[str] = set()
    lock = threading.Lock()
    errors: list[BaseException] = []

    def writer(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for _ in range(15):
                row_id = str(uuid.uuid4())
                with write_session(engine) as session:
                    number = versions.allocate(session, 1)
                    # Hold the number a while before committing: with a plain sequence another
                    # writer's higher number would commit first and a pull would move past ours.
                    time.sleep(rng.uniform(0, 0.02))
                    session.add(
                        Household(id=row_id, village_code=VILLAGE, version=number, head_name=f"W{seed}")
                    )
                    session.commit()
                with lock:
                    written.add(row_id)
        except BaseException as exc:  # reported below; a thread must not die silently
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    cursor, seen = "", set()
    while any(t.is_alive() for t in threads):
        page = api.get("/sync/v1/pull", params={"cursor": cursor, "max_bytes": 2000}, headers=headers).json()
        seen |= {c["id"] for c in page["changes"]}
        cursor = page["next_cursor"]
    for t in threads:
        t.join()
    assert not errors
    while True:
        page = api.get("/sync/v1/pull", params={"cursor": cursor}, headers=headers).json()
        seen |= {c["id"] for c in page["changes"]}
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    # `seen` was read with a cursor that only moves forward: every row must have been seen once.
    assert written <= seen and len(written) == 60


def test_concurrent_pushes_on_one_row_lose_no_update(api: TestClient, engine: Engine, settings) -> None:
    from app.server.runner import ServerThread
    from app.sync.client import SyncClient
    from app.sync.protocol import Mutation
    from tests.serverkit import PASSWORDS

    household = first(engine, Household)
    statuses: list[str] = []
    errors: list[BaseException] = []

    with ServerThread(settings) as server:

        def officer(username: str, field: str) -> None:
            try:
                with SyncClient(server.url) as client:
                    client.login(username, PASSWORDS[username])
                    last = getattr(household, field)
                    for i in range(12):
                        value = f"{i:03d}"
                        body = mutation(household, {field: value}, base={field: last})
                        result = client.push([Mutation.model_validate(body)]).results[0]
                        statuses.append(result.status)
                        last = value
            except BaseException as exc:
                errors.append(exc)

        threads = [
            threading.Thread(target=officer, args=("pendamping", "rt")),
            threading.Thread(target=officer, args=("supervisor", "rw")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors
    assert statuses == ["applied"] * 24
    with Session(engine) as session:
        final = session.exec(select(Household).where(Household.id == household.id)).one()
    assert (final.rt, final.rw) == ("011", "011")


def test_a_batch_racing_its_own_resend_is_applied_once(settings) -> None:
    """A resend after a lost answer can reach the server while the first send is still running. The
    loser of the race hits the unique row and log keys, retries, and answers `duplicate` with the
    winner's versions; every copy answers, one row and one log entry per mutation are stored."""
    from sqlalchemy import func

    from app.core.models import Member
    from app.server.models import MutationLog
    from app.server.runner import ServerThread
    from app.sync.client import SyncClient
    from app.sync.protocol import Mutation
    from tests.serverkit import PASSWORDS, open_seeded

    engine = open_seeded(settings)
    household = first(engine, Household)
    copies = 4
    answers: list[list[tuple[str, str, int | None]]] = []
    errors: list[BaseException] = []
    with ServerThread(settings) as server:
        with SyncClient(server.url) as client:
            client.login("pendamping", PASSWORDS["pendamping"])
            token = client.token
        for attempt in range(3):
            members = [
                Member(village_code=VILLAGE, household_id=household.id, name=f"Anak {attempt}-{i}")
                for i in range(3)
            ]
            batch = [
                Mutation.model_validate(mutation(m, m.model_dump(mode="json", exclude={"version"}), base={}))
                for m in members
            ]
            barrier = threading.Barrier(copies)

            def send(batch: list[Mutation] = batch, barrier: threading.Barrier = barrier) -> None:
                try:
                    with SyncClient(server.url) as copy:
                        copy.token = token
                        barrier.wait(5)
                        results = copy.push(batch).results
                    answers.append([(r.mutation_id, r.status, r.version) for r in results])
                except BaseException as exc:
                    errors.append(exc)

            threads = [threading.Thread(target=send) for _ in range(copies)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert not errors
            round_answers = answers[-copies:]
            for i, m in enumerate(batch):
                statuses = sorted(a[i][1] for a in round_answers)
                assert statuses == ["applied"] + ["duplicate"] * (copies - 1), statuses
                assert len({a[i][2] for a in round_answers}) == 1, "every copy answers the stored version"
                assert all(a[i][0] == m.mutation_id for a in round_answers)
            with Session(engine) as session:
                for m in members:
                    assert session.get(Member, m.id) is not None
                ids = [m.mutation_id for m in batch]
                logged = session.exec(
                    select(func.count()).select_from(MutationLog).where(MutationLog.mutation_id.in_(ids))
                ).one()
                assert logged == len(batch)
    engine.dispose()
