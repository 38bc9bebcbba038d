"""Review on the server: the queue is scoped to the supervisor's area (API and pull), only a
supervisor of the area decides, and an officer's attempt is refused with a sentence."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from app.core.models import Household, Visit, VisitState
from app.server import admin
from tests.server.test_api import login, pull_all
from tests.server.test_push import fetch, first, push
from tests.serverkit import OTHER_VILLAGE, VILLAGE

OTHER_KECAMATAN = "53.02.04"


def visit_create(household: Household, **fields: Any) -> dict[str, Any]:
    visit = Visit(
        village_code=household.village_code,
        household_id=household.id,
        officer="pendamping",
        started_at=datetime(2026, 11, 2, 8, tzinfo=UTC),
        finished_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
        answers={"members": []},
        verdict={"overall": "tetap_layak", "flags": ["data_ganda"]},
        **{"state": VisitState.SUBMITTED, **fields},
    )
    return {
        "mutation_id": str(uuid.uuid4()),
        "entity": "visit",
        "entity_id": visit.id,
        "village_code": visit.village_code,
        "op": "upsert",
        "base_version": 0,
        "patch": visit.model_dump(mode="json", exclude=set(visit.SERVER_FIELDS)),
        "base": {},
    }


def change(engine: Engine, visit_id: str, patch: dict[str, Any]) -> dict[str, Any]:
    row = fetch(engine, Visit, visit_id)
    return {
        "mutation_id": str(uuid.uuid4()),
        "entity": "visit",
        "entity_id": row.id,
        "village_code": row.village_code,
        "op": "upsert",
        "base_version": row.version,
        "patch": patch,
        "base": {k: row.model_dump(mode="json").get(k) for k in patch},
    }


def decision(state: str, **extra: Any) -> dict[str, Any]:
    return {"state": state, "reviewer": "supervisor", "reviewed_at": "2026-11-03T10:00:00Z", **extra}


def second_supervisor(engine: Engine) -> None:
    with Session(engine) as session:
        admin.create_user(
            session, username="supervisor2", password="rahasia-supervisor2", role="supervisor",
            full_name="Supervisor Kecamatan Lain",
        )  # fmt: skip
        admin.assign(session, username="supervisor2", area_code=OTHER_KECAMATAN)


def test_queue_is_scoped_and_only_a_supervisor_decides(api: TestClient, engine: Engine) -> None:
    officer, officer2 = login(api, "pendamping"), login(api, "pendamping2")
    ours = visit_create(first(engine, Household, VILLAGE))
    theirs = visit_create(first(engine, Household, OTHER_VILLAGE))
    assert push(api, officer, ours)[0]["status"] == "applied"
    assert push(api, officer2, theirs)[0]["status"] == "applied"

    supervisor = login(api, "supervisor")
    page = api.get("/review/v1/submissions", headers=supervisor).json()
    assert {s["visit_id"] for s in page["submissions"]} == {ours["entity_id"], theirs["entity_id"]}
    assert page["submissions"][0]["flags"] == ["data_ganda"]
    only_ours = api.get("/review/v1/submissions", params={"village": VILLAGE}, headers=supervisor).json()
    assert [s["visit_id"] for s in only_ours["submissions"]] == [ours["entity_id"]]
    by_outcome = api.get("/review/v1/submissions", params={"outcome": "graduasi_wajib"}, headers=supervisor)
    assert by_outcome.json()["total"] == 0

    # Another kecamatan's supervisor sees none of it: not in the queue, not by id, not in a pull.
    second_supervisor(engine)
    response = api.post("/auth/login", json={"username": "supervisor2", "password": "rahasia-supervisor2"})
    other = {"Authorization": f"Bearer {response.json()['token']}"}
    assert api.get("/review/v1/submissions", headers=other).json() == {"total": 0, "submissions": []}
    assert api.get(f"/review/v1/visits/{ours['entity_id']}", headers=other).status_code == 404
    refused = api.get("/review/v1/submissions", params={"village": VILLAGE}, headers=other)
    assert refused.status_code == 403 and "wilayah tugas" in refused.json()["detail"]
    changes, _ = pull_all(api, other)
    assert not [c for c in changes if c["entity"] != "policy_pack"]
    [result] = push(api, other, change(engine, ours["entity_id"], decision("approved")))
    assert result["status"] == "rejected" and "wilayah tugas" in result["reason"]
    # An officer's view of the queue is refused; their pull only holds their own village.
    not_reviewer = api.get("/review/v1/submissions", headers=officer2)
    assert not_reviewer.status_code == 403 and "supervisor" in not_reviewer.json()["detail"]
    changes, _ = pull_all(api, officer2)
    assert {c["village_code"] for c in changes if c["entity"] == "visit"} == {OTHER_VILLAGE}

    # An officer cannot approve, not even their own visit, nor send one already approved.
    [result] = push(api, officer, change(engine, ours["entity_id"], decision("approved")))
    assert result["status"] == "rejected"
    assert "Hanya supervisor" in result["reason"]
    [result] = push(api, officer, change(engine, ours["entity_id"], {"review_comments": {"x": "y"}}))
    assert result["status"] == "rejected"
    [result] = push(api, officer, visit_create(first(engine, Household, VILLAGE), state="approved"))
    assert result["status"] == "rejected" and "Hanya supervisor" in result["reason"]
    assert fetch(engine, Visit, ours["entity_id"]).state == VisitState.SUBMITTED

    # The supervisor returns it with a comment on the income field.
    comments = {"members.0.monthly_income": "Penghasilan tidak sesuai slip gaji"}
    [result] = push(
        api, supervisor, change(engine, ours["entity_id"], decision("returned", review_comments=comments))
    )
    assert result["status"] == "applied", result
    returned = fetch(engine, Visit, ours["entity_id"])
    assert returned.state == VisitState.RETURNED and returned.review_comments == comments
    # A decided visit is not decided again.
    [result] = push(api, supervisor, change(engine, ours["entity_id"], decision("approved")))
    assert result["status"] == "rejected" and "sudah diperiksa" in result["reason"]
    # The officer's correction replaces it: that state change is theirs to make.
    [result] = push(api, officer, change(engine, ours["entity_id"], {"state": "replaced"}))
    assert result["status"] == "applied", result
    changes, _ = pull_all(api, officer)
    pulled = next(c for c in changes if c["id"] == ours["entity_id"])
    assert pulled["data"]["state"] == "replaced"
    assert pulled["data"]["review_comments"] == comments
    with Session(engine) as session:
        assert session.exec(select(Visit).where(Visit.state == VisitState.SUBMITTED)).all()
