"""The client and the engine against a real server over a socket: errors, first sync, round trips."""

from __future__ import annotations

import socket

import pytest

from app.core.models import Household, Member
from app.server.runner import ServerThread
from app.store import outbox
from app.store import pull as store_pull
from app.sync.client import AuthError, ClientTooOld, Forbidden, Offline, SyncClient
from app.sync.engine import SyncEngine
from tests.serverkit import OTHER_VILLAGE, PASSWORDS, VILLAGE, server_rows
from tests.sync.conftest import signed_in


def test_login_gives_token_and_user_info(server: ServerThread) -> None:
    with SyncClient(server.url) as client:
        answer = client.login("supervisor", PASSWORDS["supervisor"])
        assert answer.role == "supervisor" and answer.full_name == "Yuliana Benu"
        assert answer.areas == ["53.02.03"] and answer.villages == []
        assert client.token == answer.token
        with pytest.raises(AuthError) as wrong:
            SyncClient(server.url).login("supervisor", "salah-sekali")
        assert "salah" in wrong.value.message


def test_client_errors_are_typed(server: ServerThread) -> None:
    with SyncClient(server.url, client_version="0.0.1") as old:
        with pytest.raises(ClientTooOld) as too_old:
            old.meta()
        assert "Perbarui" in too_old.value.message
    with SyncClient(server.url) as anonymous, pytest.raises(AuthError):
        anonymous.pull_page("")
    with signed_in(server, "pendamping") as client, pytest.raises(Forbidden):
        client.pull_page("", village=OTHER_VILLAGE)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with SyncClient(f"http://127.0.0.1:{port}", timeout=(0.5, 0.5)) as nowhere, pytest.raises(Offline):
        nowhere.meta()


def test_first_sync_brings_the_village_down(server: ServerThread, make_store) -> None:
    store = make_store("officer")
    phases: list[tuple[str, int, int]] = []
    with signed_in(server, "pendamping") as client:
        report = SyncEngine(store, client).sync(progress=lambda *p: phases.append(p))
    assert report.pulled == 5 * 4 and report.pending_after == 0 and not report.cancelled
    assert store_pull.local_rows(store) == server_rows(server.engine, {VILLAGE})
    assert store.village_summary().households == 5
    assert store.household_ids("Kepala")  # search index was built from pulled rows
    assert phases[0][0] == "push" and phases[-1][0] == "pull"


def test_edit_round_trip_between_two_officers_of_one_village(server: ServerThread, make_store) -> None:
    from sqlmodel import Session

    from app.server import admin

    with Session(server.engine) as session:
        admin.create_user(
            session, username="sekdes", password="rahasia-sekdes", role="sekdes", full_name="Sekdes"
        )
        admin.assign(session, username="sekdes", area_code=VILLAGE)
    mine, theirs = make_store("mine"), make_store("theirs")
    with signed_in(server, "pendamping") as c1, SyncClient(server.url) as c2:
        c2.login("sekdes", "rahasia-sekdes")
        SyncEngine(mine, c1).sync()
        SyncEngine(theirs, c2).sync()
        household_id = mine.household_ids()[0]
        household, members = mine.household(household_id)
        mine.save(household.model_copy(update={"address": "Dusun Baru"}))
        mine.save(
            Member(village_code=VILLAGE, household_id=household_id, nik="5302031111110001", name="Bayi Baru")
        )
        report = SyncEngine(mine, c1).sync()
        assert report.applied == 2 and report.pending_after == 0
        SyncEngine(theirs, c2).sync()
    got = theirs.household(household_id)
    assert got is not None and got[0].address == "Dusun Baru"
    assert "Bayi Baru" in {m.name for m in got[1]}
    assert (
        store_pull.local_rows(mine) == store_pull.local_rows(theirs) == server_rows(server.engine, {VILLAGE})
    )
    assert outbox.pending_count(mine) == 0


def test_cancel_between_pages_keeps_a_consistent_store(server: ServerThread, make_store) -> None:
    store = make_store("officer")
    with signed_in(server, "pendamping") as client:
        engine = SyncEngine(store, client)
        engine.pull_max_bytes = 1000
        pages = []
        report = engine.sync(
            progress=lambda phase, done, total: pages.append(done), cancelled=lambda: len(pages) > 3
        )
        assert report.cancelled
        partial = store_pull.local_rows(store)
        assert 0 < len(partial) < 20
        report = engine.sync()
        assert not report.cancelled
    assert store_pull.local_rows(store) == server_rows(server.engine, {VILLAGE})


def test_household_created_offline_reaches_the_supervisor(server: ServerThread, make_store) -> None:
    store, supervisor_store = make_store("officer"), make_store("supervisor")
    with signed_in(server, "pendamping") as client:
        SyncEngine(store, client).sync()
        household = Household(village_code=VILLAGE, head_name="Keluarga Usulan", kk_number="5302030101010001")
        store.save(household)
        SyncEngine(store, client).sync()
    with signed_in(server, "supervisor") as client:
        SyncEngine(supervisor_store, client).sync()
    got = supervisor_store.household(household.id)
    assert got is not None and got[0].head_name == "Keluarga Usulan" and got[0].version > 0
