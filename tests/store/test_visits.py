"""Store-side visits: drafts without outbox, position kept, submission validated and atomic, corrections."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import Session, select

from app.core.answers import Vehicle, VisitAnswers
from app.core.identity import make_nik
from app.core.models import Household, Member, Occupation, Photo, PhotoKind, Relation, SchoolLevel, Sex, Visit
from app.core.photos import process_photo
from app.core.rules import default_pack
from app.store import visits
from app.store.errors import ValidationError
from app.store.store import Store
from app.store.tables import OutboxEntry
from app.store.vault import PhotoVault
from tests.conftest import TEST_KEY
from tests.fixtures.photos import phone_jpeg, small_jpeg

VILLAGE = "53.02.03.2002"
TODAY = date.today()


def years_ago(n: int) -> date:
    return TODAY - timedelta(days=round(n * 365.25) + 40)


def seed_motorbike_family(store: Store, head_name: str = "Yohanes Tefa", serial: int = 1) -> Household:
    """A desil-3 PKH/BPNT family (farmer, housewife, a pupil in SMP), as in the GRAD-KENDARAAN scenario."""
    since = years_ago(2).isoformat()
    household = Household(
        village_code=VILLAGE,
        kk_number=f"530203150120{serial:04d}",
        head_name=head_name,
        address="Jl. Eonbesi",
        rt="001",
        rw="002",
        desil=3,
        programmes=[
            {"programme": "PKH", "start_date": since, "status": "aktif"},
            {"programme": "BPNT", "start_date": since, "status": "aktif"},
        ],
    )
    store.save(household)
    people = [
        (head_name, Sex.MALE, years_ago(36), Relation.HEAD, Occupation.FARMER, 1_500_000, SchoolLevel.NONE),
        ("Maria Tefa", Sex.FEMALE, years_ago(33), Relation.SPOUSE, Occupation.HOUSEWIFE, 0, SchoolLevel.NONE),
        ("Yuliana Tefa", Sex.FEMALE, years_ago(12), Relation.CHILD, Occupation.PUPIL, 0, SchoolLevel.SMP),
    ]
    for i, (name, sex, born, relation, occupation, income, school) in enumerate(people):
        store.save(
            Member(
                village_code=VILLAGE,
                household_id=household.id,
                nik=make_nik("530203", born, sex, serial * 10 + i + 1),
                name=name,
                sex=sex,
                birth_date=born,
                relation=relation,
                occupation=occupation,
                monthly_income=income,
                school_level=school,
            )
        )
    return household


def outbox(store: Store) -> list[OutboxEntry]:
    with Session(store.engine) as session:
        return list(session.exec(select(OutboxEntry).order_by(OutboxEntry.seq)))


@pytest.fixture
def vault(tmp_path: Path) -> PhotoVault:
    return PhotoVault(tmp_path / "photos", TEST_KEY)


def attach(store: Store, vault: PhotoVault, visit_id: str, kind: PhotoKind, seed: int = 0) -> Photo:
    raw = small_jpeg(seed=seed)
    return visits.attach_photo(
        store,
        vault,
        visit_id=visit_id,
        processed=process_photo(raw),
        original=raw,
        kind=kind,
        taken_by="tester",
    )


def test_new_visit_is_a_local_draft_prefilled_from_the_registry(store: Store) -> None:
    household = seed_motorbike_family(store)
    before = len(outbox(store))
    visit = visits.start_visit(store, household_id=household.id, officer="pendamping")
    assert visit.state == "draft"
    answers = VisitAnswers.model_validate(visit.answers)
    assert [m.name for m in answers.members][0] == "Yohanes Tefa"
    assert len(answers.members) == 3
    assert len(outbox(store)) == before  # drafts never reach the outbox
    # Opening again continues the same draft instead of making a second one.
    assert visits.start_visit(store, household_id=household.id, officer="pendamping").id == visit.id


def test_draft_save_keeps_answers_and_position_without_outbox(store: Store) -> None:
    household = seed_motorbike_family(store)
    visit = visits.start_visit(store, household_id=household.id, officer="pendamping")
    answers = VisitAnswers.model_validate(visit.answers)
    answers.assets.vehicles = [Vehicle(kind="motor", estimated_value=35_000_000)]
    before = len(outbox(store))
    visits.save_draft(
        store, visit_id=visit.id, answers=answers.model_dump(mode="json"), position=visits.FormPosition(2, 1)
    )
    loaded = visits.load_visit(store, visit.id)
    assert loaded.answers.assets.vehicles[0].estimated_value == 35_000_000
    assert loaded.position == visits.FormPosition(section=2, member=1)
    assert len(outbox(store)) == before


def test_invalid_draft_answers_are_refused_and_the_draft_kept(store: Store) -> None:
    household = seed_motorbike_family(store)
    visit = visits.start_visit(store, household_id=household.id, officer="pendamping")
    bad = VisitAnswers.model_validate(visit.answers).model_dump(mode="json")
    bad["members"][0]["monthly_income"] = -5
    with pytest.raises(ValidationError) as raised:
        visits.save_draft(store, visit_id=visit.id, answers=bad)
    assert "Isian tidak sah" in raised.value.message
    stored = visits.load_visit(store, visit.id).answers
    assert stored.members[0].monthly_income == 1_500_000


def test_submission_says_what_is_missing_and_writes_nothing(store: Store, vault: PhotoVault) -> None:
    household = seed_motorbike_family(store)
    visit = visits.start_visit(store, household_id=household.id, officer="pendamping")
    attach(store, vault, visit.id, PhotoKind.HOUSE_FRONT)
    answers = VisitAnswers.model_validate(visit.answers)
    answers.members[1].nik = "53020312345"  # 11 digits
    answers.members[2].birth_date = TODAY + timedelta(days=30)
    before = len(outbox(store))
    with pytest.raises(ValidationError) as raised:
        visits.submit_visit(
            store, visit_id=visit.id, answers=answers.model_dump(mode="json"), pack=default_pack()
        )
    message = raised.value.message
    assert "Foto rumah bagian dalam belum ada" in message
    assert "Maria Tefa: NIK harus 16 digit (tertulis 11 digit)" in message
    assert "Yuliana Tefa: tanggal lahir" in message and "masa depan" in message
    assert len(outbox(store)) == before
    assert store.get(Visit, visit.id).state == "draft"  # type: ignore[union-attr]


def test_submit_sends_visit_and_photos_with_verdict_then_it_is_immutable(
    store: Store, vault: PhotoVault
) -> None:
    household = seed_motorbike_family(store)
    visit = visits.start_visit(store, household_id=household.id, officer="pendamping")
    front = attach(store, vault, visit.id, PhotoKind.HOUSE_FRONT, seed=1)
    inside = attach(store, vault, visit.id, PhotoKind.HOUSE_INSIDE, seed=2)
    answers = VisitAnswers.model_validate(visit.answers)
    answers.assets.vehicles = [Vehicle(kind="motor", estimated_value=35_000_000)]
    before = len(outbox(store))
    submitted = visits.submit_visit(
        store, visit_id=visit.id, answers=answers.model_dump(mode="json"), pack=default_pack()
    )
    assert submitted.state == "submitted"
    assert submitted.pack_id and submitted.pack_version
    assert submitted.verdict["overall"] == "graduasi_wajib"
    assert "GRAD-KENDARAAN" in [r["rule_id"] for r in submitted.verdict["fired"]]
    entries = outbox(store)[before:]
    assert [e.entity for e in entries] == ["photo", "photo", "visit"]
    assert {e.entity_id for e in entries} == {front.id, inside.id, visit.id}
    assert entries[-1].patch["state"] == "submitted"
    assert vault.get(front.sha256) and vault.has_original(front.id)
    # Immutable: neither a draft save nor a second submission may change it.
    with pytest.raises(ValidationError):
        visits.save_draft(store, visit_id=visit.id, answers=answers.model_dump(mode="json"))
    with pytest.raises(ValidationError):
        visits.remove_photo(store, photo_id=front.id)


def test_correction_is_a_new_visit_that_replaces_the_submitted_one(store: Store, vault: PhotoVault) -> None:
    household = seed_motorbike_family(store)
    visit = visits.start_visit(store, household_id=household.id, officer="pendamping")
    attach(store, vault, visit.id, PhotoKind.HOUSE_FRONT, seed=1)
    attach(store, vault, visit.id, PhotoKind.HOUSE_INSIDE, seed=2)
    submitted = visits.submit_visit(store, visit_id=visit.id, answers=visit.answers, pack=default_pack())
    correction = visits.start_correction(store, visit_id=submitted.id, officer="pendamping")
    assert correction.id != submitted.id and correction.replaces_id == submitted.id
    assert correction.state == "draft"
    assert {p.kind for p in visits.photos_of(store, correction.id)} == {"rumah_depan", "rumah_dalam"}
    # Only one open draft per household.
    with pytest.raises(ValidationError):
        visits.start_correction(store, visit_id=submitted.id, officer="pendamping")
    visits.submit_visit(store, visit_id=correction.id, answers=correction.answers, pack=default_pack())
    original = store.get(Visit, submitted.id)
    assert original is not None and original.answers == submitted.answers  # untouched


def test_removing_a_draft_photo_leaves_no_tombstone(store: Store, vault: PhotoVault) -> None:
    household = seed_motorbike_family(store)
    visit = visits.start_visit(store, household_id=household.id, officer="pendamping")
    photo = attach(store, vault, visit.id, PhotoKind.KITCHEN)
    before = len(outbox(store))
    visits.remove_photo(store, photo_id=photo.id)
    assert visits.photos_of(store, visit.id) == []
    assert len(outbox(store)) == before


def test_same_house_photo_on_another_family_is_found(store: Store, vault: PhotoVault) -> None:
    one = seed_motorbike_family(store, "Yohanes Tefa", serial=1)
    two = seed_motorbike_family(store, "Markus Nope", serial=2)
    first = visits.start_visit(store, household_id=one.id, officer="pendamping")
    photo = attach(store, vault, first.id, PhotoKind.HOUSE_FRONT, seed=7)
    # The same picture, re-encoded smaller, as if forwarded over WhatsApp.
    forwarded = Image.open(io.BytesIO(small_jpeg(seed=7))).resize((640, 480))
    again = process_photo(phone_jpeg(image=forwarded, quality=70))
    found = visits.similar_photos(store, phash=again.phash, household_id=two.id)
    assert [s.photo_id for s in found] == [photo.id]
    assert found[0].head_name == "Yohanes Tefa"
    # Not a warning against the family's own photos, and a different house is not similar.
    assert visits.similar_photos(store, phash=again.phash, household_id=one.id) == []
    other = process_photo(small_jpeg(seed=8))
    assert visits.similar_photos(store, phash=other.phash, household_id=two.id) == []


def test_discarding_a_draft_removes_it_and_its_photo_records(store: Store, vault: PhotoVault) -> None:
    household = seed_motorbike_family(store)
    visit = visits.start_visit(store, household_id=household.id, officer="pendamping")
    attach(store, vault, visit.id, PhotoKind.KITCHEN)
    visits.discard_draft(store, visit_id=visit.id)
    assert visits.draft_of(store, household.id) is None
    assert visits.photos_of(store, visit.id) == []
