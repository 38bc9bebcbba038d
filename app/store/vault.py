"""The photo vault: photos encrypted at rest on the officer's laptop (DESIGN §9, UU 27/2022).

Processed photos and thumbnails are content-addressed by the sha256 of their plaintext, the same
address the server and the sync protocol use. Camera originals are kept under the photo's id until the
server confirms the processed photo, then dropped; they are never uploaded.

On disk each file is `MAGIC + nonce (12) + AES-256-GCM ciphertext+tag`, with the blob's sha256 (or
the original's id) as associated data, so a file renamed onto another address fails to open just
like a file whose bytes were changed. A download in progress is kept under its sha256 in `partial/`,
as the pieces received so far, each sealed on its own (length, nonce, ciphertext+tag; the address
and the piece's offset as associated data), so it survives an app restart and resumes from the byte
it reached; a piece torn by a crash fails its tag and is dropped with everything after it. The vault
key is derived from the store key with HKDF, keeping the database cipher and the photo cipher on
separate keys. Writes go through a temp file, fsync and os.replace: a crash leaves either the old
state or the complete new file, never half a photo.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.store.errors import CorruptStoreError, StoreError

MAGIC = b"VDV1"  # format version: a future key rotation or cipher change gets a new magic
NONCE_BYTES = 12
KEY_BYTES = 32
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PHOTO_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}")
_TMP_SUFFIX = ".tmp"


class BlobMissingError(StoreError):
    """The vault has no photo under that address (never stored, or already dropped)."""


class BlobDamagedError(CorruptStoreError):
    """A vault file fails authentication: changed on disk, truncated, or encrypted with another key."""


class PhotoVault:
    def __init__(self, directory: Path, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("the vault key must be 32 bytes")
        self.directory = Path(directory)
        self._blobs = self.directory / "blobs"
        self._originals = self.directory / "originals"
        self._partials = self.directory / "partial"
        for folder in (self._blobs, self._originals, self._partials):
            folder.mkdir(parents=True, exist_ok=True)
            for stale in folder.glob(f"*{_TMP_SUFFIX}"):  # left by a crash mid-write
                stale.unlink(missing_ok=True)
        vault_key = HKDF(
            algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=b"verval-desa photo vault v1"
        )
        self._aead = AESGCM(vault_key.derive(key))

    # --- processed photos and thumbnails, by sha256 of the plaintext --------------------------------

    def put(self, data: bytes) -> str:
        """Store `data` encrypted; return its sha256. Storing the same bytes again is a no-op."""
        sha256 = hashlib.sha256(data).hexdigest()
        path = self.path_for(sha256)
        if not path.exists():
            self._write(path, data, sha256.encode("ascii"))
        return sha256

    def get(self, sha256: str) -> bytes:
        """The plaintext, after checking the GCM tag and that it still hashes to its address."""
        data = self._read(self.path_for(sha256), sha256.encode("ascii"), what=sha256)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise _damaged(sha256)
        return data

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def delete(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def path_for(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a lowercase sha256 hex digest: {sha256!r}")
        return self._blobs / sha256

    def blobs(self) -> Iterator[str]:
        """Every stored address, for garbage collection against the photo table."""
        for path in self._blobs.iterdir():
            if _SHA256.fullmatch(path.name):
                yield path.name

    # --- camera originals, by photo id, kept until the server confirms ------------------------------

    def put_original(self, photo_id: str, data: bytes) -> None:
        self._write(self._original_path(photo_id), data, _original_ad(photo_id))

    def get_original(self, photo_id: str) -> bytes:
        return self._read(self._original_path(photo_id), _original_ad(photo_id), what=photo_id)

    def has_original(self, photo_id: str) -> bool:
        return self._original_path(photo_id).exists()

    def drop_original(self, photo_id: str) -> None:
        """Forget the original once the server has confirmed the processed photo."""
        self._original_path(photo_id).unlink(missing_ok=True)

    def _original_path(self, photo_id: str) -> Path:
        if not _PHOTO_ID.fullmatch(photo_id):
            raise ValueError(f"not a photo id: {photo_id!r}")
        return self._originals / photo_id

    # --- downloads in progress, by sha256 -----------------------------------------------------------

    def partial(self, sha256: str) -> bytes:
        """The bytes of an interrupted download of `sha256` received so far (b"" if none).

        Reading stops at the first piece that fails to open (a crash mid-append); the file is cut
        back to the pieces that did, so the next append continues from there.
        """
        path = self._partial_path(sha256)
        try:
            sealed = path.read_bytes()
        except FileNotFoundError:
            return b""
        if not sealed.startswith(MAGIC):
            path.unlink(missing_ok=True)
            return b""
        data = bytearray()
        position = len(MAGIC)
        while position + 4 + NONCE_BYTES <= len(sealed):
            length = int.from_bytes(sealed[position : position + 4], "big")
            start = position + 4 + NONCE_BYTES
            if start + length > len(sealed):
                break
            nonce = sealed[position + 4 : start]
            associated = _partial_ad(sha256, len(data))
            try:
                data += self._aead.decrypt(nonce, sealed[start : start + length], associated)
            except InvalidTag:
                break
            position = start + length
        if position < len(sealed):
            with open(path, "r+b") as handle:
                handle.truncate(position)
        return bytes(data)

    def append_partial(self, sha256: str, offset: int, piece: bytes) -> None:
        """Add the piece that starts at `offset` (the length of `partial(sha256)`) to the download."""
        path = self._partial_path(sha256)
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, piece, _partial_ad(sha256, offset))
        with open(path, "ab") as handle:
            if handle.tell() == 0:
                handle.write(MAGIC)
            handle.write(len(sealed).to_bytes(4, "big") + nonce + sealed)

    def drop_partial(self, sha256: str) -> None:
        self._partial_path(sha256).unlink(missing_ok=True)

    def partials(self) -> Iterator[tuple[str, float]]:
        """Every download in progress, with when its last piece was written (a POSIX timestamp)."""
        for path in self._partials.iterdir():
            if not _SHA256.fullmatch(path.name):
                continue
            try:
                written = path.stat().st_mtime
            except FileNotFoundError:  # finished or dropped while listing
                continue
            yield path.name, written

    def _partial_path(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a lowercase sha256 hex digest: {sha256!r}")
        return self._partials / sha256

    # --- file format ---------------------------------------------------------------------------------

    def _write(self, path: Path, data: bytes, associated: bytes) -> None:
        nonce = secrets.token_bytes(NONCE_BYTES)  # random 96-bit nonces: safe far beyond a laptop's photos
        sealed = MAGIC + nonce + self._aead.encrypt(nonce, data, associated)
        tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}{_TMP_SUFFIX}")
        try:
            with open(tmp, "wb") as handle:
                handle.write(sealed)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_directory(path.parent)

    def _read(self, path: Path, associated: bytes, *, what: str) -> bytes:
        try:
            sealed = path.read_bytes()
        except FileNotFoundError:
            raise BlobMissingError(
                f"Foto {what[:12]}… tidak ada di penyimpanan lokal.",
                f"Photo {what[:12]}… is not in the local vault.",
            ) from None
        if not sealed.startswith(MAGIC) or len(sealed) < len(MAGIC) + NONCE_BYTES + 16:
            raise _damaged(what)
        nonce = sealed[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, sealed[len(MAGIC) + NONCE_BYTES :], associated)
        except InvalidTag:
            raise _damaged(what) from None


def _partial_ad(sha256: str, offset: int) -> bytes:
    return f"partial/{sha256}/{offset}".encode("ascii")


def _original_ad(photo_id: str) -> bytes:
    return b"original/" + photo_id.encode("ascii")


def _damaged(what: str) -> BlobDamagedError:
    return BlobDamagedError(
        f"Berkas foto {what[:12]}… rusak atau telah diubah; foto ini harus diambil atau diunduh ulang.",
        f"Photo file {what[:12]}… is damaged or was altered; take or download the photo again.",
    )


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


VAULT_DIRNAME = "photos"


def user_vault(user_dir: Path, key: bytes) -> PhotoVault:
    """The signed-in officer's vault: one place, beside their store, for the app, the CLI and sync."""
    return PhotoVault(user_dir / VAULT_DIRNAME, key)
