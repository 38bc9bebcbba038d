"""The encrypted store: keys, schema versions, damaged files, the outbox, search."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlmodel import Session, select

from app.core.models import Household, Member, Visit, VisitState
from app.store.errors import CorruptStoreError, NewerSchemaError, ValidationError, WrongKeyError
from app.store.keys import KdfParams, derive_key
from app.store.migrations import SCHEMA_VERSION
from app.store.store import Store
from app.store.tables import OutboxEntry
from tests.conftest import TEST_KEY

VILLAGE = "53.02.03.2002"


def family(
    store: Store, head: str = "Yohanes Tefa", nik: str = "5302031007850001", kk: str = "5302031510200001"
):
    household = Household(village_code=VILLAGE, kk_number=kk, head_name=head, desil=2)
    store.save(household)
    member = Member(village_code=VILLAGE, household_id=household.id, nik=nik, name=head, sex="L")
    store.save(member)
    return household, member


def outbox(store: Store) -> list[OutboxEntry]:
    with Session(store.engine) as session:
        return list(session.exec(select(OutboxEntry).order_by(OutboxEntry.seq)))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_wrong_key_is_refused_and_file_untouched(store: Store, store_path: Path) -> None:
    family(store)
    store.close()
    before = digest(store_path)
    with pytest.raises(WrongKeyError) as raised:
        Store.open(store_path, b"\x01" * 32)
    assert "Kata sandi salah" in raised.value.message
    assert digest(store_path) == before


def test_file_holds_no_plaintext_nik_or_name(store: Store, store_path: Path) -> None:
    family(store, head="Bernadetha Nubatonis", nik="5302034512800002")
    store.close()
    raw = b"".join(p.read_bytes() for p in store_path.parent.glob("store.db*"))
    assert b"5302034512800002" not in raw
    assert b"Nubatonis" not in raw
    with pytest.raises(sqlcipher.DatabaseError):
        conn = sqlcipher.connect(str(store_path))
        try:
            conn.execute("SELECT * FROM member").fetchall()
        finally:
            conn.close()


def test_password_derived_key_opens_only_with_the_same_password(tmp_path: Path) -> None:
    params = KdfParams.fresh()
    path = tmp_path / "s.db"
    Store.open(path, derive_key("rahasia-123", params)).close()
    Store.open(path, derive_key("rahasia-123", params)).close()
    with pytest.raises(WrongKeyError):
        Store.open(path, derive_key("rahasia-124", params))


def test_newer_schema_is_refused_with_a_message(store: Store, store_path: Path) -> None:
    store.close()
    conn = sqlcipher.connect(str(store_path))
    conn.execute(f"PRAGMA key = \"x'{TEST_KEY.hex()}'\"")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(store_path)
    with pytest.raises(NewerSchemaError) as raised:
        Store.open(store_path, TEST_KEY)
    assert "versi aplikasi yang lebih baru" in raised.value.message
    assert digest(store_path) == before


@pytest.mark.parametrize(
    "content",
    [b"\x00" * 4096, b"SQLite format 3\x00" + b"\x00" * 4080, b"garbage that is not a database at all" * 200],
)
def test_damaged_file_is_not_overwritten(store_path: Path, content: bytes) -> None:
    store_path.write_bytes(content)
    with pytest.raises((WrongKeyError, CorruptStoreError)):
        Store.open(store_path, TEST_KEY)
    assert store_path.read_bytes() == content


def test_every_save_writes_an_outbox_entry_with_patch_and_base(store: Store) -> None:
    household, _member = family(store)
    entries = outbox(store)
    assert [e.entity for e in entries] == ["household", "member"]
    assert entries[0].base == {} and entries[0].patch["kk_number"] == "5302031510200001"
    store.save(household.model_copy(update={"desil": 3, "address": "Dusun II"}))
    last = outbox(store)[-1]
    assert last.patch == {"desil": 3, "address": "Dusun II"}
    assert last.base == {"desil": 2, "address": ""}
    assert len({e.mutation_id for e in outbox(store)}) == 3


def test_saving_an_unchanged_row_adds_nothing(store: Store) -> None:
    household, _ = family(store)
    store.save(household.model_copy())
    assert len(outbox(store)) == 2


def test_drafts_are_local_until_submitted(store: Store) -> None:
    household, _ = family(store)
    visit = Visit(village_code=VILLAGE, household_id=household.id, answers={"members": []})
    store.save(visit, local_only=True)
    assert [e.entity for e in outbox(store)] == ["household", "member"]
    store.save(visit.model_copy(update={"state": VisitState.SUBMITTED}))
    entry = outbox(store)[-1]
    # The server never saw the draft, so the first mutation carries the whole row.
    assert entry.entity == "visit" and entry.patch["state"] == "submitted" and "answers" in entry.patch


def test_submitted_visit_answers_cannot_change(store: Store) -> None:
    household, _ = family(store)
    visit = Visit(
        village_code=VILLAGE, household_id=household.id, state=VisitState.SUBMITTED, answers={"a": 1}
    )
    store.save(visit)
    with pytest.raises(ValidationError):
        store.save(visit.model_copy(update={"answers": {"a": 2}}))
    assert store.get(Visit, visit.id).answers == {"a": 1}  # type: ignore[union-attr]


def test_delete_is_a_synced_tombstone(store: Store) -> None:
    _household, member = family(store)
    store.delete("member", member.id)
    entry = outbox(store)[-1]
    assert entry.op == "delete" and entry.patch == {"deleted": True}
    assert store.get(Member, member.id).deleted  # type: ignore[union-attr]


def test_search_by_name_nik_prefix_and_kk(store: Store) -> None:
    a, _ = family(store, head="Yohanes Tefa", nik="5302031007850001", kk="5302031510200001")
    b, _ = family(store, head="Maria Selan", nik="5302035203900003", kk="5302030101190007")
    assert store.household_ids("yohanes") == [a.id]
    assert store.household_ids("sel") == [b.id]
    assert store.household_ids("53020352") == [b.id]
    assert store.household_ids("5302031510200001") == [a.id]
    assert store.household_ids("") == [b.id, a.id]  # ordered by head name
    assert store.household_ids("tidak-ada-orang-ini") == []
    assert store.household_ids('"; DROP TABLE household; --') == []


def test_summary_counts(store: Store) -> None:
    family(store)
    summary = store.village_summary()
    assert summary.households == 1 and summary.members == 1 and summary.by_desil == {"2": 1}
    assert summary.pending_outbox == 2
