"""The photo vault: encrypted at rest, content-addressed, tamper-evident, atomic."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.store import vault as vault_module
from app.store.errors import CorruptStoreError, StoreError
from app.store.vault import BlobDamagedError, BlobMissingError, PhotoVault

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
# A byte pattern that must never reach the disk in clear: what a KTP photo's text would look like.
SECRET = b"NIK 3578123456789012 SITI AMINAH " * 200


@pytest.fixture
def vault(tmp_path: Path) -> PhotoVault:
    return PhotoVault(tmp_path / "vault", KEY)


def all_disk_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_round_trip_is_addressed_by_sha256(vault: PhotoVault) -> None:
    sha = vault.put(SECRET)
    assert sha == hashlib.sha256(SECRET).hexdigest()
    assert vault.has(sha)
    assert vault.get(sha) == SECRET
    assert vault.path_for(sha).name == sha
    assert list(vault.blobs()) == [sha]


def test_put_is_idempotent(vault: PhotoVault) -> None:
    sha = vault.put(SECRET)
    before = vault.path_for(sha).read_bytes()
    assert vault.put(SECRET) == sha
    assert vault.path_for(sha).read_bytes() == before


def test_no_plaintext_on_disk(vault: PhotoVault, tmp_path: Path) -> None:
    vault.put(SECRET)
    vault.put_original("3f2c9a1e-0000-4000-8000-000000000001", SECRET + b"original")
    on_disk = all_disk_bytes(tmp_path / "vault")
    assert len(on_disk) > 2 * len(SECRET)
    assert b"3578123456789012" not in on_disk
    assert b"SITI AMINAH" not in on_disk


def test_same_plaintext_encrypts_differently_each_time(tmp_path: Path) -> None:
    a = PhotoVault(tmp_path / "a", KEY)
    b = PhotoVault(tmp_path / "b", KEY)
    sha = a.put(SECRET)
    b.put(SECRET)
    assert a.path_for(sha).read_bytes() != b.path_for(sha).read_bytes()  # fresh nonce per write


@pytest.mark.parametrize("where", [0, 4, 10, 40, -1])
def test_tampered_file_is_refused(vault: PhotoVault, where: int) -> None:
    sha = vault.put(SECRET)
    path = vault.path_for(sha)
    data = bytearray(path.read_bytes())
    data[where] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(BlobDamagedError) as caught:
        vault.get(sha)
    assert isinstance(caught.value, CorruptStoreError)
    assert "rusak" in caught.value.message and "damaged" in caught.value.english


def test_truncated_file_is_refused(vault: PhotoVault) -> None:
    sha = vault.put(SECRET)
    path = vault.path_for(sha)
    path.write_bytes(path.read_bytes()[:20])
    with pytest.raises(BlobDamagedError):
        vault.get(sha)


def test_file_moved_to_another_address_is_refused(vault: PhotoVault) -> None:
    sha_a = vault.put(SECRET)
    sha_b = vault.put(b"another photo")
    os.replace(vault.path_for(sha_a), vault.path_for(sha_b))
    with pytest.raises(BlobDamagedError):
        vault.get(sha_b)


def test_wrong_key_cannot_read(vault: PhotoVault, tmp_path: Path) -> None:
    sha = vault.put(SECRET)
    with pytest.raises(BlobDamagedError):
        PhotoVault(tmp_path / "vault", OTHER_KEY).get(sha)


def test_missing_blob(vault: PhotoVault) -> None:
    with pytest.raises(BlobMissingError) as caught:
        vault.get("0" * 64)
    assert isinstance(caught.value, StoreError)


def test_delete(vault: PhotoVault) -> None:
    sha = vault.put(SECRET)
    vault.delete(sha)
    assert not vault.has(sha)
    vault.delete(sha)  # deleting twice is fine


def test_addresses_are_validated_against_path_tricks(vault: PhotoVault) -> None:
    for bad in ("../../etc/passwd", "A" * 64, "0" * 63, ""):
        with pytest.raises(ValueError):
            vault.path_for(bad)
    with pytest.raises(ValueError):
        vault.put_original("../escape", b"x")


def test_bad_key_length(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        PhotoVault(tmp_path, b"short")


def test_partials_lists_downloads_in_progress_with_their_last_write(vault: PhotoVault) -> None:
    a, b = hashlib.sha256(b"a").hexdigest(), hashlib.sha256(b"b").hexdigest()
    vault.append_partial(a, 0, b"first piece")
    vault.append_partial(b, 0, b"another")
    os.utime(vault._partial_path(b), (1_000_000.0, 1_000_000.0))
    (vault.directory / "partial" / "notes.txt").write_text("not a download")  # not an address: ignored
    vault.put(SECRET)  # a finished blob is no download in progress
    assert dict(vault.partials()) == {a: vault._partial_path(a).stat().st_mtime, b: 1_000_000.0}
    vault.drop_partial(a)
    assert [sha for sha, _ in vault.partials()] == [b]


def test_original_kept_until_dropped(vault: PhotoVault) -> None:
    photo_id = "3f2c9a1e-0000-4000-8000-000000000001"
    camera = b"\xff\xd8\xff" + SECRET
    vault.put_original(photo_id, camera)
    assert vault.has_original(photo_id)
    assert vault.get_original(photo_id) == camera
    assert list(vault.blobs()) == []  # originals are not upload blobs
    vault.drop_original(photo_id)
    assert not vault.has_original(photo_id)
    with pytest.raises(BlobMissingError):
        vault.get_original(photo_id)


def test_original_swapped_between_photos_is_refused(vault: PhotoVault) -> None:
    vault.put_original("photo-a", b"A" * 100)
    vault.put_original("photo-b", b"B" * 100)
    os.replace(vault._original_path("photo-a"), vault._original_path("photo-b"))
    with pytest.raises(BlobDamagedError):
        vault.get_original("photo-b")


def test_failed_write_leaves_no_partial_file(vault: PhotoVault, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(vault_module.os, "fsync", disk_full)
    with pytest.raises(OSError):
        vault.put(SECRET)
    monkeypatch.undo()
    sha = hashlib.sha256(SECRET).hexdigest()
    assert not vault.has(sha)
    assert [p for p in vault.directory.rglob("*") if p.is_file()] == []


def test_failed_replace_keeps_the_previous_original(
    vault: PhotoVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.put_original("photo-a", b"first version")

    def crash(src: object, dst: object) -> None:
        raise KeyboardInterrupt  # the worst moment: after the temp file is complete, before the rename

    monkeypatch.setattr(vault_module.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        vault.put_original("photo-a", b"second version")
    monkeypatch.undo()
    assert vault.get_original("photo-a") == b"first version"
    assert not list(vault.directory.rglob("*.tmp"))


def test_stale_temp_files_from_a_crash_are_cleaned_on_open(tmp_path: Path) -> None:
    PhotoVault(tmp_path / "v", KEY)
    stale = tmp_path / "v" / "blobs" / f"{'a' * 64}.1234abcd.tmp"
    stale.write_bytes(b"half a photo")
    PhotoVault(tmp_path / "v", KEY)
    assert not stale.exists()
