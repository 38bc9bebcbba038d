"""Photo blobs over HTTP (DESIGN §5): tus uploads, the missing-blobs query, ranged downloads.

- `POST /sync/v1/blobs/missing` answers which of the given sha256 the server lacks.
- `/sync/v1/uploads` is tus 1.0: HEAD, PATCH, DELETE and OPTIONS are tuspyserver's router; creation
  (POST) is ours, in tuspyserver's on-disk format, because tuspyserver 4.4.3's creation-with-upload
  buffers the whole body in memory, keeps nothing of a body cut mid-way and never runs the completion
  hook when the POST body completes the upload. Ours streams the body to disk and keeps what arrived
  before a cut, and the upload's id is derived from (user, sha256): a second POST for the same blob
  by the same user finds the same upload and answers its `Upload-Offset` (a client that lost the
  answer to a cut POST learns where to go on without re-sending), and a POST body that starts at a
  byte the server already holds has those bytes skipped (a blob's bytes never change). A whole photo
  fits in the POST, so on a good day each photo costs one request.
- A guard dependency runs before every tus route's body reader: it authenticates, checks the declared
  village against the user's scope, remembers who owns each upload (a `<uid>.verval` sidecar, so
  nobody else can resume or read it), and repairs an upload whose data file holds more bytes than its
  recorded offset (a server killed mid-PATCH appends without updating the offset; resuming must not
  leave those bytes in the middle). On completion the body's sha256 is checked and the file moves into
  the `BlobStore`; a mismatch deletes the upload and answers 422 `hash_mismatch`, so the client starts
  over.
- `GET /sync/v1/blobs/{sha256}` serves a blob (photo or thumbnail) with HTTP Range, only to users whose
  scope holds a Photo row referencing it. Uploading is allowed before the Photo row exists (photos go
  up before their record), serving is not: a hash alone gives no access.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.responses import Response, StreamingResponse
from fastapi.routing import APIRoute
from sqlalchemy import or_, select
from sqlmodel import Session, col
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from tuspyserver import create_tus_router
from tuspyserver.lock import FileLock, acquire_upload_lock
from tuspyserver.params import TusUploadParams
from tuspyserver.request import get_request_headers

from app.core.models import Photo
from app.server.api import ApiError, SessionDep, UserDep, check_client_version
from app.server.auth import CurrentUser, is_village_code
from app.server.blobstore import BlobHashMismatch, BlobStore, is_sha256, open_blob_store
from app.server.config import Settings
from app.sync.blob_protocol import (
    BLOBS_PATH,
    MAX_BLOB_BYTES,
    TUS_VERSION,
    UPLOADS_PATH,
    MissingRequest,
    MissingResponse,
)

# tus uploads not finished within this many days are forgotten (an officer may be offline for weeks).
UPLOAD_DAYS_TO_KEEP = 45
_UID_RE = re.compile(r"^[0-9a-f]{32}$")
_RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


def uploads_dir(settings: Settings) -> Path:
    return settings.data_dir / "uploads"


def blob_store_of(request: Request) -> BlobStore:
    return request.app.state.blob_store  # type: ignore[no-any-return]


BlobStoreDep = Annotated[BlobStore, Depends(blob_store_of)]


# ---- the missing-blobs query and downloads --------------------------------------------------------

blobs_router = APIRouter(prefix=BLOBS_PATH, tags=["blobs"], dependencies=[Depends(check_client_version)])


@blobs_router.post("/missing", response_model=MissingResponse)
def missing(body: MissingRequest, _current: UserDep, store: BlobStoreDep) -> MissingResponse:
    bad = [h for h in body.sha256 if not is_sha256(h)]
    if bad:
        raise ApiError(422, f"Sidik foto tidak valid: {bad[0][:70]!r}.", "bad_sha256")
    return MissingResponse(missing=store.missing(body.sha256))


def photo_in_scope(session: Session, current: CurrentUser, sha256: str) -> bool:
    """Whether a Photo row in the user's scope references this blob (as photo or thumbnail)."""
    query = select(Photo.village_code).where(
        or_(col(Photo.sha256) == sha256, col(Photo.thumbnail_sha256) == sha256)
    )
    return any(current.scope.covers(code) for code in session.execute(query).scalars())


