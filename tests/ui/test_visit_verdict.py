"""The live verdict panel: background evaluation that shows only the latest answers, and what it says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from app.core.answers import Vehicle
from app.core.models import PhotoKind
from app.core.rules import evaluate, facts_from_records
from app.store.store import Store
from app.ui.visit.verdict_panel import VerdictPanel, VerdictRunner
from app.ui.worker import wait_for_all
from tests.fixtures.photos import small_jpeg
from tests.store.test_visits import seed_motorbike_family
from tests.ui import visit_support
from tests.ui.visit_support import import_and_wait, wait_idle, write_file

# Fixtures shared by the visit tests (assigned, so pytest finds them in this module).
make_form = visit_support.make_form
pack = visit_support.pack
vault = visit_support.vault


def test_runner_coalesces_and_shows_only_the_latest(qtbot, store: Store, pack):
    household = seed_motorbike_family(store)
    found = store.household(household.id)
    assert found is not None
    household, members = found
    from app.store.visits import answers_from_registry

    answers = answers_from_registry(members)
    runner = VerdictRunner(pack, household, members)
    shown = []
    runner.evaluated.connect(lambda verdict, _asked: shown.append(verdict))
    for value in range(0, 40_000_001, 2_000_000):  # 21 requests as fast as a typist could never type
        answers.assets.vehicles = [Vehicle(kind="motor", estimated_value=value)]
        runner.request(answers.model_dump(mode="json"), [])
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    wait_for_all()
    qtbot.wait(1)
    assert 1 <= len(shown) <= 2  # the first (already running) may be dropped too, never shown out of order
    assert shown[-1].overall == "graduasi_wajib" and "GRAD-KENDARAAN" in shown[-1].fired_ids()


def test_panel_shows_programmes_reasons_pkh_and_colour(qtbot, make_form):
    form = make_form()
    panel = form.verdict_panel
    qtbot.waitUntil(lambda: panel.verdict is not None, timeout=5_000)
    text = panel.text()
    for expected in ("Per program", "PKH", "BPNT", "Alasan", "Komponen PKH", "Anak SMP", "Rp 1.500.000",
                     "Total per tahun"):  # fmt: skip
        assert expected in text
    assert "#1b5e20" in panel.badge.styleSheet()  # green for "tetap layak"
    form.go_to_section(2)
    qtbot.mouseClick(form.assets_section.add_vehicle_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.assets_section.vehicle_widgets[0][1], "31000000")
    qtbot.waitUntil(lambda: "Graduasi wajib" in panel.text(), timeout=5_000)
    assert "#b71c1c" in panel.badge.styleSheet()  # red
    # The myth: an ordinary motorbike does not graduate the family.
    form.assets_section.vehicle_widgets[0][1].selectAll()
    qtbot.keyClicks(form.assets_section.vehicle_widgets[0][1], "18000000")
    qtbot.waitUntil(lambda: "Graduasi wajib" not in panel.text(), timeout=5_000)


def test_reregistration_checklist_follows_the_photos(qtbot, make_form, tmp_path: Path):
    form = make_form()
    panel = form.verdict_panel
    form.go_to_section(7)
    conclusion = form.conclusion_section
    checkbox = next(w for w, _t, field in conclusion._bindings if field == "wants_reregistration")
    checkbox.setFocus()
    qtbot.keyClick(checkbox, Qt.Key.Key_Space)
    assert form.answers.conclusion.wants_reregistration
    qtbot.waitUntil(lambda: "Dokumen daftar ulang" in panel.text(), timeout=5_000)
    assert "☐ Kartu Keluarga" in panel.text() or "☐" in panel.text()
    import_and_wait(qtbot, form, [write_file(tmp_path, "kk.jpg", small_jpeg(seed=6))], PhotoKind.KK)
    wait_idle(qtbot, form)
    kk_line = next(line for line in panel.text().splitlines() if "Kartu Keluarga" in line)
    assert kk_line.startswith("☑")
    assert form.documents_section.status_labels["dok_kk"].text().startswith("✔")


def test_panel_lists_what_is_missing(qtbot, store: Store, pack):
    household = seed_motorbike_family(store)
    found = store.household(household.id)
    assert found is not None
    verdict = evaluate(pack, facts_from_records(found[0], found[1], None, date.today()))
    panel = VerdictPanel()
    qtbot.addWidget(panel)
    panel.show_verdict(verdict)
    if verdict.missing:
        assert "Masih diperlukan untuk menyimpulkan" in panel.text()
        assert verdict.missing[0].label_id in panel.text()
    assert verdict.overall_label_id in panel.text()


def test_panel_shows_flags(qtbot, store: Store, pack):
    from app.store.visits import answers_from_registry

    household = seed_motorbike_family(store)
    found = store.household(household.id)
    assert found is not None
    answers = answers_from_registry(found[1])
    answers.assets.vehicles = [Vehicle(kind="mobil", estimated_value=150_000_000)]
    verdict = evaluate(pack, facts_from_records(found[0], found[1], answers, date.today()))
    panel = VerdictPanel()
    qtbot.addWidget(panel)
    panel.show_verdict(verdict)
    assert verdict.flags, "a desil-3 recipient family with a car is an inclusion error"
    assert "Tanda data" in panel.text()
    assert "⚑" in panel.text()
