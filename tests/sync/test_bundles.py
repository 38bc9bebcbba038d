"""Sync bundles for a USB stick: the officer's push bundle into the server, the server's pull bundle into
the app, and every way a bundle is refused whole (damaged, truncated, someone else's, too new)."""

from __future__ import annotations

import io
import json
import random
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import requests

from app.cli import main as cli_main
from app.core.models import Member
from app.server.bundles import export_pull_bundle, import_push_bundle
from app.server.runner import ServerThread
from app.store import pull as store_pull
from app.sync import bundle_format
from app.sync.blob_protocol import BUNDLE_CHECKSUM_PREFIX, BUNDLES_PATH
from app.sync.bundle import export_push_bundle, import_pull_bundle
from app.sync.bundle_format import BundleError
from app.sync.engine import SyncEngine
from app.sync.photo_sync import PhotoSync
from app.sync.protocol import PROTOCOL_VERSION
from tests.serverkit import PASSWORDS, VILLAGE, server_rows
from tests.sync.photo_kit import Officer, blob_bytes, open_officer, photo_server, save_photo, server_blobs


def _without_versions(rows: dict[tuple[str, str], dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {k: {f: v for f, v in row.items() if f != "version"} for k, row in rows.items()}


def _day_of_work(officer: Officer, rng: random.Random) -> None:
    """Edits, a new member and two photos, made offline."""
    household_ids = officer.store.household_ids()
    household, _members = officer.store.household(household_ids[0])  # type: ignore[misc]
    officer.store.save(household.model_copy(update={"address": "Dusun Flash Disk"}))
    officer.store.save(
        Member(village_code=VILLAGE, household_id=household.id, nik="5302039999990001", name="Bayi USB")
    )
    for hid in household_ids[1:3]:
        save_photo(officer, hid, blob_bytes(rng), thumbnail=blob_bytes(rng, 3_000, 6_000))


def _copy_officer(source: Path, target: Path) -> None:
    shutil.copytree(source, target)


def _rebuild(data: bytes, change_manifest: Any) -> bytes:
    """The same bundle with its manifest edited and a correct checksum (a bundle a newer app could write)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    change_manifest(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
        archive.comment = BUNDLE_CHECKSUM_PREFIX + b"0" * 64
    raw = bytearray(buffer.getvalue())
    import hashlib

    raw[-64:] = hashlib.sha256(bytes(raw[:-64])).hexdigest().encode()
    return bytes(raw)


@pytest.fixture
def two_servers(tmp_path: Path):  # noqa: ANN201
    with photo_server(tmp_path / "network") as network, photo_server(tmp_path / "usb") as usb:
        yield network, usb


def test_bundle_import_equals_a_network_sync_and_is_idempotent(tmp_path: Path, two_servers) -> None:  # noqa: ANN001
    network, usb = two_servers
    first = open_officer(tmp_path / "officer", network.url)
    SyncEngine(first.store, first.client).sync()
    _day_of_work(first, random.Random(1))
    first.close()
    _copy_officer(tmp_path / "officer", tmp_path / "officer-usb")

    by_network = open_officer(tmp_path / "officer", network.url)
    try:
        report = SyncEngine(
            by_network.store,
            by_network.client,
            photos=PhotoSync(by_network.client, by_network.store, by_network.vault),
        ).sync()
        assert report.pending_after == 0
    finally:
        by_network.close()

    by_usb = open_officer(tmp_path / "officer-usb", usb.url, login=False)
    try:
        summary = export_push_bundle(
            by_usb.store, by_usb.vault, tmp_path / "day.bundle", username="pendamping", areas=[VILLAGE]
        )
        assert summary.mutations == 4 and summary.blobs == 4 and not summary.missing_blobs
    finally:
        by_usb.close()
    data = (tmp_path / "day.bundle").read_bytes()
    store = usb.app_blob_store if hasattr(usb, "app_blob_store") else server_blobs(usb.settings)
    result = import_push_bundle(usb.engine, store, data)
    assert (result.applied, result.rejected, result.blobs_stored) == (4, 0, 4)
    rows_network = server_rows(network.engine, {VILLAGE})
    rows_usb = server_rows(usb.engine, {VILLAGE})
    assert _without_versions(rows_usb) == _without_versions(rows_network)
    for name in (
        n for n in server_blobs(network.settings).root.rglob("*") if n.is_file() and ".tmp" not in n.parts
    ):
        assert server_blobs(usb.settings).read(name.name) == name.read_bytes()
    # The same bundle again, this time over HTTP from the kecamatan office PC: nothing changes.
    with requests.Session() as http:
        token = http.post(
            f"{usb.url}/auth/login",
            json={"username": "pendamping", "password": PASSWORDS["pendamping"]},
            timeout=10,
        ).json()["token"]
        again = http.post(
            usb.url + BUNDLES_PATH, data=data, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        assert again.status_code == 200, again.text
        assert again.json()["duplicate"] == 4 and again.json()["applied"] == 0
        other = http.post(
            f"{usb.url}/auth/login",
            json={"username": "pendamping2", "password": PASSWORDS["pendamping2"]},
            timeout=10,
        ).json()
        refused = http.post(
            usb.url + BUNDLES_PATH,
            data=data,
            headers={"Authorization": f"Bearer {other['token']}"},
            timeout=30,
        )
        assert refused.status_code == 422 and "milik Anda sendiri" in refused.json()["detail"]
    assert server_rows(usb.engine, {VILLAGE}) == rows_usb


def _export(tmp_path: Path, server: ServerThread, username: str = "pendamping") -> bytes:
    officer = open_officer(tmp_path / "officer", server.url)
    try:
        SyncEngine(officer.store, officer.client).sync()
        _day_of_work(officer, random.Random(2))
        export_push_bundle(
            officer.store, officer.vault, tmp_path / "x.bundle", username=username, areas=[VILLAGE]
        )
    finally:
        officer.close()
    return (tmp_path / "x.bundle").read_bytes()


@pytest.mark.parametrize("damage", ["flip", "truncate", "other_scope", "newer", "not_a_bundle"])
def test_a_bad_bundle_is_refused_whole(tmp_path: Path, damage: str) -> None:
    with photo_server(tmp_path) as server:
        data = _export(tmp_path, server, "pendamping2" if damage == "other_scope" else "pendamping")
        rng = random.Random(damage)
        if damage == "flip":
            spot = rng.randrange(len(data))
            data = data[:spot] + bytes([data[spot] ^ 0x01]) + data[spot + 1 :]
            expected = "rusak"
        elif damage == "truncate":
            data = data[: rng.randrange(len(data) // 3, len(data) - 1)]
            expected = "rusak atau tidak lengkap"
        elif damage == "other_scope":
            expected = "bukan wilayah tugas pendamping2"
        elif damage == "newer":
            data = _rebuild(
                data, lambda m: m.update(protocol_version=PROTOCOL_VERSION + 1, app_version="9.0.0")
            )
            expected = "versi aplikasi yang lebih baru (9.0.0"
        else:
            data = b"PK\x03\x04 bukan bundel"
            expected = "rusak"
        before = server_rows(server.engine, {VILLAGE})
        with pytest.raises(BundleError) as refused:
            import_push_bundle(server.engine, server_blobs(server.settings), data)
        assert expected in refused.value.message
        assert server_rows(server.engine, {VILLAGE}) == before
        assert not [p for p in server_blobs(server.settings).root.rglob("*") if p.is_file()]


def test_pull_bundle_brings_the_scope_like_a_pull_and_only_once(tmp_path: Path) -> None:
    rng = random.Random(3)
    with photo_server(tmp_path) as server:
        # Another officer's photo is on the server: its thumbnail travels in the pull bundle.
        colleague = open_officer(tmp_path / "colleague", server.url, "supervisor")
        try:
            SyncEngine(colleague.store, colleague.client).sync()
            photo = save_photo(
                colleague,
                colleague.store.household_ids()[0],
                blob_bytes(rng),
                thumbnail=blob_bytes(rng, 3_000, 5_000),
            )
            SyncEngine(
                colleague.store,
                colleague.client,
                photos=PhotoSync(colleague.client, colleague.store, colleague.vault),
            ).sync()
        finally:
            colleague.close()
        data = export_pull_bundle(server.engine, server_blobs(server.settings), username="pendamping")
        officer = open_officer(tmp_path / "officer", server.url, login=False)
        try:
            summary = import_pull_bundle(officer.store, officer.vault, data, username="pendamping")
            assert summary.changes > 0 and summary.blobs == 1
            assert officer.vault.has(photo.thumbnail_sha256) and not officer.vault.has(photo.sha256)
            assert store_pull.local_rows(officer.store) == server_rows(server.engine, {VILLAGE})
            again = import_pull_bundle(officer.store, officer.vault, data, username="pendamping")
            assert again.already_imported and again.changes == 0
            with pytest.raises(BundleError) as other:
                import_pull_bundle(officer.store, officer.vault, data, username="pendamping2")
            assert "bukan untuk pendamping2" in other.value.message
            with pytest.raises(BundleError):
                import_pull_bundle(officer.store, officer.vault, data[:-10], username="pendamping")
        finally:
            officer.close()


def test_cli_exports_and_the_server_cli_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with photo_server(tmp_path) as server:
        data = _export(tmp_path, server)
        (tmp_path / "day.bundle").write_bytes(data)
        args = [
            "server",
            "--data-dir",
            str(server.settings.data_dir),
            "--database-url",
            server.settings.effective_database_url,
            "import-bundle",
            str(tmp_path / "day.bundle"),
        ]
        assert cli_main(args) == 0
        assert "4 baru" in capsys.readouterr().out
        assert cli_main(args) == 0
        assert "4 sudah ada" in capsys.readouterr().out
        (tmp_path / "bad.bundle").write_bytes(data[:-5])
        args[-1] = str(tmp_path / "bad.bundle")
        assert cli_main(args) == 1
        assert "rusak" in capsys.readouterr().err
        out = tmp_path / "for-officer.bundle"
        assert (
            cli_main(
                [
                    "server",
                    "--data-dir",
                    str(server.settings.data_dir),
                    "--database-url",
                    server.settings.effective_database_url,
                    "export-bundle",
                    "pendamping",
                    "--out",
                    str(out),
                ]
            )
            == 0
        )
        assert bundle_format.read(out.read_bytes()).manifest.kind == "pull"
