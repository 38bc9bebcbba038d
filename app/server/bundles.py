"""Sync bundles on the server (DESIGN §5): import an officer's push bundle, export a pull bundle.

Import is a push by other means: the bundle is checked whole (checksum, members, versions, user,
scope, every mutation's shape) before anything is written, then its blobs go into the blob store and
all its mutations go through the same `sync.push` as the network, in one transaction, with the same
mutation_id deduplication; importing a bundle twice, or a bundle whose work also arrived over the
network, changes nothing the second time.

Export cuts the officer's scope after a cursor (changes, policy packs, returned visits are all rows in
the scope) into a pull bundle, with the thumbnails of the photos in it.

Both are reachable from the CLI (`verval server import-bundle / export-bundle`) and over HTTP for an
office PC: `POST /sync/v1/bundles` (an officer's own bundle, or any bundle of the supervisor's area),
`GET /sync/v1/bundles/pull?cursor=` (the caller's pull bundle).
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy import Engine, select
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.core.models import Photo, Role
from app.server import auth, sync, versions
from app.server.api import ApiError, UserDep, check_client_version
from app.server.blobstore import BlobStore
from app.server.models import User
from app.sync import bundle_format
from app.sync.blob_protocol import BUNDLES_PATH, BundleImportResult
from app.sync.bundle_format import BundleError
from app.sync.protocol import Change, Mutation

MAX_UPLOAD_BUNDLE = 512 * 1024 * 1024


def _user_named(session: Session, username: str) -> auth.CurrentUser:
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None or not user.active:
        raise BundleError(
            f"Pengguna {username!r} dari bundel tidak dikenal di server ini; bundel tidak diterapkan.",
            "bundle_user",
        )
    return auth.current_user(session, user)


def import_push_bundle(
    engine: Engine, blob_store: BlobStore, data: bytes, *, uploader: auth.CurrentUser | None = None
) -> BundleImportResult:
    """Apply an officer's push bundle. Raises BundleError (nothing applied) if it is refused."""
    bundle = bundle_format.read(data)
    manifest = bundle.manifest
    if manifest.kind != "push":
        raise BundleError("Ini bundel untuk laptop petugas (unduhan), bukan kiriman petugas.", "bundle_kind")
    with Session(engine) as session:
        officer = _user_named(session, manifest.username)
    if uploader is not None and uploader.id != officer.id:
        if uploader.role not in (Role.SUPERVISOR, Role.ADMIN):
            raise BundleError("Anda hanya dapat mengimpor bundel milik Anda sendiri.", "bundle_user")
    try:
        raw = bundle.json_member(bundle_format.MUTATIONS)
        mutations = [Mutation.model_validate(m) for m in raw]
    except (KeyError, ValueError, ValidationError) as exc:
        raise BundleError(
            "Daftar perubahan dalam bundel tidak dapat dibaca; bundel tidak diterapkan.", "bundle_invalid"
        ) from exc
    outside = sorted({m.village_code for m in mutations if not officer.scope.covers(m.village_code)})
    if uploader is not None:
        outside += sorted({m.village_code for m in mutations if not uploader.scope.covers(m.village_code)})
    if outside:
        raise BundleError(
            f"Bundel berisi data desa {', '.join(sorted(set(outside)))} yang bukan wilayah tugas "
            f"{manifest.username}; seluruh bundel ditolak.",
            "bundle_scope",
        )
    result = BundleImportResult()
    # Blobs first: content-addressed and already verified, so storing them is harmless even if the
    # push below failed; a Photo row is never applied before its blob is held.
    for sha256, blob in bundle.blobs().items():
        if blob_store.has(sha256):
            result.blobs_present += 1
        else:
            blob_store.put_bytes(blob, sha256)
            result.blobs_stored += 1
    if mutations:
        for answer in sync.push(engine, officer, mutations):
            status = answer.status
            setattr(result, status, getattr(result, status) + 1)
    result.message = (
        f"Bundel {manifest.username} diterapkan: {result.applied} baru, {result.duplicate} sudah ada, "
        f"{result.conflict} konflik, {result.rejected} ditolak; {result.blobs_stored} foto baru."
    )
    return result