@blobs_router.get("/{sha256}")
def download(
    sha256: str,
    current: UserDep,
    session: SessionDep,
    store: BlobStoreDep,
    range_header: Annotated[str | None, Header(alias="Range")] = None,
) -> Response:
    not_found = ApiError(
        404, "Foto tidak ditemukan di server atau di luar wilayah tugas Anda.", "blob_not_found"
    )
    if not is_sha256(sha256) or not photo_in_scope(session, current, sha256):
        raise not_found
    session.rollback()
    size = store.size(sha256)
    if size is None:
        raise ApiError(404, "Foto ini belum selesai dikirim ke server; coba lagi nanti.", "blob_not_uploaded")
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": f'"{sha256}"',
        "Cache-Control": "private, max-age=31536000, immutable",
    }
    start, end = 0, size
    status = 200
    if range_header:
        parsed = _parse_range(range_header, size)
        if parsed is None:
            raise ApiError(
                416, "Rentang unduhan tidak valid.", "bad_range", headers={"Content-Range": f"bytes */{size}"}
            )
        start, end = parsed
        status = 206
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
    headers["Content-Length"] = str(end - start)
    # Photos are already compressed: skip the app's gzip middleware.
    return StreamingResponse(
        store.open_range(sha256, start, end),
        status_code=status,
        headers=headers,
        media_type="application/octet-stream",
    )


def _parse_range(value: str, size: int) -> tuple[int, int] | None:
    match = _RANGE_RE.fullmatch(value.strip())
    if match is None or (not match.group(1) and not match.group(2)):
        return None
    first, last = match.group(1), match.group(2)
    if not first:  # suffix: the last N bytes
        n = int(last)
        if n == 0:
            return None
        return max(0, size - n), size
    start = int(first)
    end = size if not last else min(size, int(last) + 1)
    if start >= size or end <= start:
        return None
    return start, end


# ---- tus uploads ---------------------------------------------------------------------------------


def _metadata(header: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in (header or "").split(","):
        key, _, value = pair.strip().partition(" ")
        if not key:
            continue
        try:
            out[key] = base64.b64decode(value.strip()).decode("utf-8") if value.strip() else ""
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "Metadata unggahan tidak dapat dibaca.", "bad_metadata") from None
    return out


def _sidecar(directory: Path, uid: str) -> Path:
    return directory / f"{uid}.verval"


