"""Push: idempotency, field-level three-way merge, conflicts, scoping and bad requests (TestClient)."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from app.core.models import Household, Member
from app.server import admin, versions
from app.server.auth import utcnow
from app.server.models import Conflict, MutationLog, Tombstone
from tests.server.test_api import login, pull_all
from tests.serverkit import OTHER_VILLAGE, VILLAGE


def mutation(
    row: Any, patch: dict[str, Any], base: dict[str, Any] | None = None, **kw: Any
) -> dict[str, Any]:
    body = {
        "mutation_id": str(uuid.uuid4()),
        "entity": row.__tablename__,
        "entity_id": row.id,
        "village_code": row.village_code,
        "op": "upsert",
        "base_version": row.version,
        "patch": patch,
        "base": base if base is not None else {k: getattr(row, k, None) for k in patch},
    }
    body.update(kw)
    return body


def push(api: TestClient, headers: dict[str, str], *mutations: dict[str, Any]) -> list[dict[str, Any]]:
    response = api.post("/sync/v1/push", json={"mutations": list(mutations)}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["results"]


def first(engine: Engine, model: type, village: str = VILLAGE) -> Any:
    with Session(engine) as session:
        return session.exec(select(model).where(model.village_code == village).order_by(model.id)).first()


def fetch(engine: Engine, model: type, row_id: str) -> Any:
    with Session(engine) as session:
        return session.get(model, row_id)


def stored_state(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return (
            session.exec(select(func.count()).select_from(MutationLog)).one(),
            session.exec(select(func.count()).select_from(Conflict)).one(),
            versions.current(session),
        )


def test_applied_then_repeat_is_duplicate_with_the_stored_answer(api: TestClient, engine: Engine) -> None:
    headers = login(api, "pendamping")
    household = first(engine, Household)
    m = mutation(household, {"address": "Jalan Baru 1"})
    [answer] = push(api, headers, m)
    assert answer["status"] == "applied" and answer["version"] > household.version
    assert answer["previous_version"] == household.version
    [again] = push(api, headers, m)
    assert again["status"] == "duplicate" and again["original_status"] == "applied"
    assert again["version"] == answer["version"]
    assert fetch(engine, Household, household.id).version == answer["version"]
    # The same id with another body is refused and changes nothing.
    [other] = push(api, headers, {**m, "patch": {"address": "Lain"}, "base": {"address": "Jalan Baru 1"}})
    assert other["status"] == "rejected" and "sudah dipakai" in other["reason"]
    assert fetch(engine, Household, household.id).address == "Jalan Baru 1"
    # A repeat inside one batch is a duplicate too.
    m2 = mutation(fetch(engine, Household, household.id), {"rt": "009"})
    results = push(api, headers, m2, m2)
    assert [r["status"] for r in results] == ["applied", "duplicate"]


def test_untouched_fields_merge_and_the_same_field_conflicts(api: TestClient, engine: Engine) -> None:
    officer, supervisor = login(api, "pendamping"), login(api, "supervisor")
    household = first(engine, Household)  # both start from the same version
    [a] = push(api, officer, mutation(household, {"address": "Versi petugas", "rt": "007"}))
    assert a["status"] == "applied"
    [b] = push(api, supervisor, mutation(household, {"address": "Versi supervisor", "desil": 2}))
    assert b["status"] == "conflict"
    [conflict] = b["conflicts"]
    assert conflict["field"] == "address"
    assert (conflict["base"], conflict["mine"], conflict["theirs"]) == (
        household.address,
        "Versi supervisor",
        "Versi petugas",
    )
    now = fetch(engine, Household, household.id)
    assert now.address == "Versi petugas"  # the server value stays
    assert now.rt == "007" and now.desil == 2  # untouched fields merged silently
    assert b["version"] == now.version > a["version"]
    listed = api.get("/sync/v1/conflicts", headers=supervisor).json()
    assert [c["id"] for c in listed] == [conflict["id"]] and listed[0]["username"] == "supervisor"
    assert (
        api.get(
            "/sync/v1/conflicts", params={"village": VILLAGE}, headers=login(api, "pendamping2")
        ).status_code
        == 403
    )
    assert api.get("/sync/v1/conflicts", headers=login(api, "pendamping2")).json() == []
    # Resolving: a new mutation based on the server's current version, naming the conflict.
    [r] = push(api, supervisor, mutation(now, {"address": "Versi supervisor"}, resolves=[conflict["id"]]))
    assert r["status"] == "applied"
    assert fetch(engine, Household, household.id).address == "Versi supervisor"
    assert api.get("/sync/v1/conflicts", headers=supervisor).json() == []


def test_delete_versus_edit_is_a_conflict_both_ways(api: TestClient, engine: Engine) -> None:
    officer, other = login(api, "pendamping"), login(api, "supervisor")
    member = first(engine, Member)
    push(api, officer, mutation(member, {"name": "Nama Diperbaiki"}))
    [deleted] = push(api, other, mutation(member, {"deleted": True}, op="delete"))
    assert deleted["status"] == "conflict" and deleted["conflicts"][0]["field"] == "deleted"
    assert fetch(engine, Member, member.id).deleted is False
    fresh = fetch(engine, Member, member.id)
    [gone] = push(api, other, mutation(fresh, {"deleted": True}, op="delete"))
    assert gone["status"] == "applied" and fetch(engine, Member, member.id).deleted
    [edit] = push(api, officer, mutation(fresh, {"name": "Edit setelah hapus"}))
    assert edit["status"] == "conflict" and edit["conflicts"][0]["theirs"] is True
    assert fetch(engine, Member, member.id).name == "Nama Diperbaiki"


def test_members_added_by_two_officers_merge(api: TestClient, engine: Engine) -> None:
    household = first(engine, Household)
    before = len(pull_all(api, login(api, "supervisor"))[0])
    for user in ("pendamping", "supervisor"):
        new = Member(village_code=VILLAGE, household_id=household.id, name=f"Anak dari {user}")
        body = mutation(new, new.model_dump(mode="json", exclude={"version"}), base={})
        assert push(api, login(api, user), body)[0]["status"] == "applied"
    assert len(pull_all(api, login(api, "supervisor"))[0]) == before + 2


def test_pendamping_cannot_write_another_village(api: TestClient, engine: Engine) -> None:
    headers = login(api, "pendamping")
    theirs = first(engine, Household, OTHER_VILLAGE)
    before = stored_state(engine)
    # Openly: the other village's code.
    [a] = push(api, headers, mutation(theirs, {"address": "Diubah diam-diam"}))
    # By guessing: claiming our village for a row of theirs.
    [b] = push(api, headers, mutation(theirs, {"address": "Diubah diam-diam"}, village_code=VILLAGE))
    # Creating a row in their village.
    new = Household(village_code=OTHER_VILLAGE, head_name="Siluman")
    [c] = push(api, headers, mutation(new, new.model_dump(mode="json", exclude={"version"}), base={}))
    for answer in (a, b, c):
        assert answer["status"] == "rejected" and "tidak termasuk wilayah tugas" in answer["reason"]
    assert a["reason"] == b["reason"]  # a guessed id does not reveal that the row exists
    assert fetch(engine, Household, theirs.id).address == theirs.address
    assert fetch(engine, Household, new.id) is None
    # Moving one of our rows to their village.
    ours = first(engine, Household)
    [d] = push(api, headers, mutation(ours, {"village_code": OTHER_VILLAGE}))
    assert d["status"] == "rejected" and "Memindahkan" in d["reason"]
    assert fetch(engine, Household, ours.id).village_code == VILLAGE
    assert stored_state(engine)[2] == before[2]  # no change number was spent


def test_invalid_values_and_server_fields_are_rejected_with_a_reason(api: TestClient, engine: Engine) -> None:
    headers = login(api, "pendamping")
    household = first(engine, Household)
    [a] = push(api, headers, mutation(household, {"desil": 42}))
    [b] = push(api, headers, mutation(household, {"version": 999}))
    [c] = push(api, headers, mutation(household, {"warna_favorit": "biru"}))
    assert a["status"] == b["status"] == c["status"] == "rejected"
    assert "desil" in a["reason"] and "server" in b["reason"] and "warna_favorit" in c["reason"]
    assert fetch(engine, Household, household.id).desil == household.desil


def test_bad_requests_get_a_clear_4xx_and_store_nothing(api: TestClient, engine: Engine, settings) -> None:
    headers = login(api, "pendamping")
    household = first(engine, Household)
    before = stored_state(engine)
    good = mutation(household, {"address": "x"})
    cases = [
        (b"{not json", {}, 422),
        (json.dumps({"mutations": [{**good, "base_version": "tinggi"}]}).encode(), {}, 422),
        (json.dumps({"mutations": [{**good, "entity": "rahasia"}]}).encode(), {}, 422),
        (json.dumps({"mutations": [good], "extra": 1}).encode(), {}, 422),
        (json.dumps({"mutations": "semua"}).encode(), {}, 422),
        (b"x" * (settings.max_push_bytes + 10), {}, 413),
        (gzip.compress(b" " * (settings.max_push_bytes * 5)), {"Content-Encoding": "gzip"}, 413),
        (b"\x1f\x8b\x08garbage", {"Content-Encoding": "gzip"}, 400),
        (json.dumps({"mutations": [good]}).encode(), {"Content-Encoding": "br"}, 415),
        (json.dumps({"mutations": [good] * (settings.max_push_mutations + 1)}).encode(), {}, 413),
    ]
    for body, extra, status in cases:
        response = api.post(
            "/sync/v1/push", content=body, headers={**headers, "Content-Type": "application/json", **extra}
        )
        assert response.status_code == status, (body[:40], response.text)
        assert isinstance(response.json()["detail"], str) and response.json()["detail"]
    no_token = api.post("/sync/v1/push", json={"mutations": [good]})
    assert no_token.status_code == 401
    assert stored_state(engine) == before
    assert fetch(engine, Household, household.id).address == household.address
    # The server is still fine afterwards.
    assert push(api, headers, good)[0]["status"] == "applied"


def test_gzip_push_is_accepted(api: TestClient, engine: Engine) -> None:
    headers = login(api, "pendamping")
    body = gzip.compress(
        json.dumps({"mutations": [mutation(first(engine, Household), {"rw": "002"})]}).encode()
    )
    response = api.post(
        "/sync/v1/push",
        content=body,
        headers={**headers, "Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    assert response.status_code == 200 and response.json()["results"][0]["status"] == "applied"


def test_purged_tombstones_make_old_cursors_410(api: TestClient, engine: Engine) -> None:
    headers = login(api, "pendamping")
    _, old_cursor = pull_all(api, headers)
    member = first(engine, Member)
    assert push(api, headers, mutation(member, {"deleted": True}, op="delete"))[0]["status"] == "applied"
    _, fresh_cursor = pull_all(api, headers, cursor=old_cursor)
    with Session(engine) as session:
        # Not yet old enough: nothing purged.
        assert admin.purge_tombstones(session, retention_days=180) == 0
        assert admin.purge_tombstones(session, retention_days=180, now=utcnow() + timedelta(days=181)) == 1
        assert session.exec(select(func.count()).select_from(Tombstone)).one() == 0
    assert fetch(engine, Member, member.id) is None
    gone = api.get("/sync/v1/pull", params={"cursor": old_cursor}, headers=headers)
    assert gone.status_code == 410 and gone.json()["code"] == "cursor_expired"
    assert api.get("/sync/v1/pull", params={"cursor": fresh_cursor}, headers=headers).status_code == 200


def test_values_json_cannot_carry_still_apply(api: TestClient, engine: Engine) -> None:
    # PostgreSQL takes a batch's rows as one JSON document; a NaN has no JSON form, so such a batch
    # takes the generic path and is stored as before.
    headers = login(api, "pendamping")
    household = first(engine, Household)
    body = json.dumps({"mutations": [mutation(household, {"latitude": float("nan"), "rt": "009"})]})
    response = api.post(
        "/sync/v1/push", content=body, headers={**headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "applied"
    stored = fetch(engine, Household, household.id)
    # NaN on PostgreSQL; SQLite has no NaN and stores NULL (as it always did).
    assert stored.rt == "009" and (stored.latitude is None or stored.latitude != stored.latitude)


def test_a_revoked_token_is_refused_before_the_batch_is_read(api: TestClient, engine: Engine) -> None:
    # Push checks the token in the batch's own transaction; it must still come first.
    headers = login(api, "pendamping")
    household = first(engine, Household)
    assert api.post("/auth/logout", headers=headers).json() == {"revoked": True}
    for body in (json.dumps({"mutations": [mutation(household, {"address": "x"})]}).encode(), b"{bad"):
        response = api.post(
            "/sync/v1/push", content=body, headers={**headers, "Content-Type": "application/json"}
        )
        assert response.status_code == 401 and response.json()["code"] == "token_invalid"
    assert fetch(engine, Household, household.id).address == household.address