def export_pull_bundle(
    engine: Engine, blob_store: BlobStore, *, username: str, cursor: str = "", full_photos: bool = False
) -> bytes:
    """The officer's scope after `cursor`, as a pull bundle. Raises BundleError (unknown user, bad cursor)."""
    with Session(engine) as session:
        officer = _user_named(session, username)
        try:
            after = sync.parse_cursor(cursor, officer.scope, versions.get_fact(session, sync.PURGED_THROUGH))
        except sync.CursorError as exc:
            raise BundleError(exc.message, exc.code) from None
        changes: list[Change] = []
        next_cursor = cursor or sync.make_cursor(0, officer.scope)
        while True:
            page = sync.pull(session, officer.scope, after=after, max_bytes=4_000_000)
            changes.extend(page.changes)
            next_cursor = page.next_cursor
            after = int(next_cursor.partition(".")[0])
            if not page.has_more:
                break
        photo_ids = [c.id for c in changes if c.entity == "photo" and not c.deleted]
        wanted: list[str] = []
        for start in range(0, len(photo_ids), 500):
            for photo in session.execute(
                select(Photo).where(Photo.id.in_(photo_ids[start : start + 500]))
            ).scalars():  # type: ignore[attr-defined]
                if photo.thumbnail_sha256:
                    wanted.append(photo.thumbnail_sha256)
                if full_photos and photo.sha256:
                    wanted.append(photo.sha256)
    members = {bundle_format.CHANGES: json.dumps([c.model_dump(mode="json") for c in changes]).encode()}
    for sha256 in dict.fromkeys(wanted):
        if blob_store.has(sha256):
            members[bundle_format.BLOB_PREFIX + sha256] = blob_store.read(sha256)
    return bundle_format.build(
        kind="pull",
        username=username,
        areas=list(officer.scope.areas),
        members=members,
        after_cursor=cursor,
        next_cursor=next_cursor,
        change_count=len(changes),
    )


# ---- HTTP (an office PC with the officer's USB stick) -----------------------------------------------

bundles_router = APIRouter(
    prefix=BUNDLES_PATH, tags=["bundles"], dependencies=[Depends(check_client_version)]
)


def _engine(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


def _blob_store(request: Request) -> BlobStore:
    return request.app.state.blob_store  # type: ignore[no-any-return]


@bundles_router.post("", response_model=BundleImportResult)
async def upload_bundle(
    request: Request,
    current: UserDep,
    engine: Annotated[Engine, Depends(_engine)],
    blob_store: Annotated[BlobStore, Depends(_blob_store)],
) -> BundleImportResult:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BUNDLE:
        raise ApiError(413, "Berkas bundel terlalu besar untuk diunggah; impor lewat server.", "too_large")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_UPLOAD_BUNDLE:
            raise ApiError(
                413, "Berkas bundel terlalu besar untuk diunggah; impor lewat server.", "too_large"
            )
        chunks.append(chunk)
    try:
        return await run_in_threadpool(
            import_push_bundle, engine, blob_store, b"".join(chunks), uploader=current
        )
    except BundleError as exc:
        raise ApiError(422, exc.message, exc.code) from None


@bundles_router.get("/pull")
def download_bundle(
    current: UserDep,
    engine: Annotated[Engine, Depends(_engine)],
    blob_store: Annotated[BlobStore, Depends(_blob_store)],
    cursor: str = "",
) -> Response:
    try:
        data = export_pull_bundle(engine, blob_store, username=current.username, cursor=cursor)
    except BundleError as exc:
        raise ApiError(
            410 if exc.code in ("cursor_expired", "scope_changed") else 422, exc.message, exc.code
        ) from None
    return Response(
        content=data,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="verval-{current.username}.bundle"'},
    )


def install(application: FastAPI) -> None:
    application.include_router(bundles_router)
