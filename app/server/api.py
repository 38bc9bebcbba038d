"""The HTTP surface: FastAPI app factory, dependencies, auth and sync endpoints.

Every error body is `{"detail": <sentence in Bahasa Indonesia>, "code": <machine word>}` so the
desktop client can show `detail` as is and branch on `code`.
"""

from __future__ import annotations

import asyncio
import time
import weakref
import zlib
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import Engine, select
from sqlmodel import Session, col
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import ClientDisconnect

import app as app_package
from app.server import auth, sync, versions
from app.server.config import Settings, parse_version
from app.server.db import WRITE, is_postgres, open_database, write_session
from app.server.models import Conflict, PolicyPack, User
from app.sync.protocol import (
    CLIENT_HEADER,
    PROTOCOL_VERSION,
    SCHEMA_VERSION,
    SYNC_PREFIX,
    ConflictRecord,
    LoginRequest,
    LoginResponse,
    Meta,
    PolicyPackRef,
    PullPage,
    PushRequest,
    PushResponse,
    UserInfo,
)


class ApiError(HTTPException):
    def __init__(self, status: int, detail: str, code: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=detail, headers=headers)
        self.code = code


def _engine(request: Request) -> Engine:
    return request.app.state.engine  # type: ignore[no-any-return]


# Dependencies that only compute are `async def`: FastAPI runs a plain `def` dependency in the thread
# pool, and each hop costs more CPU than the work itself on a busy server.
async def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_session(request: Request) -> Iterator[Session]:
    with Session(_engine(request), expire_on_commit=False) as session:
        yield session


def get_write_session(request: Request) -> Iterator[Session]:
    # Login and logout read, then write: on SQLite that must be BEGIN IMMEDIATE (see db.py).
    with write_session(_engine(request)) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
WriteSessionDep = Annotated[Session, Depends(get_write_session)]
SettingsDep = Annotated[Settings, Depends(_settings)]


async def check_client_version(
    settings: SettingsDep, client: Annotated[str | None, Header(alias=CLIENT_HEADER)] = None
) -> None:
    if not client:
        return
    try:
        too_old = parse_version(client) < parse_version(settings.min_client_version)
    except ValueError:
        raise ApiError(400, f"Versi aplikasi tidak dikenali: {client!r}.", "bad_client_version") from None
    if too_old:
        raise ApiError(
            426,
            f"Aplikasi Verval Desa Anda (versi {client}) sudah terlalu lama untuk server ini. "
            f"Perbarui ke versi {settings.min_client_version} atau yang lebih baru, lalu sinkronkan lagi. "
            "Data yang belum terkirim tetap tersimpan di laptop.",
            "client_too_old",
            headers={"Upgrade": f"verval-desa/{settings.min_client_version}"},
        )


def _bearer(authorization: str | None) -> str:
    if not authorization:
        raise ApiError(
            401,
            "Silakan masuk (login) terlebih dahulu.",
            "not_authenticated",
            headers={"WWW-Authenticate": "Bearer"},
        )
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401,
            "Format token tidak dikenali; silakan masuk lagi.",
            "not_authenticated",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token.strip()


def _token_refused() -> ApiError:
    return ApiError(
        401,
        "Sesi Anda sudah berakhir atau dicabut; silakan masuk lagi.",
        "token_invalid",
        headers={"WWW-Authenticate": "Bearer"},
    )


