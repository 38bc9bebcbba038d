"""A pushed visit is re-checked on receipt with its own pack version; a forged verdict is flagged."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.models import Photo, Visit
from tests.server.test_api import login
from tests.server.test_push import fetch, mutation, push
from tests.server.test_review_recheck import publish, submitted_visit


def new_row_mutation(row: Visit | Photo) -> dict:
    return mutation(row, row.model_dump(mode="json", exclude=set(row.SERVER_FIELDS)), base={}, base_version=0)


def test_forged_verdict_is_flagged_at_push_and_an_honest_one_is_not(api: TestClient, engine: Engine) -> None:
    with Session(engine) as session:
        publish(session)
        honest = submitted_visit(session, income=0)
        forged = submitted_visit(session, income=9_000_000)
    # The laptop claims the verdict of the low income while its answers say 9 juta a month.
    forged.verdict = honest.verdict
    officer = login(api, "pendamping")
    a, b = push(api, officer, new_row_mutation(honest), new_row_mutation(forged))
    assert a["status"] == b["status"] == "applied"
    assert fetch(engine, Visit, honest.id).server_verdict_mismatch is False
    assert fetch(engine, Visit, forged.id).server_verdict_mismatch is True


def test_a_photo_arriving_later_rechecks_its_visit_and_bumps_its_version(
    api: TestClient, engine: Engine
) -> None:
    with Session(engine) as session:
        publish(session)
        visit = submitted_visit(session)
    other = "graduasi_wajib" if visit.verdict["overall"] != "graduasi_wajib" else "tetap_layak"
    visit.verdict = {**visit.verdict, "overall": other}
    officer = login(api, "pendamping")
    push(api, officer, new_row_mutation(visit))
    stored = fetch(engine, Visit, visit.id)
    assert stored.server_verdict_mismatch is True
    photo = Photo(village_code=visit.village_code, household_id=visit.household_id, visit_id=visit.id,
                  kind="rumah_depan", sha256="ab" * 32)  # fmt: skip
    with Session(engine) as session:
        session.get(Visit, visit.id).server_verdict_mismatch = False  # type: ignore[union-attr]
        session.commit()
    push(api, officer, new_row_mutation(photo))
    again = fetch(engine, Visit, visit.id)
    assert again.server_verdict_mismatch is True
    assert again.version > stored.version  # so the flag travels to the supervisor's next pull


def test_a_client_cannot_clear_the_mismatch_flag(api: TestClient, engine: Engine) -> None:
    with Session(engine) as session:
        publish(session)
        visit = submitted_visit(session)
    other = "graduasi_wajib" if visit.verdict["overall"] != "graduasi_wajib" else "tetap_layak"
    visit.verdict = {**visit.verdict, "overall": other}
    officer = login(api, "pendamping")
    push(api, officer, new_row_mutation(visit))
    stored = fetch(engine, Visit, visit.id)
    assert stored.server_verdict_mismatch is True
    [answer] = push(api, officer, mutation(stored, {"server_verdict_mismatch": False}))
    assert answer["status"] == "rejected" and "server" in answer["reason"]
    assert fetch(engine, Visit, visit.id).server_verdict_mismatch is True


def test_submitted_answers_cannot_be_rewritten(api: TestClient, engine: Engine) -> None:
    with Session(engine) as session:
        publish(session)
        visit = submitted_visit(session)
    officer = login(api, "pendamping")
    push(api, officer, new_row_mutation(visit))
    stored = fetch(engine, Visit, visit.id)
    changed = {**stored.answers, "conclusion": {**stored.answers.get("conclusion", {}), "notes": "diubah"}}
    [answer] = push(api, officer, mutation(stored, {"answers": changed}))
    assert answer["status"] == "rejected" and "koreksi" in answer["reason"]
    assert fetch(engine, Visit, visit.id).answers == stored.answers
