"""Photos on the form: bad files refused with a message and nothing else lost, upright thumbnails,
drag and drop, the same house photo on another family."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.core.models import PhotoKind
from app.core.photos import process_photo
from app.store import visits
from app.store.store import Store
from tests.fixtures.photos import (
    bomb_jpeg_header,
    heic_header,
    oriented_pair,
    oversized_jpeg,
    phone_jpeg,
    small_jpeg,
    truncated_jpeg,
)
from tests.store.test_visits import seed_motorbike_family
from tests.ui import visit_support
from tests.ui.visit_support import import_and_wait, wait_idle, write_file

BAD_FILES = {
    "not_image": (lambda: b"Ini bukan foto, hanya teks biasa.\n" * 40, "bukan foto yang dikenali"),
    "truncated": (truncated_jpeg, "tidak lengkap"),
    "bomb": (bomb_jpeg_header, "terlalu besar"),  # claims 20,000 × 20,000 pixels
    "huge_file": (oversized_jpeg, "Berkas terlalu besar"),
    "heic": (heic_header, "HEIC"),
}

# Fixtures shared by the visit tests (assigned, so pytest finds them in this module).
make_form = visit_support.make_form
pack = visit_support.pack
vault = visit_support.vault


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_photo_is_refused_with_a_message_and_nothing_lost(
    qtbot, make_form, store: Store, tmp_path: Path, case
):
    form = make_form()
    good = write_file(tmp_path, "depan.jpg", small_jpeg(seed=1))
    import_and_wait(qtbot, form, [good], PhotoKind.HOUSE_FRONT)
    make, expected = BAD_FILES[case]
    bad = write_file(tmp_path, f"{case}.jpg", make())  # every one named .jpg, as phones and people do
    form.members_section.name.end(False)
    qtbot.keyClicks(form.members_section.name, " Jr")  # an answer in progress must survive the refusal
    import_and_wait(qtbot, form, [bad], PhotoKind.HOUSE_INSIDE)
    message = form.photo_panel.status.text()
    assert f"{case}.jpg" in message and expected in message
    assert not form.photo_panel.status.isHidden()
    assert form.answers.members[0].name == "Yohanes Tefa Jr"
    assert [p.kind for p in visits.photos_of(store, form.visit.id)] == ["rumah_depan"]
    assert len(form.photo_panel.rows) == 1
    assert form.message_text() == message


def test_one_bad_file_does_not_stop_the_others(qtbot, make_form, store: Store, tmp_path: Path):
    form = make_form()
    paths = [
        write_file(tmp_path, "a.jpg", small_jpeg(seed=1)),
        write_file(tmp_path, "rusak.jpg", truncated_jpeg()),
        write_file(tmp_path, "b.jpg", small_jpeg(seed=2)),
    ]
    import_and_wait(qtbot, form, paths, PhotoKind.HOUSE_SIDE)
    assert len(visits.photos_of(store, form.visit.id)) == 2
    assert "rusak.jpg" in form.photo_panel.status.text()


def test_photo_without_exif_is_accepted(qtbot, make_form, store: Store, tmp_path: Path):
    form = make_form()
    plain = io.BytesIO()
    Image.open(io.BytesIO(small_jpeg(seed=3))).save(plain, "JPEG", quality=90)  # no EXIF at all
    import_and_wait(
        qtbot, form, [write_file(tmp_path, "tanpa_exif.jpg", plain.getvalue())], PhotoKind.KITCHEN
    )
    photos = visits.photos_of(store, form.visit.id)
    assert len(photos) == 1 and photos[0].taken_at is not None  # the import time stands in
    assert "Foto tersimpan" in form.photo_panel.status.text()


def test_exif_rotated_photo_is_shown_upright(qtbot, make_form, tmp_path: Path):
    form = make_form()
    stored, upright = oriented_pair(6)
    import_and_wait(qtbot, form, [write_file(tmp_path, "miring.jpg", stored)], PhotoKind.HOUSE_FRONT)
    row = next(iter(form.photo_panel.rows.values()))
    assert row.photo.width > row.photo.height  # upright 4:3, stored 3:4
    image = row.thumbnail.pixmap().toImage()
    assert image.width() > image.height()
    top_left = image.pixelColor(5, 5)
    assert top_left.red() > 180 and top_left.blue() < 90  # the red quadrant is where it belongs
    bottom = image.pixelColor(image.width() // 2, image.height() - 4)
    assert bottom.blue() > 150 and bottom.red() < 90


def test_drop_files_on_the_panel(qtbot, make_form, store: Store, tmp_path: Path):
    form = make_form()
    form.go_to_section(6)
    path = write_file(tmp_path, "seret.jpg", small_jpeg(seed=5))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    with qtbot.waitSignal(form.photo_panel.import_finished, timeout=20_000):
        form.photo_panel.dropEvent(event)
    wait_idle(qtbot, form)
    assert len(visits.photos_of(store, form.visit.id)) == 1


def test_same_house_photo_on_another_family_warns(qtbot, make_form, store: Store, vault, tmp_path: Path):
    other = seed_motorbike_family(store, "Markus Nope", serial=7)
    other_visit = visits.start_visit(store, household_id=other.id, officer="pendamping")
    raw = small_jpeg(seed=9)
    visits.attach_photo(store, vault, visit_id=other_visit.id, processed=process_photo(raw), original=raw,
                        kind=PhotoKind.HOUSE_FRONT)  # fmt: skip
    form = make_form()
    forwarded = Image.open(io.BytesIO(raw)).resize((640, 480))
    path = write_file(tmp_path, "kiriman_wa.jpg", phone_jpeg(image=forwarded, quality=70))
    import_and_wait(qtbot, form, [path], PhotoKind.HOUSE_FRONT)
    row = next(iter(form.photo_panel.rows.values()))
    assert not row.warning.isHidden()
    assert "Markus Nope" in row.warning.text() and "keluarga lain" in row.warning.text()
    # A document photo is not a house photo: no warning for it.
    row.kind.setCurrentIndex(row.kind.findData(str(PhotoKind.KK)))
    assert row.warning.isHidden()


def test_removing_a_photo_updates_the_checklist(qtbot, make_form, store: Store, tmp_path: Path):
    form = make_form()
    import_and_wait(
        qtbot, form, [write_file(tmp_path, "depan.jpg", small_jpeg(seed=1))], PhotoKind.HOUSE_FRONT
    )
    assert form.photo_panel.missing_required() == ["rumah_dalam"]
    row = next(iter(form.photo_panel.rows.values()))
    qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, form)
    assert visits.photos_of(store, form.visit.id) == []
    assert form.photo_panel.missing_required() == ["rumah_depan", "rumah_dalam"]
    assert "✘</span> Rumah bagian depan" in form.photo_panel.checklist.text()
