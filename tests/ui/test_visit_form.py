"""The verval form driven as an officer would: keys, clicks and combo choices on the real widgets."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from sqlmodel import Session, select

from app.core.models import PhotoKind, Visit
from app.core.photos import process_photo
from app.store import visits
from app.store.store import Store
from app.store.tables import OutboxEntry
from app.ui.visit import VisitForm
from app.ui.visit.widgets import format_rupiah
from tests.fixtures.photos import small_jpeg
from tests.ui import visit_support
from tests.ui.visit_support import import_and_wait, wait_idle, write_file

GRADUATION = "Graduasi wajib"

# Fixtures shared by the visit tests (assigned, so pytest finds them in this module).
make_form = visit_support.make_form
pack = visit_support.pack
vault = visit_support.vault


def outbox_entities(store: Store) -> list[tuple[str, str]]:
    with Session(store.engine) as session:
        return [(e.entity, e.entity_id) for e in session.exec(select(OutboxEntry).order_by(OutboxEntry.seq))]


def stored_visit(store: Store, visit_id: str) -> Visit:
    visit = store.get(Visit, visit_id)
    assert isinstance(visit, Visit)
    return visit


def choose_kind(form: VisitForm, row_index: int, kind: PhotoKind) -> None:
    row = list(form.photo_panel.rows.values())[row_index]
    row.kind.setCurrentIndex(row.kind.findData(str(kind)))


def test_motorbike_family_graduates_and_is_submitted(
    qtbot, make_form, store: Store, tmp_path: Path, monkeypatch
):
    form = make_form()
    panel = form.verdict_panel
    qtbot.waitUntil(lambda: "Tetap layak" in panel.text(), timeout=5_000)
    assert GRADUATION not in panel.text()

    # Assets: add a motorbike and type its value as the officer would.
    qtbot.keyClick(form, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert form.current_section == 2
    qtbot.mouseClick(form.assets_section.add_vehicle_button, Qt.MouseButton.LeftButton)
    kind, value, _credit, _remove = form.assets_section.vehicle_widgets[0]
    assert kind.value() == "motor"
    qtbot.keyClicks(value, "35000000")
    assert value.text() == "Rp 35.000.000"
    qtbot.waitUntil(lambda: GRADUATION in panel.text(), timeout=5_000)
    text = panel.text()
    assert "Kendaraan mewah" in text and "GRAD-KENDARAAN" in text
    assert "35.000.000" in text or "35 juta" in text

    # Photos: both house photos through the file dialog, kinds chosen per photo.
    front = write_file(tmp_path, "depan.jpg", small_jpeg(seed=1))
    inside = write_file(tmp_path, "dalam.jpg", small_jpeg(seed=2))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(front), str(inside)], ""))
    form.go_to_section(6)
    with qtbot.waitSignal(form.photo_panel.import_finished, timeout=20_000):
        qtbot.mouseClick(form.photo_panel.import_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, form)
    rows = sorted(form.photo_panel.rows.values(), key=lambda r: r.photo.sha256)
    assert len(rows) == 2 and all(r.thumbnail.pixmap() is not None for r in rows)
    rows[0].kind.setCurrentIndex(rows[0].kind.findData(str(PhotoKind.HOUSE_FRONT)))
    rows[1].kind.setCurrentIndex(rows[1].kind.findData(str(PhotoKind.HOUSE_INSIDE)))
    wait_idle(qtbot, form)
    assert sorted(p.kind for p in visits.photos_of(store, form.visit.id)) == ["rumah_dalam", "rumah_depan"]

    # Submit with Ctrl+Enter: read-only, in the outbox with the verdict and the pack version.
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.read_only, timeout=10_000)
    wait_idle(qtbot, form)
    visit = stored_visit(store, form.visit.id)
    assert visit.state == "submitted"
    assert visit.verdict["overall"] == "graduasi_wajib" and visit.pack_version
    assert visit.answers["assets"]["vehicles"][0]["estimated_value"] == 35_000_000
    entities = outbox_entities(store)
    assert ("visit", visit.id) in entities
    assert sum(1 for e, _ in entities if e == "photo") == 2
    assert not form.submit_button.isVisible() and form.correction_button.isVisible()
    assert value.isReadOnly()
    assert "tidak dapat diubah" in form.message_text()


def test_visit_without_inside_photo_cannot_be_submitted(qtbot, make_form, store: Store, tmp_path: Path):
    form = make_form()
    import_and_wait(
        qtbot, form, [write_file(tmp_path, "depan.jpg", small_jpeg(seed=1))], PhotoKind.HOUSE_FRONT
    )
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, form)
    assert "Foto rumah bagian dalam belum ada" in form.message_text()
    assert form.current_section == 7  # taken to the conclusion, which lists the problems
    assert "Foto rumah bagian dalam belum ada" in form.conclusion_section.problems.text()
    assert not form.read_only
    assert stored_visit(store, form.visit.id).state == "draft"
    assert ("visit", form.visit.id) not in outbox_entities(store)


def test_draft_autosaves_with_position(qtbot, make_form, store: Store):
    form = make_form()
    members = form.members_section
    members.list.setCurrentRow(1)
    members.name.selectAll()
    with qtbot.waitSignal(form.draft_saved, timeout=5_000):
        qtbot.keyClicks(members.name, "Maria Goreti Tefa")
    wait_idle(qtbot, form)
    loaded = visits.load_visit(store, form.visit.id)
    assert loaded.answers.members[1].name == "Maria Goreti Tefa"
    assert loaded.position == visits.FormPosition(section=0, member=1)
    assert ("visit", form.visit.id) not in outbox_entities(store)  # a draft stays local
    # Changing section saves at once and remembers the section.
    qtbot.keyClick(form, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, form)
    assert visits.form_position(store, form.visit.id).section == 1


def test_draft_reopens_where_it_was(qtbot, make_form, store: Store):
    form = make_form()
    form.members_section.list.setCurrentRow(2)
    form.go_to_section(3)
    income = form.work_section.member_widgets[0][2]
    income.selectAll()
    qtbot.keyClicks(income, "2750000")
    form.close()
    wait_idle(qtbot, form)
    again = make_form(form.visit.id)
    assert again.current_section == 3
    assert again.members_section.current == 2
    assert again.work_section.member_widgets[0][2].text() == format_rupiah(2_750_000)


def test_nik_is_checked_as_typed(qtbot, make_form):
    form = make_form()
    members = form.members_section
    members.list.setCurrentRow(1)
    assert "Menurut NIK: lahir" in members.nik_check.text() and "Perempuan" in members.nik_check.text()
    for typed, message in (
        ("530203531090001", "tertulis 15 digit"),
        ("53020353109000123", "tertulis 17 digit"),
    ):
        members.nik.selectAll()
        qtbot.keyClicks(members.nik, typed)
        assert "NIK harus 16 digit" in members.nik_check.text()
        assert message in members.nik_check.text()
        assert form.answers.members[1].nik == typed  # kept as typed, never truncated
    assert form.answers.members[1].name == "Maria Tefa"  # nothing else touched
    problems = form.problems()
    assert any("Maria Tefa: NIK harus 16 digit (tertulis 17 digit)" in p for p in problems)
    members.nik.selectAll()
    qtbot.keyClicks(members.nik, "5302035310900001")  # 13-10-1990, female (53 = 13 + 40)
    assert "lahir 13-10-1990, Perempuan" in members.nik_check.text()


def test_birth_date_in_future_is_flagged(qtbot, make_form):
    form = make_form()
    members = form.members_section
    members.list.setCurrentRow(2)
    future = date.today() + timedelta(days=60)
    members.birth_date.setDate(QDate(future.year, future.month, future.day))
    assert members.birth_check.isVisible()
    assert "masa depan" in members.birth_check.text()
    assert form.answers.members[2].birth_date == future
    assert any("Yuliana Tefa: tanggal lahir" in p and "masa depan" in p for p in form.problems())


def test_negative_income_is_refused_with_a_message(qtbot, make_form):
    form = make_form()
    form.go_to_section(3)
    income = form.work_section.member_widgets[0][2]
    income.setFocus()
    income.end(False)
    qtbot.keyClicks(income, "-")
    assert income.value() == 1_500_000 and income.text() == "Rp 1.500.000"
    assert "tidak boleh negatif" in form.message_text()
    assert form.answers.members[0].monthly_income == 1_500_000


def test_rupiah_edit_formats_and_keeps_the_caret(qtbot, make_form):
    form = make_form()
    form.go_to_section(3)
    income = form.work_section.member_widgets[1][2]
    qtbot.keyClicks(income, "2455898")
    assert income.text() == "Rp 2.455.898" and income.value() == 2_455_898
    assert form.answers.members[1].monthly_income == 2_455_898
    qtbot.keyClicks(income, "abc,")  # refused keys change nothing
    assert income.value() == 2_455_898


def test_member_with_documents_cannot_be_removed(qtbot, make_form, store: Store, tmp_path: Path, monkeypatch):
    form = make_form()
    import_and_wait(qtbot, form, [write_file(tmp_path, "ktp.jpg", small_jpeg(seed=4))], PhotoKind.KTP)
    row = next(iter(form.photo_panel.rows.values()))
    maria = form.answers.members[1]
    row.member.setCurrentIndex(row.member.findData(maria.member_id))
    wait_idle(qtbot, form)
    assert visits.photos_of(store, form.visit.id)[0].member_id == maria.member_id

    asked: list[str] = []
    monkeypatch.setattr(form.members_section, "confirm", lambda _t, text: asked.append(text) or True)
    form.go_to_section(0)
    form.members_section.list.setCurrentRow(1)
    qtbot.mouseClick(form.members_section.remove_button, Qt.MouseButton.LeftButton)
    assert "Maria Tefa tidak dihapus" in form.message_text() and "KTP" in form.message_text()
    assert len(form.answers.members) == 3 and not asked

    # Without documents a member is removed after the question.
    form.members_section.list.setCurrentRow(2)
    qtbot.mouseClick(form.members_section.remove_button, Qt.MouseButton.LeftButton)
    assert asked and [m.name for m in form.answers.members] == ["Yohanes Tefa", "Maria Tefa"]


def test_add_member_by_keyboard(qtbot, make_form):
    form = make_form()
    members = form.members_section
    qtbot.mouseClick(members.add_button, Qt.MouseButton.LeftButton)
    assert members.current == 3 and members.name.hasFocus()
    qtbot.keyClicks(members.name, "Petrus Tefa")
    assert members.list.item(3).text().startswith("Petrus Tefa")
    assert form.answers.members[3].member_id  # so a KTP photo can name the new person
    assert form.answers.members[3].name == "Petrus Tefa"


def test_submitted_visit_opens_read_only_and_correction_is_a_new_visit(
    qtbot, make_form, store: Store, vault, pack
):
    household = make_form().household
    draft = visits.draft_of(store, household.id)
    assert draft is not None
    for seed, kind in ((11, PhotoKind.HOUSE_FRONT), (12, PhotoKind.HOUSE_INSIDE)):
        raw = small_jpeg(seed=seed)
        visits.attach_photo(
            store, vault, visit_id=draft.id, processed=process_photo(raw), original=raw, kind=kind
        )
    submitted = visits.submit_visit(store, visit_id=draft.id, answers=draft.answers, pack=pack)
    form = make_form(submitted.id)
    assert form.read_only and form.members_section.name.isReadOnly()
    assert not form.photo_panel.import_button.isEnabled()
    with qtbot.waitSignal(form.correction_requested) as signal:
        qtbot.mouseClick(form.correction_button, Qt.MouseButton.LeftButton)
    correction = visits.start_correction(store, visit_id=signal.args[0], officer="pendamping")
    second = make_form(correction.id)
    assert not second.read_only and second.state_badge.text() == "Draf koreksi"
    assert len(second.photo_panel.rows) == 2


def test_keyboard_navigation_between_sections(qtbot, make_form):
    form = make_form()
    for number in range(1, 9):
        qtbot.keyClick(form, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert form.current_section == number - 1
    qtbot.keyClick(form, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert form.current_section == 6
    buttons = [b.text() for b in form.findChildren(QPushButton)]
    assert "&Kirim kunjungan" in buttons and "&Simpan draf" in buttons
