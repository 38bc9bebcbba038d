"""The dossier PDF: the SKTM letter's text and the photos, decrypted from the vault and embedded."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from app.core.demo import generate_demo
from app.core.dossier import LetterSettings, build_dossier
from app.core.models import Photo, PhotoKind, Request, RequestKind
from app.core.rules import default_pack
from app.store.vault import PhotoVault
from app.ui.dossier_pdf import render_dossier_pdf

KINDS = [PhotoKind.HOUSE_FRONT, PhotoKind.HOUSE_INSIDE, PhotoKind.KK, PhotoKind.KTP, PhotoKind.KTP,
         PhotoKind.INCOME_PROOF, PhotoKind.KITCHEN, PhotoKind.DOMICILE_LETTER]  # fmt: skip
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (Debian poppler-utils) is not installed"
)


def jpeg(seed: int) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (640, 480), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y = rng.randrange(600), rng.randrange(440)
        draw.rectangle(
            (x, y, x + 40, y + 40), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256))
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


@pytest.fixture
def dossier_and_vault(tmp_path: Path):  # type: ignore[no-untyped-def]
    district = generate_demo(households=30, neighbour_households=0)
    hid = next(h for h, name in district.scenario.items() if name.startswith("DAFTAR-ULANG"))
    household = next(h for h in district.households if h.id == hid)
    members = district.members_of(hid)
    vault = PhotoVault(tmp_path / "vault", bytes(range(32)))
    photos = [
        Photo(
            village_code=household.village_code,
            household_id=hid,
            kind=kind,
            sha256=vault.put(jpeg(i)),
            taken_at=datetime(2026, 11, 20, 9, i, tzinfo=UTC),
            latitude=-9.6531,
            longitude=124.2598,
            taken_by="sekdes",
        )
        for i, kind in enumerate(KINDS)
    ]
    request = Request(
        village_code=household.village_code,
        household_id=hid,
        kind=RequestKind.RE_REGISTRATION,
        sktm_number="400.9.2/012/EONB/2026",
        details={
            "purpose": "pendaftaran ulang sebagai penerima PKH",
            "cover_letter_number": "07/RT.005/XI/2026",
        },
    )
    dossier = build_dossier(
        request, household, members, [v for v in district.visits if v.household_id == hid], photos,
        settings=LetterSettings(head_name="Yohanis Nubatonis"), today=date(2026, 11, 23), pack=default_pack(),
    )  # fmt: skip
    return dossier, vault, members


def test_pdf_embeds_every_photo_from_the_vault(qapp, dossier_and_vault, tmp_path: Path) -> None:
    dossier, vault, _members = dossier_and_vault
    out = tmp_path / "dossier.pdf"
    report = render_dossier_pdf(dossier, out, vault.get)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert report.photos_embedded == len(KINDS) and report.photos_missing == []
    assert data.count(b"/Subtype /Image") == len(KINDS)
    # Letter + summary + 8 photos two per page.
    assert report.pages >= 2 + len(KINDS) // 2


def test_missing_blob_is_reported_not_fatal(qapp, dossier_and_vault, tmp_path: Path) -> None:
    dossier, vault, _members = dossier_and_vault
    gone = dossier.photos[0].sha256
    vault.delete(gone)
    report = render_dossier_pdf(dossier, tmp_path / "d.pdf", vault.get)
    assert report.photos_missing == [dossier.photos[0].photo_id]
    assert report.photos_embedded == len(KINDS) - 1


@needs_poppler
def test_pdf_text_has_the_letter(qapp, dossier_and_vault, tmp_path: Path) -> None:
    dossier, vault, members = dossier_and_vault
    out = tmp_path / "dossier.pdf"
    render_dossier_pdf(dossier, out, vault.get)
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(first.split())
    assert "SURAT KETERANGAN TIDAK MAMPU" in flat
    assert "PEMERINTAH KABUPATEN TIMOR TENGAH SELATAN" in flat and "DESA EONBESI" in flat
    assert "Nomor: 400.9.2/012/EONB/2026" in flat
    head = next(m for m in members if m.relation == "kepala")
    assert head.nik in flat
    assert "untuk keperluan pendaftaran ulang sebagai penerima PKH" in flat
    assert "Eonbesi, 23 November 2026" in flat and "Yohanis Nubatonis" in flat
    everything = " ".join(
        subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "DOSIER PERMOHONAN" in everything and "Kelengkapan dokumen" in everything
    assert "DAFTAR-ULANG" in everything  # the verdict's reasons
    assert "Foto 8." in everything


@needs_poppler
def test_cli_renders_from_the_local_store_and_numbers_the_letter(qapp, tmp_path: Path, monkeypatch) -> None:
    from app.cli import main
    from app.core.sktm import SktmBlock
    from app.store.keys import KdfParams, derive_key, save_params
    from app.store.store import Store
    from app.sync.account import user_dir
    from app.ui.requests.data import add_sktm_block, new_request, vault_for

    district = generate_demo(households=30, neighbour_households=0)
    hid = next(h for h, name in district.scenario.items() if name.startswith("DAFTAR-ULANG"))
    household = next(h for h in district.households if h.id == hid)
    folder = user_dir(tmp_path, "sekdes")
    params = KdfParams(salt_hex="00" * 16, time_cost=1, memory_kib=8, parallelism=1)
    save_params(folder / "profile.json", params)
    key = derive_key("rahasia-sekdes", params)
    store = Store.open(folder / "store.db", key)
    store.save_many([household, *district.members_of(hid)])
    add_sktm_block(store, SktmBlock(village_code=household.village_code, year=2026, first=41, last=60))
    request = new_request(store, kind="daftar_ulang", village_code=household.village_code, household_id=hid,
                          created_by="sekdes", details={"purpose": "pendaftaran ulang PKH"})  # fmt: skip
    store.save(Photo(village_code=household.village_code, household_id=hid, kind=PhotoKind.KK,
                     sha256=vault_for(folder, key).put(jpeg(1))))  # fmt: skip
    store.close()

    monkeypatch.setenv("VERVAL_PASSWORD", "rahasia-sekdes")
    out = tmp_path / "cli.pdf"
    code = main(["dossier", "render", request.id[:8], "--out", str(out), "--data-dir", str(tmp_path),
                 "--user", "sekdes", "--number", "--date", "2026-11-23"])  # fmt: skip
    assert code == 0
    text = " ".join(
        subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Nomor: 400.9.2/041/EONB/2026" in text
    assert out.read_bytes().count(b"/Subtype /Image") == 1
    store = Store.open(folder / "store.db", key)
    try:
        saved = store.get(Request, request.id)
        assert saved is not None and saved.sktm_number == "400.9.2/041/EONB/2026"  # type: ignore[attr-defined]
        assert store.pending_count() >= 3  # the number travels to the server with the request
    finally:
        store.close()
    wrong = main(["dossier", "render", request.id, "--out", str(out), "--data-dir", str(tmp_path),
                  "--user", "sekdes", "--password", "salah"])  # fmt: skip
    assert wrong == 2
