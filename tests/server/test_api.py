"""Auth, scoping, meta and pull over FastAPI's TestClient, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlmodel import Session, select

from app.server.auth import utcnow
from app.server.models import AuthToken
from app.sync.protocol import CLIENT_HEADER
from tests.serverkit import OTHER_VILLAGE, PASSWORDS, VILLAGE


def login(api: TestClient, username: str) -> dict[str, str]:
    response = api.post("/auth/login", json={"username": username, "password": PASSWORDS[username]})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def pull_all(
    api: TestClient, headers: dict[str, str], cursor: str = "", **params: object
) -> tuple[list[dict], str]:
    changes: list[dict] = []
    for _ in range(1000):
        page = api.get("/sync/v1/pull", params={"cursor": cursor, **params}, headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        changes += body["changes"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return changes, cursor
    raise AssertionError("pull never finished")


def test_login_returns_user_info_and_wrong_password_is_401(api: TestClient) -> None:
    response = api.post("/auth/login", json={"username": "pendamping", "password": PASSWORDS["pendamping"]})
    assert response.status_code == 200
    body = response.json()
    assert body["role"] == "pendamping" and body["full_name"] == "Maria Sanam"
    assert body["villages"] == [VILLAGE] and body["areas"] == [VILLAGE]
    assert len(body["token"]) >= 40
    wrong = api.post("/auth/login", json={"username": "pendamping", "password": "salah-sekali"})
    assert wrong.status_code == 401
    assert wrong.json()["detail"] == "Nama pengguna atau kata sandi salah."
    unknown = api.post("/auth/login", json={"username": "tidak-ada", "password": "salah-sekali"})
    assert unknown.status_code == 401 and unknown.json()["detail"] == wrong.json()["detail"]


def test_token_is_stored_only_as_a_hash(api: TestClient, engine: Engine) -> None:
    token = login(api, "pendamping")["Authorization"].split()[1]
    with Session(engine) as session:
        hashes = list(session.exec(select(AuthToken.token_hash)).all())
    assert token not in hashes and len(hashes) == 1 and len(hashes[0]) == 64


def test_failed_logins_are_limited_per_username(api: TestClient) -> None:
    for _ in range(3):
        assert (
            api.post("/auth/login", json={"username": "pendamping", "password": "salah-sekali"}).status_code
            == 401
        )
    # Even the right password is refused now, with a message saying when to retry.
    blocked = api.post("/auth/login", json={"username": "pendamping", "password": PASSWORDS["pendamping"]})
    assert blocked.status_code == 429
    assert "Coba lagi" in blocked.json()["detail"] and int(blocked.headers["Retry-After"]) > 0
    # Another username is not affected.
    assert (
        api.post(
            "/auth/login", json={"username": "pendamping2", "password": PASSWORDS["pendamping2"]}
        ).status_code
        == 200
    )


def test_missing_expired_and_revoked_tokens_are_401(api: TestClient, engine: Engine) -> None:
    assert api.get("/sync/v1/pull").status_code == 401
    assert api.get("/sync/v1/pull", headers={"Authorization": "Bearer bukan-token"}).status_code == 401
    headers = login(api, "pendamping")
    assert api.get("/sync/v1/pull", headers=headers).status_code == 200
    with Session(engine) as session:
        session.execute(update(AuthToken).values(expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
    expired = api.get("/sync/v1/pull", headers=headers)
    assert expired.status_code == 401 and "masuk lagi" in expired.json()["detail"]
    headers = login(api, "pendamping")
    assert api.post("/auth/logout", headers=headers).json() == {"revoked": True}
    assert api.get("/sync/v1/pull", headers=headers).status_code == 401


def test_meta_reports_versions_and_refuses_old_clients_with_426(api: TestClient) -> None:
    meta = api.get("/sync/v1/meta", headers={CLIENT_HEADER: "0.1.0"})
    assert meta.status_code == 200
    body = meta.json()
    assert body["protocol_version"] == 1 and body["min_client_version"] == "0.1.0"
    old = api.get("/sync/v1/meta", headers={CLIENT_HEADER: "0.0.9"})
    assert old.status_code == 426
    assert "Perbarui ke versi 0.1.0" in old.json()["detail"]
    assert (
        api.post(
            "/auth/login", json={"username": "x", "password": "y"}, headers={CLIENT_HEADER: "0.0.1"}
        ).status_code
        == 426
    )


def test_pendamping_pulls_only_the_assigned_village(api: TestClient) -> None:
    headers = login(api, "pendamping")
    changes, _ = pull_all(api, headers)
    assert changes and {c["village_code"] for c in changes} == {VILLAGE}
    assert {c["entity"] for c in changes} == {"household", "member"}
    forbidden = api.get("/sync/v1/pull", params={"village": OTHER_VILLAGE}, headers=headers)
    assert forbidden.status_code == 403 and OTHER_VILLAGE in forbidden.json()["detail"]
    # Guessing: a kecamatan prefix or a made-up code are no better.
    assert api.get("/sync/v1/pull", params={"village": "53.02.03"}, headers=headers).status_code == 403
    assert api.get("/sync/v1/pull", params={"village": "53.02.03.9999"}, headers=headers).status_code == 403


def test_supervisor_pulls_the_area_and_can_narrow_to_a_village(api: TestClient) -> None:
    headers = login(api, "supervisor")
    changes, _ = pull_all(api, headers)
    assert {c["village_code"] for c in changes} == {VILLAGE, OTHER_VILLAGE}
    narrowed, _ = pull_all(api, headers, village=OTHER_VILLAGE)
    assert {c["village_code"] for c in narrowed} == {OTHER_VILLAGE}
    assert api.get("/sync/v1/pull", params={"village": "53.02.04.2001"}, headers=headers).status_code == 403


def test_pull_pages_resume_from_the_cursor(api: TestClient) -> None:
    headers = login(api, "pendamping")
    everything, _ = pull_all(api, headers)
    first = api.get("/sync/v1/pull", params={"max_bytes": 1000}, headers=headers).json()
    assert first["has_more"] and 1 <= len(first["changes"]) < len(everything)
    rest, last_cursor = pull_all(api, headers, cursor=first["next_cursor"], max_bytes=1500)
    pulled = first["changes"] + rest
    assert [c["id"] for c in pulled] == [c["id"] for c in everything]
    versions = [c["version"] for c in pulled]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    # Nothing new after the last cursor.
    tail = api.get("/sync/v1/pull", params={"cursor": last_cursor}, headers=headers).json()
    assert tail == {"changes": [], "next_cursor": last_cursor, "has_more": False}


def test_bad_cursor_is_400_and_a_cursor_of_another_scope_is_410(api: TestClient) -> None:
    headers = login(api, "supervisor")
    assert api.get("/sync/v1/pull", params={"cursor": "abc"}, headers=headers).status_code == 400
    _, cursor = pull_all(api, headers)
    narrowed = api.get("/sync/v1/pull", params={"cursor": cursor, "village": VILLAGE}, headers=headers)
    assert narrowed.status_code == 410 and narrowed.json()["code"] == "scope_changed"


def test_policy_packs_travel_through_pull_to_everyone(api: TestClient, engine: Engine) -> None:
    from app.server.admin import publish_policy_pack

    with Session(engine) as session:
        publish_policy_pack(session, pack_id="verval", version="2026.1", text="[pack]\nid = 'verval'\n")
    for user in ("pendamping", "pendamping2", "supervisor"):
        changes, _ = pull_all(api, login(api, user))
        packs = [c for c in changes if c["entity"] == "policy_pack"]
        assert [p["data"]["version"] for p in packs] == ["2026.1"]
        assert packs[0]["data"]["text"].startswith("[pack]")
    meta = api.get("/sync/v1/meta").json()
    assert meta["policy_pack"] == {"pack_id": "verval", "version": "2026.1"}