def _read_owner(directory: Path, uid: str) -> dict[str, Any] | None:
    try:
        return json.loads(_sidecar(directory, uid).read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (FileNotFoundError, ValueError):
        return None


def _repair(directory: Path, uid: str) -> None:
    """Cut the data file back to the offset tus recorded (bytes past it were never acknowledged)."""
    data = directory / uid
    info_path = directory / f"{uid}.info"
    if not data.exists() or not info_path.exists():
        return
    with acquire_upload_lock(str(data), locks_dir=str(directory / ".locks"), blocking=True, timeout=20):
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
        except ValueError:
            return
        offset = int(info.get("offset") or 0)
        if data.stat().st_size > offset:
            with open(data, "r+b") as handle:
                handle.truncate(offset)
                handle.flush()
                os.fsync(handle.fileno())


def _remove_upload(directory: Path, uid: str) -> None:
    for name in (uid, f"{uid}.info", f"{uid}.verval"):
        (directory / name).unlink(missing_ok=True)


def _make_guard(directory: Path) -> Callable[..., None]:
    def guard(
        request: Request,
        current: UserDep,
        store: BlobStoreDep,
        upload_metadata: Annotated[str | None, Header()] = None,
        upload_length: Annotated[str | None, Header()] = None,
    ) -> None:
        method = request.method.upper()
        uid = request.path_params.get("uuid")
        if method == "OPTIONS":
            return
        if method == "POST":
            meta = _metadata(upload_metadata)
            sha256 = meta.get("sha256", "")
            village = meta.get("village_code", "")
            if not is_sha256(sha256):
                raise ApiError(422, "Unggahan harus menyebut sidik sha256 fotonya.", "bad_sha256")
            if not is_village_code(village) or not current.scope.covers(village):
                raise ApiError(403, f"Desa {village} tidak termasuk wilayah tugas Anda.", "out_of_scope")
            if (
                not upload_length
                or not upload_length.isdigit()
                or not 0 < int(upload_length) <= MAX_BLOB_BYTES
            ):
                raise ApiError(
                    413, f"Ukuran foto harus antara 1 byte dan {MAX_BLOB_BYTES // 2**20} MB.", "bad_length"
                )
            if store.has(sha256):
                raise ApiError(409, "Foto ini sudah ada di server.", "blob_exists")
            request.state.verval_upload = {
                "user_id": current.id,
                "sha256": sha256,
                "village_code": village,
                "size": int(upload_length),
            }
            return
        if uid is None or not _UID_RE.fullmatch(uid):
            raise ApiError(404, "Unggahan tidak ditemukan.", "upload_not_found")
        owner = _read_owner(directory, uid)
        if owner is None or owner.get("user_id") != current.id:
            # The same answer as an unknown upload: an upload id reveals nothing about others' photos.
            raise ApiError(404, "Unggahan tidak ditemukan.", "upload_not_found")
        if method in ("PATCH", "HEAD"):
            _repair(directory, uid)

    return guard


def upload_uid(user_id: str, sha256: str) -> str:
    """The upload id of one user's upload of one blob: the same for every POST of it (see above)."""
    return hashlib.sha256(f"verval-upload:{user_id}:{sha256}".encode()).hexdigest()[:32]


def _read_info(directory: Path, uid: str) -> TusUploadParams | None:
    try:
        return TusUploadParams(**json.loads((directory / f"{uid}.info").read_text(encoding="utf-8")))
    except (FileNotFoundError, ValueError, TypeError):
        return None


def _write_info(directory: Path, uid: str, info: TusUploadParams) -> None:
    """Atomically, as tuspyserver writes it (its HEAD and PATCH read the same file)."""
    path = directory / f"{uid}.info"
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(info.model_dump()))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _expired(info: TusUploadParams) -> bool:
    if not isinstance(info.expires, str):
        return False
    try:
        return parsedate_to_datetime(info.expires) < datetime.now(UTC)
    except (TypeError, ValueError):
        return False


def _open_upload(directory: Path, uid: str, owner: dict[str, Any], metadata: dict[str, str]) -> int:
    """The offset of this user's upload of this blob, creating the upload if there is none (under lock)."""
    info = _read_info(directory, uid)
    data = directory / uid
    if info is not None and (info.size != owner["size"] or _expired(info) or not data.exists()):
        _remove_upload(directory, uid)
        info = None
    if info is None:
        _sidecar(directory, uid).write_text(json.dumps(owner), encoding="utf-8")
        data.write_bytes(b"")  # whatever a crash left of an earlier attempt
        _write_info(
            directory,
            uid,
            TusUploadParams(
                metadata=metadata,
                size=owner["size"],
                created_at=str(datetime.now()),
                expires=formatdate(
                    (datetime.now(UTC) + timedelta(days=UPLOAD_DAYS_TO_KEEP)).timestamp(), usegmt=True
                ),
            ),
        )
        return 0
    if data.stat().st_size > info.offset:  # bytes past the offset were never acknowledged
        with open(data, "r+b") as handle:
            handle.truncate(info.offset)
    return info.offset


def _set_offset(directory: Path, uid: str, offset: int) -> None:
    info = _read_info(directory, uid)
    if info is not None:
        info.offset = offset
        info.upload_part += 1
        _write_info(directory, uid, info)


def _close_durably(handle: Any) -> None:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()


