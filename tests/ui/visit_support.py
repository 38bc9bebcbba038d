"""Shared set-up for the visit form tests: a seeded family, a vault, a form that cleans up after itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core.rules import PolicyPack, default_pack
from app.store import visits
from app.store.store import Store
from app.store.vault import PhotoVault
from app.ui.visit import VisitForm
from app.ui.worker import wait_for_all
from tests.conftest import TEST_KEY
from tests.store.test_visits import seed_motorbike_family

FormFactory = Callable[..., VisitForm]


@pytest.fixture(scope="session")
def pack() -> PolicyPack:
    return default_pack()


@pytest.fixture
def vault(tmp_path: Path) -> PhotoVault:
    return PhotoVault(tmp_path / "photos", TEST_KEY)


@pytest.fixture
def make_form(qtbot, store: Store, vault: PhotoVault, pack: PolicyPack) -> Iterator[FormFactory]:
    forms: list[VisitForm] = []

    def make(visit_id: str | None = None, head_name: str = "Yohanes Tefa", serial: int = 1) -> VisitForm:
        if visit_id is None:
            household = seed_motorbike_family(store, head_name, serial)
            visit_id = visits.start_visit(store, household_id=household.id, officer="pendamping").id
        form = VisitForm(store, vault, visits.load_visit(store, visit_id), pack=pack, officer="pendamping")
        form.resize(1366, 768)
        form.show()
        forms.append(form)
        wait_idle(qtbot, form)
        return form

    yield make
    # Closed here rather than by qtbot.addWidget: a form saves on close, and that save must end before
    # the store is closed by its own fixture.
    for form in forms:
        form.close()
        wait_idle(qtbot, form)
        form.deleteLater()
    assert wait_for_all()
    qtbot.wait(1)


def wait_idle(qtbot, form: VisitForm, timeout: int = 10_000) -> None:
    """Until no save, evaluation or photo import of the form is running or scheduled."""
    qtbot.waitUntil(lambda: not form.busy, timeout=timeout)
    wait_for_all()
    qtbot.wait(1)  # deliver the queued result signals of the jobs that just ended
    qtbot.waitUntil(lambda: not form.busy, timeout=timeout)


def write_file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def import_and_wait(qtbot, form: VisitForm, paths: list[Path], kind: str | None = None) -> None:
    with qtbot.waitSignal(form.photo_panel.import_finished, timeout=20_000):
        form.photo_panel.import_files(paths, kind)
    wait_idle(qtbot, form)
