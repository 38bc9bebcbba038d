"""The sync bundle file (DESIGN §5): the same push or pull as the network, as one file for a USB stick.

A bundle is an ordinary zip:

    manifest.json        BundleManifest: kind (push | pull), app/protocol/schema versions, user, areas,
                         and the sha256 and size of every other member
    mutations.json       push: the outbox mutations, in order
    changes.json         pull: the server's changes after `after_cursor`, up to `next_cursor`
    blobs/<sha256>       photo blobs (push: the photos the mutations reference; pull: thumbnails)

and its zip comment is `verval-sha256:<hex>`, the sha256 of every byte of the file before that hex,
so one flipped bit anywhere or a truncated copy is caught before anything is read. A bundle is taken
whole or refused whole: every check below runs before the caller applies anything.

Shared by the client and the server: imports nothing that talks HTTP and no store.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

import app as app_package
from app.sync.blob_protocol import (
    BUNDLE_CHECKSUM_PREFIX,
    BUNDLE_FORMAT,
    BUNDLE_FORMAT_VERSION,
    BundleManifest,
    BundleMember,
)
from app.sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION

MANIFEST = "manifest.json"
MUTATIONS = "mutations.json"
CHANGES = "changes.json"
BLOB_PREFIX = "blobs/"
_TRAILER = len(BUNDLE_CHECKSUM_PREFIX) + 64
MAX_BUNDLE_BYTES = 2 * 1024**3


class BundleError(Exception):
    """A bundle refused whole; `message` (Bahasa Indonesia) says why and what to do."""

    def __init__(self, message: str, code: str = "bundle_refused") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Bundle:
    manifest: BundleManifest
    members: dict[str, bytes]

    def json_member(self, name: str) -> Any:
        return json.loads(self.members[name])

    def blobs(self) -> dict[str, bytes]:
        return {n[len(BLOB_PREFIX) :]: d for n, d in self.members.items() if n.startswith(BLOB_PREFIX)}


def build(
    *,
    kind: Literal["push", "pull"],
    username: str,
    areas: list[str],
    members: dict[str, bytes],
    after_cursor: str = "",
    next_cursor: str = "",
    mutation_count: int = 0,
    change_count: int = 0,
) -> bytes:
    """The bundle's bytes: members, a manifest naming each one's hash and size, and the checksum."""
    manifest = BundleManifest(
        format=BUNDLE_FORMAT,
        format_version=BUNDLE_FORMAT_VERSION,
        kind=kind,
        app_version=app_package.__version__,
        protocol_version=PROTOCOL_VERSION,
        schema_version=SCHEMA_VERSION,
        created_at=datetime.now(UTC).isoformat(),
        username=username,
        areas=sorted(areas),
        members=[
            BundleMember(name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
            for name, data in sorted(members.items())
        ],
        after_cursor=after_cursor,
        next_cursor=next_cursor,
        mutation_count=mutation_count,
        change_count=change_count,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(MANIFEST, manifest.model_dump_json(indent=1), compress_type=zipfile.ZIP_DEFLATED)
        for name, data in sorted(members.items()):
            # Photos are JPEG already: stored, not deflated (faster, and no gain).
            method = zipfile.ZIP_STORED if name.startswith(BLOB_PREFIX) else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
        archive.comment = BUNDLE_CHECKSUM_PREFIX + b"0" * 64
    raw = bytearray(buffer.getvalue())
    digest = hashlib.sha256(bytes(raw[:-64])).hexdigest().encode("ascii")
    raw[-64:] = digest
    return bytes(raw)


def write(path: Path, data: bytes) -> None:
    """Write through a temp file and rename, so a pulled USB stick never holds half a bundle."""
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)


def read(data: bytes) -> Bundle:
    """Check everything and return the bundle; raise BundleError before anything can be applied."""
    damaged = (
        "Berkas bundel rusak atau tidak lengkap (sidik berkas tidak cocok). Salin ulang bundel dari "
        "laptop petugas; tidak ada data yang diterapkan."
    )
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("Berkas bundel terlalu besar.", "bundle_too_large")
    if len(data) < _TRAILER + 22 or not data[-_TRAILER:].startswith(BUNDLE_CHECKSUM_PREFIX):
        raise BundleError(damaged, "bundle_damaged")
    if hashlib.sha256(data[:-64]).hexdigest().encode("ascii") != data[-64:]:
        raise BundleError(damaged, "bundle_damaged")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.testzip() is not None:
                raise BundleError(damaged, "bundle_damaged")
            names = archive.namelist()
            members = {name: archive.read(name) for name in names}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise BundleError(damaged, "bundle_damaged") from exc
    if MANIFEST not in members:
        raise BundleError("Bundel tidak memiliki manifest; ini bukan bundel Verval Desa.", "bundle_invalid")
    try:
        raw_manifest = json.loads(members.pop(MANIFEST))
    except ValueError as exc:
        raise BundleError(damaged, "bundle_damaged") from exc
    _check_versions(raw_manifest)
    try:
        manifest = BundleManifest.model_validate(raw_manifest)
    except ValidationError as exc:
        raise BundleError(
            "Manifest bundel tidak dikenali; bundel tidak diterapkan.", "bundle_invalid"
        ) from exc
    listed = {m.name: m for m in manifest.members}
    if set(listed) != set(members):
        raise BundleError(
            "Isi bundel tidak sesuai dengan manifest-nya; bundel tidak diterapkan.", "bundle_damaged"
        )
    for name, member in listed.items():
        data_member = members[name]
        if len(data_member) != member.size or hashlib.sha256(data_member).hexdigest() != member.sha256:
            raise BundleError(damaged, "bundle_damaged")
        if name.startswith(BLOB_PREFIX) and name[len(BLOB_PREFIX) :] != member.sha256:
            raise BundleError(
                "Foto dalam bundel tidak cocok dengan namanya; bundel tidak diterapkan.", "bundle_damaged"
            )
    return Bundle(manifest=manifest, members=members)


def _check_versions(raw: Any) -> None:
    if not isinstance(raw, dict) or raw.get("format") != BUNDLE_FORMAT:
        raise BundleError("Berkas ini bukan bundel Verval Desa.", "bundle_invalid")
    newer = []
    if int(raw.get("format_version", 0)) > BUNDLE_FORMAT_VERSION:
        newer.append("format")
    if int(raw.get("protocol_version", 0)) > PROTOCOL_VERSION:
        newer.append("protokol")
    if int(raw.get("schema_version", 0)) > SCHEMA_VERSION:
        newer.append("skema data")
    if newer:
        raise BundleError(
            f"Bundel ini dibuat oleh versi aplikasi yang lebih baru ({raw.get('app_version', '?')}; "
            f"{', '.join(newer)} lebih baru dari yang dikenal di sini). Perbarui aplikasi/server Verval Desa "
            "lalu impor lagi; tidak ada data yang diterapkan.",
            "bundle_newer",
        )
