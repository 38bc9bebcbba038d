"""SKTM serial blocks from the server: disjoint under concurrency, scoped to the sekdes's village."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.models import Role
from app.core.sktm import SktmBlock, SktmLedger
from app.server import admin
from app.server.sktm import reserve_block
from tests.serverkit import OTHER_VILLAGE, PASSWORDS, VILLAGE


def test_blocks_never_overlap_even_when_requested_at_once(engine: Engine) -> None:
    with ThreadPoolExecutor(max_workers=6) as pool:
        blocks = list(
            pool.map(lambda _: reserve_block(engine, village_code=VILLAGE, year=2026, count=5), range(24))
        )
    serials = [s for b in blocks for s in range(b.first, b.last + 1)]
    assert sorted(serials) == list(range(1, 24 * 5 + 1))
    # Years and villages count on their own.
    assert reserve_block(engine, village_code=VILLAGE, year=2027, count=3).first == 1
    assert reserve_block(engine, village_code=OTHER_VILLAGE, year=2026, count=3).first == 1


def test_two_laptops_with_server_blocks_print_distinct_numbers(engine: Engine) -> None:
    laptops = [SktmLedger(), SktmLedger()]
    printed = []
    for round_ in range(7):
        for ledger in laptops:
            if ledger.needs_block(VILLAGE, 2026, low_water=3):
                ledger.add(reserve_block(engine, village_code=VILLAGE, year=2026, count=4))
            for _ in range(round_ % 4):  # an uneven day at each office, offline
                if ledger.remaining(VILLAGE, 2026):
                    printed.append(ledger.take(VILLAGE, 2026))
    assert len(printed) == len(set(printed)) > 10


def test_endpoint_is_for_the_villages_sekdes(api: TestClient, engine: Engine) -> None:
    with Session(engine) as session:
        admin.create_user(session, username="sekdes", password="rahasia-sekdes", role=Role.SEKDES)
        admin.assign(session, username="sekdes", area_code=VILLAGE)

    def token(username: str, password: str) -> dict[str, str]:
        response = api.post("/auth/login", json={"username": username, "password": password})
        return {"Authorization": f"Bearer {response.json()['token']}"}

    sekdes = token("sekdes", "rahasia-sekdes")
    first = api.post(
        "/sktm/v1/blocks", json={"village_code": VILLAGE, "year": 2026, "count": 20}, headers=sekdes
    )
    assert first.status_code == 200, first.text
    assert SktmBlock.model_validate(first.json()) == SktmBlock(
        village_code=VILLAGE, year=2026, first=1, last=20
    )
    second = api.post("/sktm/v1/blocks", json={"village_code": VILLAGE, "year": 2026}, headers=sekdes)
    assert second.json()["first"] == 21
    other = api.post("/sktm/v1/blocks", json={"village_code": OTHER_VILLAGE, "year": 2026}, headers=sekdes)
    assert other.status_code == 403
    officer = token("pendamping", PASSWORDS["pendamping"])
    refused = api.post("/sktm/v1/blocks", json={"village_code": VILLAGE, "year": 2026}, headers=officer)
    assert refused.status_code == 403 and "sekretaris desa" in refused.json()["detail"]
    too_many = api.post(
        "/sktm/v1/blocks", json={"village_code": VILLAGE, "year": 2026, "count": 999}, headers=sekdes
    )
    assert too_many.status_code == 422
