"""Two officers and a supervisor edit one household offline: merges, conflicts and their resolution."""

from __future__ import annotations

from sqlmodel import Session

from app.core.models import Member
from app.server import admin
from app.server.runner import ServerThread
from app.store import outbox
from app.store import pull as store_pull
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine
from tests.serverkit import VILLAGE, server_rows
from tests.sync.conftest import signed_in


def test_three_offline_editors_merge_and_conflict_as_specified(server: ServerThread, make_store) -> None:
    with Session(server.engine) as session:
        admin.create_user(session, username="pendamping3", password="rahasia-pendamping3", role="pendamping")
        admin.assign(session, username="pendamping3", area_code=VILLAGE)
    a_store, b_store, s_store = make_store("a"), make_store("b"), make_store("s")
    with (
        signed_in(server, "pendamping") as a,
        SyncClient(server.url) as b,
        signed_in(server, "supervisor") as s,
    ):
        b.login("pendamping3", "rahasia-pendamping3")
        for store, client in ((a_store, a), (b_store, b), (s_store, s)):
            SyncEngine(store, client).sync()
        hid = a_store.household_ids()[0]
        household, members = a_store.household(hid)
        x = members[1]
        old_address = household.address

        # Offline, the same morning.
        a_store.save(household.model_copy(update={"address": "Alamat dari A"}))
        a_store.save(Member(village_code=VILLAGE, household_id=hid, name="Bayi dari A"))
        a_store.save(x.model_copy(update={"monthly_income": 1_250_000}))
        b_household = b_store.household(hid)[0]
        b_store.save(b_household.model_copy(update={"address": "Alamat dari B", "rt": "005"}))
        b_store.save(Member(village_code=VILLAGE, household_id=hid, name="Menantu dari B"))
        s_household = s_store.household(hid)[0]
        s_store.save(s_household.model_copy(update={"desil": 1}))
        s_store.delete("member", x.id)

        reports = [SyncEngine(st, cl).sync() for st, cl in ((a_store, a), (b_store, b), (s_store, s))]
        assert [r.conflicts for r in reports] == [0, 1, 1]
        for store, client in ((a_store, a), (b_store, b), (s_store, s)):
            SyncEngine(store, client).sync()

        # Untouched fields merged; members added by both exist; the first address stands.
        for store in (a_store, b_store, s_store):
            h, ms = store.household(hid)
            assert (h.address, h.rt, h.desil) == ("Alamat dari A", "005", 1)
            assert {"Bayi dari A", "Menantu dari B"} <= {m.name for m in ms}
            assert x.id in {m.id for m in ms}  # delete vs edit: not deleted silently
        [b_conflict] = outbox.open_conflicts(b_store)
        assert (b_conflict.field, b_conflict.base_value, b_conflict.mine, b_conflict.theirs) == (
            "address",
            old_address,
            "Alamat dari B",
            "Alamat dari A",
        )
        [s_conflict] = outbox.open_conflicts(s_store)
        assert (s_conflict.field, s_conflict.mine, s_conflict.theirs) == ("deleted", True, False)
        assert outbox.open_conflicts(a_store) == []
        assert {c["field"] for c in s.conflicts()} == {"address", "deleted"}
        assert [j.status for j in outbox.journal(b_store)] == ["conflict"]

        # Resolution: B keeps its address, the supervisor confirms the deletion.
        outbox.resolve_conflict(b_store, b_conflict.id, choice="mine")
        outbox.resolve_conflict(s_store, s_conflict.id, choice="mine")
        assert [r.conflicts for r in (SyncEngine(b_store, b).sync(), SyncEngine(s_store, s).sync())] == [0, 0]
        for store, client in ((a_store, a), (b_store, b), (s_store, s)):
            SyncEngine(store, client).sync()
        assert s.conflicts() == []
        for store in (a_store, b_store, s_store):
            h, ms = store.household(hid)
            assert h.address == "Alamat dari B" and x.id not in {m.id for m in ms}
            assert outbox.pending_count(store) == 0 and outbox.open_conflicts(store) == []
        assert (
            store_pull.local_rows(a_store)
            == store_pull.local_rows(b_store)
            == server_rows(server.engine, {VILLAGE})
        )


def test_take_theirs_and_edit_resolutions(server: ServerThread, make_store) -> None:
    mine_store, their_store = make_store("mine"), make_store("theirs")
    with signed_in(server, "pendamping") as mine, signed_in(server, "supervisor") as theirs:
        SyncEngine(mine_store, mine).sync()
        SyncEngine(their_store, theirs).sync()
        first, second = mine_store.household_ids()[:2]
        for hid, value in ((first, "X"), (second, "Y")):
            # Keep the loaded rows referenced while their copies are saved (they share ORM state).
            ours, other = mine_store.household(hid)[0], their_store.household(hid)[0]
            mine_store.save(ours.model_copy(update={"head_name": f"Mine {value}"}))
            their_store.save(other.model_copy(update={"head_name": f"Theirs {value}"}))
        SyncEngine(their_store, theirs).sync()
        assert SyncEngine(mine_store, mine).sync().conflicts == 2
        by_row = {c.entity_id: c for c in outbox.open_conflicts(mine_store)}
        outbox.resolve_conflict(mine_store, by_row[first].id, choice="theirs")
        outbox.resolve_conflict(mine_store, by_row[second].id, choice="edit", value="Nama Gabungan")
        SyncEngine(mine_store, mine).sync()
        assert theirs.conflicts() == []
        SyncEngine(their_store, theirs).sync()
    for store in (mine_store, their_store):
        assert store.household(first)[0].head_name == "Theirs X"
        assert store.household(second)[0].head_name == "Nama Gabungan"
