"""The server's content-addressed photo store (DESIGN §2, §11): blobs named by their sha256.

Callers (the tus completion hook, the download endpoint, bundle import) talk to the `BlobStore`
protocol only, so an S3-compatible object store can replace the filesystem one by configuration: its
`put_file` would stream the verified file to `<bucket>/<sha[:2]>/<sha>` with a conditional put, and
`open_range` would map to a ranged GET. Every write verifies the hash first; a blob is never
visible under a name its bytes do not hash to.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_READ = 256 * 1024


class BlobError(Exception):
    """A blob could not be stored; `message` is Bahasa Indonesia."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BlobHashMismatch(BlobError):
    """The bytes do not hash to the name they were sent under (damaged in transit or on disk)."""


def is_sha256(value: str) -> bool:
    return bool(SHA256_RE.fullmatch(value))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_READ):
            digest.update(block)
    return digest.hexdigest()


class BlobStore(Protocol):
    def has(self, sha256: str) -> bool: ...

    def missing(self, hashes: Iterable[str]) -> list[str]:
        """Those of `hashes` the store does not hold, in the order given, without repeats."""
        ...

    def size(self, sha256: str) -> int | None:
        """Byte size, or None when absent."""
        ...

    def put_file(self, sha256: str, path: Path) -> bool:
        """Verify `path` hashes to `sha256` and take it in (the file is consumed). False if already held.

        Raises BlobHashMismatch (the file is removed) when the bytes do not match.
        """
        ...

    def put_bytes(self, data: bytes, sha256: str | None = None) -> str: ...

    def read(self, sha256: str) -> bytes: ...

    def open_range(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        """Bytes [start, end) of the blob, in pieces."""
        ...

    def delete(self, sha256: str) -> None: ...


class FileBlobStore:
    """Blobs as files `<root>/<sha[:2]>/<sha>`, written through a temp file, fsync and rename."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._tmp = self.root / ".tmp"
        self._tmp.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return is_sha256(sha256) and self.path_for(sha256).is_file()

    def missing(self, hashes: Iterable[str]) -> list[str]:
        out: list[str] = []
        seen: set[str] = set()
        for sha in hashes:
            if sha in seen:
                continue
            seen.add(sha)
            if not self.has(sha):
                out.append(sha)
        return out

    def size(self, sha256: str) -> int | None:
        try:
            return self.path_for(sha256).stat().st_size
        except (FileNotFoundError, ValueError):
            return None

    def put_file(self, sha256: str, path: Path) -> bool:
        target = self.path_for(sha256)
        # Copy to our own temp file first: the source may be on another filesystem (tus upload dir).
        tmp = self._tmp / f"{sha256}.{secrets.token_hex(4)}"
        try:
            digest = hashlib.sha256()
            with open(path, "rb") as src, open(tmp, "wb") as dst:
                while block := src.read(_READ):
                    digest.update(block)
                    dst.write(block)
                dst.flush()
                os.fsync(dst.fileno())
            if digest.hexdigest() != sha256:
                raise BlobHashMismatch(
                    f"Isi foto tidak cocok dengan sidiknya ({sha256[:12]}…); foto akan dikirim ulang."
                )
            if target.exists():
                return False
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
            return True
        finally:
            tmp.unlink(missing_ok=True)
            Path(path).unlink(missing_ok=True)

    def put_bytes(self, data: bytes, sha256: str | None = None) -> str:
        actual = hashlib.sha256(data).hexdigest()
        if sha256 is not None and sha256 != actual:
            raise BlobHashMismatch(f"Isi foto tidak cocok dengan sidiknya ({sha256[:12]}…).")
        target = self.path_for(actual)
        if target.exists():
            return actual
        tmp = self._tmp / f"{actual}.{secrets.token_hex(4)}"
        try:
            with open(tmp, "wb") as dst:
                dst.write(data)
                dst.flush()
                os.fsync(dst.fileno())
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
        finally:
            tmp.unlink(missing_ok=True)
        return actual

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def open_range(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        path = self.path_for(sha256)

        def pieces() -> Iterator[bytes]:
            with open(path, "rb") as handle:
                handle.seek(start)
                left = end - start
                while left > 0:
                    block = handle.read(min(_READ, left))
                    if not block:
                        return
                    left -= len(block)
                    yield block

        return pieces()

    def delete(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def clear_tmp(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)
        self._tmp.mkdir(parents=True, exist_ok=True)


def open_blob_store(blob_dir: Path) -> BlobStore:
    """The configured store. Only the filesystem exists today; an object store plugs in here."""
    return FileBlobStore(blob_dir)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
