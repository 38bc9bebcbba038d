"""A draft survives the app being killed: a real child process types into the form, autosaves, and
is killed with SIGKILL; the draft and the place in the form are all there when the store reopens."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.rules import PolicyPack
from app.store import visits
from app.store.store import Store
from app.store.vault import PhotoVault
from app.ui.visit import VisitForm
from tests.conftest import TEST_KEY
from tests.store.test_visits import seed_motorbike_family
from tests.ui import visit_support
from tests.ui.visit_support import wait_idle

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from app.core.rules import default_pack
from app.store import visits
from app.store.store import Store
from app.store.vault import PhotoVault
from app.ui.app import make_application
from app.ui.visit import VisitForm
from tests.conftest import TEST_KEY

app = make_application()
store_path, photos, visit_id = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
store = Store.open(store_path, TEST_KEY)
form = VisitForm(store, PhotoVault(photos, TEST_KEY), visits.load_visit(store, visit_id), pack=default_pack())
form.resize(1366, 768)
form.show()
form.activateWindow()
QTest.qWaitForWindowExposed(form)
QTest.qWait(50)
members = form.members_section
members.list.setCurrentRow(1)
members.name.selectAll()
QTest.keyClicks(members.name, "Maria Goreti Tefa")
QTest.keyClick(form, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # to the assets section
assert form.current_section == 2, form.current_section
form.assets_section.add_vehicle_button.click()
QTest.keyClicks(form.assets_section.vehicle_widgets[0][1], "35000000")

def saved(_visit_id):
    # Report only once the last edit is on disk: nothing dirty, nothing saving, no timer pending.
    if not form._dirty and not form._saving and not form._autosave.isActive():
        print("SAVED", flush=True)

form.draft_saved.connect(saved)
app.exec()  # the test kills us here, mid-form
"""

# Fixtures shared by the visit tests (assigned, so pytest finds them in this module).
pack = visit_support.pack


def read_line(proc: subprocess.Popen[str], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            line = proc.stdout.readline()
            if line:
                return line.strip()
        if proc.poll() is not None:
            break
    stderr = proc.stderr.read() if proc.stderr and proc.poll() is not None else ""
    raise AssertionError(f"child gave no line in {timeout}s (exit {proc.poll()}): {stderr[-2000:]}")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_draft_survives_sigkill_and_reopens_where_it_was(
    qtbot, tmp_path: Path, store_path: Path, pack: PolicyPack
):
    store = Store.open(store_path, TEST_KEY)
    household = seed_motorbike_family(store)
    visit = visits.start_visit(store, household_id=household.id, officer="pendamping")
    store.close()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(store_path), str(tmp_path / "photos"), visit.id],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert read_line(proc, timeout=60) == "SAVED"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()

    store = Store.open(store_path, TEST_KEY)
    try:
        draft = visits.draft_of(store, household.id)
        assert draft is not None and draft.id == visit.id
        loaded = visits.load_visit(store, visit.id)
        assert loaded.answers.members[1].name == "Maria Goreti Tefa"
        assert loaded.answers.assets.vehicles[0].estimated_value == 35_000_000
        assert loaded.position == visits.FormPosition(section=2, member=1)
        # And the form reopens at that place with those answers.
        form = VisitForm(store, PhotoVault(tmp_path / "photos", TEST_KEY), loaded, pack=pack)
        form.show()
        assert form.current_section == 2
        assert form.members_section.current == 1
        assert form.assets_section.vehicle_widgets[0][1].text() == "Rp 35.000.000"
        qtbot.waitUntil(lambda: "Graduasi wajib" in form.verdict_panel.text(), timeout=5_000)
        form.close()
        wait_idle(qtbot, form)
        form.deleteLater()
    finally:
        store.close()
