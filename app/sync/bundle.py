"""Sync bundles on the officer's laptop (DESIGN §1: weeks without signal, a USB stick to the kecamatan).

`export_push_bundle` writes every pending change (the outbox, in order, photo records included) and
the blobs they need into one file; the outbox is left as it is, because only the server's answer may
remove an entry: the next network sync resends it and gets `duplicate`. `import_pull_bundle` applies a
pull bundle the server cut for this officer like one pull page, cursor included; a bundle older than
what the store already has changes nothing, one that would leave a gap is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlmodel import Session, col, select

from app.core.models import Photo
from app.store import blob_uploads
from app.store import pull as store_pull
from app.store.store import Store
from app.store.tables import BlobUpload, OutboxEntry
from app.sync import bundle_format
from app.sync.bundle_format import BundleError
from app.sync.engine import to_mutation
from app.sync.protocol import Change, Mutation


class Vault(Protocol):
    def get(self, sha256: str) -> bytes: ...

    def has(self, sha256: str) -> bool: ...

    def put(self, data: bytes) -> str: ...


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    mutations: int
    blobs: int
    bytes: int
    missing_blobs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportSummary:
    changes: int
    blobs: int
    already_imported: bool = False
    message: str = ""


def pending_mutations(store: Store) -> list[Mutation]:
    with Session(store.engine) as session:
        entries = session.exec(
            select(OutboxEntry).where(OutboxEntry.state == "pending").order_by(col(OutboxEntry.seq))
        ).all()
    return [to_mutation(e) for e in entries]


def _needed_blobs(store: Store, mutations: list[Mutation]) -> list[str]:
    photo_ids = [m.entity_id for m in mutations if m.entity == "photo"]
    wanted: list[str] = []
    with Session(store.engine) as session:
        for start in range(0, len(photo_ids), 500):
            for photo in session.exec(
                select(Photo).where(col(Photo.id).in_(photo_ids[start : start + 500]))
            ).all():
                wanted += [h for h in (photo.thumbnail_sha256, photo.sha256) if h]
        wanted += [u.sha256 for u in session.exec(select(BlobUpload).where(BlobUpload.state != "done")).all()]
    return list(dict.fromkeys(wanted))


def export_push_bundle(
    store: Store, vault: Vault, path: Path, *, username: str, areas: list[str]
) -> ExportSummary:
    """Write all pending work (mutations and the photos they need) to `path`."""
    blob_uploads.queue_pending_photos(store)
    mutations = pending_mutations(store)
    members = {bundle_format.MUTATIONS: json.dumps([m.model_dump(mode="json") for m in mutations]).encode()}
    missing: list[str] = []
    for sha256 in _needed_blobs(store, mutations):
        if vault.has(sha256):
            members[bundle_format.BLOB_PREFIX + sha256] = vault.get(sha256)
        else:
            missing.append(sha256)
    villages = sorted({m.village_code for m in mutations} | set(areas))
    data = bundle_format.build(
        kind="push", username=username, areas=villages, members=members, mutation_count=len(mutations)
    )
    bundle_format.write(path, data)
    return ExportSummary(
        path=path,
        mutations=len(mutations),
        blobs=len(members) - 1,
        bytes=len(data),
        missing_blobs=tuple(missing),
    )


def _cursor_number(cursor: str) -> int:
    number = cursor.partition(".")[0]
    return int(number) if number.isdigit() else 0


def import_pull_bundle(store: Store, vault: Vault, data: bytes, *, username: str) -> ImportSummary:
    """Apply a pull bundle cut by the server for this officer. Raises BundleError if refused."""
    bundle = bundle_format.read(data)
    manifest = bundle.manifest
    if manifest.kind != "pull":
        raise BundleError(
            "Ini bundel kiriman petugas untuk server, bukan bundel untuk laptop.", "bundle_kind"
        )
    if manifest.username != username:
        raise BundleError(
            f"Bundel ini dibuat untuk {manifest.username}, bukan untuk {username}; tidak diterapkan.",
            "bundle_user",
        )
    current = store_pull.cursor(store)
    have, start, end = (
        _cursor_number(current),
        _cursor_number(manifest.after_cursor),
        _cursor_number(manifest.next_cursor),
    )
    if have and end <= have:
        return ImportSummary(0, 0, already_imported=True, message="Bundel ini sudah diterapkan sebelumnya.")
    if start > have:
        raise BundleError(
            "Bundel ini melanjutkan sinkronisasi yang lebih baru dari data di laptop ini (ada data yang "
            "terlewat). Minta bundel baru dari server; tidak ada yang diterapkan.",
            "bundle_gap",
        )
    try:
        changes = [Change.model_validate(c) for c in bundle.json_member(bundle_format.CHANGES)]
    except (KeyError, ValueError) as exc:
        raise BundleError("Daftar perubahan dalam bundel tidak dapat dibaca.", "bundle_invalid") from exc
    fresh = [c for c in changes if c.version > have]
    blobs = bundle.blobs()
    for blob in blobs.values():
        vault.put(blob)
    store_pull.apply_page(store, fresh, manifest.next_cursor)
    return ImportSummary(
        len(fresh), len(blobs), message=f"{len(fresh)} perubahan dan {len(blobs)} foto diterapkan."
    )