async def get_current_user(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> auth.CurrentUser:
    token = _bearer(authorization)
    # One thread-pool hop and one statement (see auth.user_for_token), no session held meanwhile.
    current = await run_in_threadpool(auth.user_for_token, _engine(request), token)
    if current is None:
        raise _token_refused()
    return current


UserDep = Annotated[auth.CurrentUser, Depends(get_current_user)]


def _user_info(current: auth.CurrentUser) -> UserInfo:
    return UserInfo(
        username=current.username,
        full_name=current.full_name,
        role=current.role.value,
        areas=list(current.scope.areas),
        villages=current.scope.villages(),
    )


def require_village(current: auth.CurrentUser, village: str | None) -> None:
    if village is not None and not current.scope.covers(village):
        raise ApiError(403, f"Desa {village} tidak termasuk wilayah tugas Anda.", "out_of_scope")


# ---- routers ---------------------------------------------------------------------------------------

auth_router = APIRouter(prefix="/auth", tags=["auth"], dependencies=[Depends(check_client_version)])
sync_router = APIRouter(prefix=SYNC_PREFIX, tags=["sync"], dependencies=[Depends(check_client_version)])


@auth_router.post("/login", response_model=LoginResponse)
def login(body: LoginRequest, session: WriteSessionDep, settings: SettingsDep) -> LoginResponse:
    try:
        token, record, user = auth.login(session, settings, username=body.username, password=body.password)
    except auth.TooManyAttempts as exc:
        minutes = max(1, exc.retry_after_seconds // 60)
        raise ApiError(
            429,
            f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.",
            "too_many_attempts",
            headers={"Retry-After": str(exc.retry_after_seconds)},
        ) from None
    except auth.LoginRefused:
        raise ApiError(401, "Nama pengguna atau kata sandi salah.", "login_failed") from None
    info = _user_info(auth.current_user(session, user))
    return LoginResponse(token=token, expires_at=record.expires_at, **info.model_dump())


@auth_router.post("/logout")
def logout(
    session: WriteSessionDep, authorization: Annotated[str | None, Header()] = None
) -> dict[str, bool]:
    return {"revoked": auth.revoke(session, _bearer(authorization))}


@auth_router.get("/me", response_model=UserInfo)
def me(current: UserDep) -> UserInfo:
    return _user_info(current)


@sync_router.get("/meta", response_model=Meta)
def meta(session: SessionDep, settings: SettingsDep) -> Meta:
    return current_meta(session, settings)


def current_meta(session: Session, settings: Settings) -> Meta:
    pack = session.execute(
        select(PolicyPack)
        .where(col(PolicyPack.deleted).is_(False))
        .order_by(col(PolicyPack.version).desc())
        .limit(1)
    ).scalar_one_or_none()
    return Meta(
        server_time=auth.utcnow(),
        protocol_version=PROTOCOL_VERSION,
        schema_version=SCHEMA_VERSION,
        min_client_version=settings.min_client_version,
        policy_pack=PolicyPackRef(pack_id=pack.pack_id, version=pack.pack_version) if pack else None,
        max_push_bytes=settings.max_push_bytes,
        max_push_mutations=settings.max_push_mutations,
        max_pull_bytes=settings.max_pull_bytes,
    )


@sync_router.get("/pull", response_model=PullPage)
def pull(
    current: UserDep,
    session: SessionDep,
    settings: SettingsDep,
    cursor: str = "",
    max_bytes: Annotated[int, Query(ge=1_000)] = 1_000_000,
    village: str | None = None,
    stream: bool = False,
    request: Request = None,  # type: ignore[assignment]
) -> Any:
    require_village(current, village)
    scope = current.scope.restrict(village)
    if stream:
        try:
            after = sync.parse_cursor(cursor, scope, versions.get_fact(session, sync.PURGED_THROUGH))
        except sync.CursorError as exc:
            raise ApiError(410 if exc.code != "bad_cursor" else 400, exc.message, exc.code) from None
        session.rollback()
        page_bytes = min(max_bytes, settings.max_pull_bytes)
        return StreamingResponse(
            _page_stream(_engine(request), scope, after, page_bytes), media_type="application/x-ndjson"
        )
    if is_postgres(session):
        # One snapshot for the id query and the row query, so a page is a consistent cut.
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    try:
        after = sync.parse_cursor(cursor, scope, versions.get_fact(session, sync.PURGED_THROUGH))
    except sync.CursorError as exc:
        raise ApiError(410 if exc.code != "bad_cursor" else 400, exc.message, exc.code) from None
    page = sync.pull(session, scope, after=after, max_bytes=min(max_bytes, settings.max_pull_bytes))
    session.rollback()
    # Serialised by pydantic-core directly: for an initial pull this is thousands of rows.
    return Response(content=page.model_dump_json(), media_type="application/json")


# A streamed pull sends at most this much before asking the client to come back (has_more).
STREAM_LIMIT_BYTES = 50_000_000


def _page_stream(engine: Engine, scope: auth.Scope, after: int, page_bytes: int) -> Iterator[bytes]:
    """Pages as NDJSON lines, one after another on one response: the link never waits for a round trip
    between pages, and the client still applies (and checkpoints) page by page, so a drop mid-stream
    costs at most the page in flight (Anki's chunked sync, CouchDB's continuous changes feed)."""
    sent = 0
    while True:
        with Session(engine) as session:
            if is_postgres(session):
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            page = sync.pull(session, scope, after=after, max_bytes=page_bytes)
        more = page.has_more and sent < STREAM_LIMIT_BYTES
        line = page.model_copy(update={"has_more": page.has_more}).model_dump_json().encode() + b"\n"
        sent += len(line)
        yield line
        if not more:
            return
        after = int(page.next_cursor.partition(".")[0])


async def _read_body(request: Request, settings: Settings) -> bytes:
    """The request body, decompressed if gzip, refused (413) past the limit without reading it all."""
    limit = settings.max_push_bytes
    too_big = ApiError(
        413,
        f"Kiriman terlalu besar (batas {limit // 1000} kB); aplikasi akan mengirim dalam bagian lebih kecil.",
        "too_large",
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_big
    encoding = request.headers.get("content-encoding", "identity").lower()
    if encoding not in ("identity", "gzip"):
        raise ApiError(415, f"Pengodean {encoding} tidak didukung.", "bad_encoding")
    chunks: list[bytes] = []
    size = 0
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None
    try:
        async for chunk in request.stream():
            if inflater is not None:
                # max_length bounds the output of each step: a gzip bomb never fills memory.
                chunk = inflater.decompress(chunk, limit + 1 - size)
                if inflater.unconsumed_tail:
                    raise too_big
            size += len(chunk)
            if size > limit:
                raise too_big
            chunks.append(chunk)
        if inflater is not None:
            tail = inflater.flush()
            size += len(tail)
            if size > limit:
                raise too_big
            chunks.append(tail)
            if not inflater.eof:
                raise ApiError(400, "Kiriman terpotong (gzip tidak lengkap).", "bad_body")
    except zlib.error:
        raise ApiError(400, "Kiriman rusak (gzip tidak valid).", "bad_body") from None
    except ClientDisconnect:
        # The link dropped mid-upload: nothing was applied; the client resends the batch.
        raise ApiError(400, "Kiriman terputus di tengah jalan.", "client_disconnected") from None
    return b"".join(chunks)


@sync_router.post("/push", response_model=PushResponse)
async def push(request: Request, settings: SettingsDep) -> Response:
    # A missing or malformed token is refused before the body is read; the token itself is checked
    # in the same worker-thread call as the push (one thread-pool hop per request instead of two), so
    # only the body's size and encoding are looked at before it.
    token = _bearer(request.headers.get("authorization"))
    body = await _read_body(request, settings)
    # Pushes have their own threads, `Settings.push_slots` of them per process: batches serialise on
    # the change counter from allocation to commit anyway, so more transactions at once only add lock
    # and CPU contention (with 8 in flight per process PostgreSQL spent ~20 % more CPU per batch than
    # with 2-3); the others wait in the executor's queue, holding no thread, connection or lock.
    executor = _push_executor(request.app, settings)
    answer = await asyncio.get_running_loop().run_in_executor(
        executor, _push_in_thread, _engine(request), settings, token, body
    )
    # Serialised by pydantic-core directly (the response_model above documents it): FastAPI would
    # validate the model again and walk it through jsonable_encoder first.
    return Response(content=answer, media_type="application/json")


def _push_executor(application: Any, settings: Settings) -> ThreadPoolExecutor:
    executor: ThreadPoolExecutor | None = getattr(application.state, "push_executor", None)
    if executor is None:  # made on first use (an app may serve without running its lifespan)
        executor = ThreadPoolExecutor(settings.push_slots, thread_name_prefix="verval-push")
        application.state.push_executor = executor
    return executor


def _push_in_thread(engine: Engine, settings: Settings, token: str, body: bytes) -> bytes:
    try:
        batch = PushRequest.model_validate_json(body)
        refusal = None
        if len(batch.mutations) > settings.max_push_mutations:
            refusal = ApiError(
                413,
                f"Terlalu banyak perubahan dalam satu kiriman (batas {settings.max_push_mutations}).",
                "too_many",
            )
    except PydanticValidationError as exc:
        refusal = ApiError(422, _validation_message(exc.errors()), "invalid_body")
    if refusal is not None:
        # A stranger's token is refused before anything is said about the body.
        if auth.user_for_token(engine, token) is None:
            raise _token_refused()
        raise refusal
    # The token is checked in the batch's own transaction: one connection, no extra round trips.
    with engine.connect() as conn:
        results = sync.push_with_token(conn.execution_options(**WRITE), token, batch.mutations)
    if results is None:
        raise _token_refused()
    # The answer carries the server's meta, so a sync needs no separate meta round trip (DESIGN §10).
    meta = _meta_with_new_session(engine, settings)
    return PushResponse(results=results, server_time=auth.utcnow(), meta=meta).model_dump_json().encode()


_META_TTL_S = 5.0
_meta_cache: weakref.WeakKeyDictionary[Engine, tuple[float, Meta]] = weakref.WeakKeyDictionary()


def _cached_meta(engine: Engine) -> Meta | None:
    cached = _meta_cache.get(engine)
    if cached is not None and time.monotonic() - cached[0] < _META_TTL_S:
        return cached[1].model_copy(update={"server_time": auth.utcnow()})
    return None


def _meta_with_new_session(engine: Engine, settings: Settings) -> Meta:
    """The meta for a push answer, read at most every few seconds: a push answer may lag a new pack by
    that much (the pull brings it anyway), and a busy server saves a query per push."""
    now = time.monotonic()
    cached = _cached_meta(engine)
    if cached is not None:
        return cached
    with Session(engine) as session:
        meta = current_meta(session, settings)
    _meta_cache[engine] = (now, meta)
    return meta


@sync_router.get("/conflicts", response_model=list[ConflictRecord])
def conflicts(
    current: UserDep,
    session: SessionDep,
    village: str | None = None,
    include_resolved: bool = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[ConflictRecord]:
    """Conflicts in the user's area, newest first (supervisors: the whole area; officers: their villages)."""
    require_village(current, village)
    scope = current.scope.restrict(village)
    query = select(Conflict, User.username).join(User, col(User.id) == col(Conflict.user_id), isouter=True)
    query = query.where(scope.clause(Conflict.__table__.c.village_code))  # type: ignore[attr-defined]
    if not include_resolved:
        query = query.where(col(Conflict.resolved).is_(False))
    query = query.order_by(col(Conflict.detected_at).desc()).limit(limit)
    return [
        ConflictRecord(
            id=c.id,
            entity=c.entity,
            entity_id=c.entity_id,
            village_code=c.village_code,
            field=c.field,
            base=c.base_value,
            mine=c.mine,
            theirs=c.theirs,
            mutation_id=c.mutation_id,
            username=username or "",
            detected_at=c.detected_at,
            resolved=c.resolved,
            resolved_by=c.resolved_by,
        )
        for c, username in session.execute(query)
    ]


def _validation_message(errors: list[Any]) -> str:
    parts = []
    for error in errors[:3]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "isi"
        parts.append(f"{where}: {error.get('msg', 'tidak valid')}")
    more = f" (dan {len(errors) - 3} lainnya)" if len(errors) > 3 else ""
    return "Permintaan tidak valid: " + "; ".join(parts) + more + "."


# ---- the app -----------------------------------------------------------------------------------------


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The server app. Opens (and migrates) the database at startup unless an engine is given."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[None]:
        own = engine is None
        application.state.engine = open_database(settings) if own else engine
        try:
            yield
        finally:
            executor = getattr(application.state, "push_executor", None)
            if executor is not None:
                executor.shutdown(wait=True)
                application.state.push_executor = None
            if own:
                application.state.engine.dispose()

    application = FastAPI(title="Verval Desa server", version=app_package.__version__, lifespan=lifespan)
    application.state.settings = settings
    if engine is not None:
        application.state.engine = engine
    application.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)
    application.include_router(auth_router)
    application.include_router(sync_router)
    # Photo blobs (tus uploads, downloads) and bundles; imported here because they build on this module.
    from app.server import bundles, uploads

    uploads.install(application, settings)
    bundles.install(application)
    from app.server import sktm  # SKTM serial blocks (app.core.sktm); builds on this module too

    application.include_router(sktm.router)
    from app.server import review_api  # the supervisor's review queue (reads; decisions come by push)

    application.include_router(review_api.router)

    @application.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(
            {"detail": exc.detail, "code": exc.code}, status_code=exc.status_code, headers=exc.headers
        )

    @application.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            {"detail": _validation_message(list(exc.errors())), "code": "invalid_request"}, 422
        )

    @application.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return application