def _make_create(directory: Path, store: BlobStore) -> Callable[..., Any]:
    complete = _make_on_complete(directory, store)

    async def create_upload(request: Request) -> Response:
        """tus creation (with upload): find or create the upload, append the body past what is held."""
        owner: dict[str, Any] = request.state.verval_upload
        uid = upload_uid(owner["user_id"], owner["sha256"])
        size = int(owner["size"])
        data = directory / uid
        lock = FileLock(str(data), locks_dir=str(directory / ".locks"))
        try:
            await run_in_threadpool(lock.acquire, blocking=True, timeout=20)
        except OSError:
            raise ApiError(503, "Unggahan ini sedang ditulis; coba lagi sebentar.", "upload_busy") from None
        try:
            offset = await run_in_threadpool(
                _open_upload, directory, uid, owner, _metadata(request.headers.get("upload-metadata"))
            )
            position = 0  # of the body, which starts at byte 0 of the blob
            written = 0
            handle = await run_in_threadpool(open, data, "ab")
            try:
                async for piece in request.stream():
                    if position + len(piece) > size:
                        raise ApiError(400, "Isi unggahan melebihi Upload-Length.", "too_long")
                    skip = min(len(piece), max(0, offset + written - position))
                    if skip < len(piece):
                        handle.write(piece[skip:])
                        written += len(piece) - skip
                    position += len(piece)
            except ClientDisconnect:
                pass  # keep what arrived: the client's next POST or HEAD learns the offset
            finally:
                await run_in_threadpool(_close_durably, handle)  # fsync off the event loop
                if written:
                    await run_in_threadpool(_set_offset, directory, uid, offset + written)
            offset += written
            if offset == size:  # under the lock: a retry racing this request must not complete it too
                await complete(str(data), {})  # raises 422 hash_mismatch (upload removed) on a bad body
        finally:
            lock.release()
        headers = {
            "Location": get_request_headers(request=request, uuid=uid, prefix=UPLOADS_PATH)["location"],
            "Tus-Resumable": TUS_VERSION,
            "Upload-Offset": str(offset),
        }
        return Response(status_code=201, headers=headers)

    return create_upload


def _make_on_complete(directory: Path, store: BlobStore) -> Callable[[str, dict[str, Any]], Any]:
    async def on_complete(path: str, metadata: dict[str, Any]) -> None:
        uid = Path(path).name
        owner = _read_owner(directory, uid) or {}
        sha256 = str(owner.get("sha256") or metadata.get("sha256", ""))
        try:
            await run_in_threadpool(store.put_file, sha256, Path(path))
        except BlobHashMismatch as exc:
            _remove_upload(directory, uid)
            raise ApiError(422, exc.message, "hash_mismatch") from None
        _remove_upload(directory, uid)

    return on_complete


def install(application: FastAPI, settings: Settings) -> None:
    """Add the blob endpoints and the tus router to the app (called by `create_app`)."""
    assert settings.blob_dir is not None
    store = open_blob_store(settings.blob_dir)
    application.state.blob_store = store
    directory = uploads_dir(settings)
    directory.mkdir(parents=True, exist_ok=True)
    tus = create_tus_router(
        prefix=UPLOADS_PATH,
        files_dir=str(directory),
        max_size=MAX_BLOB_BYTES,
        days_to_keep=UPLOAD_DAYS_TO_KEEP,
        on_upload_complete=_make_on_complete(directory, store),
        tags=["uploads"],
    )
    # Creation is ours (see the module's docstring): drop tuspyserver's POST routes.
    tus.routes = [r for r in tus.routes if not (isinstance(r, APIRoute) and "POST" in (r.methods or ()))]
    creation = APIRouter(prefix=UPLOADS_PATH, tags=["uploads"])
    create = _make_create(directory, store)
    creation.add_api_route("", create, methods=["POST"], status_code=201)
    creation.add_api_route("/", create, methods=["POST"], status_code=201, include_in_schema=False)
    # Router-level dependencies run before the route's own, so the guard sees a PATCH before
    # tuspyserver starts writing its body.
    guards = [Depends(check_client_version), Depends(_make_guard(directory))]
    application.include_router(creation, dependencies=guards)
    application.include_router(tus, dependencies=guards)
    application.include_router(blobs_router)
