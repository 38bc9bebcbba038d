"""The server re-checks a submitted visit with the laptop's pack version and flags a different verdict."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select
from sqlmodel import Session

from app.core.answers import MemberAnswer, VisitAnswers
from app.core.models import Household, Member, Photo, Visit, VisitState
from app.core.rules import default_pack, evaluate, facts_from_records
from app.core.rules.facts import member_answer_from_record
from app.server import admin
from app.server.demo_seed import PACK_DIR, pack_text
from app.server.review import recheck_batch, recheck_visit
from tests.serverkit import VILLAGE

REFERENCE = date(2026, 11, 10)


def submitted_visit(session: Session, *, income: int = 0) -> Visit:
    household = session.execute(select(Household).where(Household.village_code == VILLAGE)).scalars().first()
    assert household is not None
    members = list(session.execute(select(Member).where(Member.household_id == household.id)).scalars())
    people: list[MemberAnswer] = [member_answer_from_record(m) for m in members]
    people[0] = people[0].model_copy(update={"monthly_income": income, "occupation": "wiraswasta"})
    answers = VisitAnswers(members=people)
    pack = default_pack()
    verdict = evaluate(pack, facts_from_records(household, members, answers, REFERENCE))
    return Visit(village_code=VILLAGE, household_id=household.id, officer="pendamping",
                 answers=answers.model_dump(mode="json"), verdict=verdict.to_json(), pack_id=pack.id,
                 pack_version=pack.version, state=VisitState.SUBMITTED)  # fmt: skip


def publish(session: Session) -> None:
    pack = default_pack()
    admin.publish_policy_pack(session, pack_id=pack.id, version=pack.version, text=pack_text(PACK_DIR))


def test_same_pack_same_answers_agree_and_a_forged_verdict_is_flagged(engine: Engine) -> None:
    with Session(engine) as session:
        publish(session)
        visit = submitted_visit(session)
        assert recheck_visit(session, visit) is False and not visit.server_verdict_mismatch
        forged = visit.model_copy(update={"verdict": {**visit.verdict, "overall": "tetap_layak"}})
        if visit.verdict["overall"] == "tetap_layak":
            forged.verdict["overall"] = "graduasi_wajib"
        assert recheck_visit(session, forged) is True and forged.server_verdict_mismatch


def test_income_above_the_wage_changes_the_server_verdict(engine: Engine) -> None:
    with Session(engine) as session:
        publish(session)
        honest = submitted_visit(session, income=0)
        # The laptop's verdict says one thing, the answers (now with a high income) another.
        tampered = honest.model_copy(update={"answers": submitted_visit(session, income=9_000_000).answers})
        assert recheck_visit(session, tampered) is True


def test_nothing_to_compare_leaves_the_flag_alone(engine: Engine) -> None:
    with Session(engine) as session:
        visit = submitted_visit(session)
        assert recheck_visit(session, visit) is None  # pack version never published on this server
        publish(session)
        draft = visit.model_copy(update={"state": VisitState.DRAFT})
        assert recheck_visit(session, draft) is None


def test_batch_rechecks_visits_whose_photos_arrive_later(engine: Engine) -> None:
    with Session(engine) as session:
        publish(session)
        visit = submitted_visit(session)
        admin.import_rows(session, [visit])
        photo = Photo(
            village_code=VILLAGE, household_id=visit.household_id, visit_id=visit.id, kind="rumah_depan"
        )
        assert recheck_batch(session, [photo]) == {visit.id: False}
