"""Photo uploads over tus on the app's own `requests.Session` (DESIGN §5, §6).

For each blob the server lacks (`POST /sync/v1/blobs/missing`): create a tus upload, keep its URL in
the store before sending a byte, then PATCH chunks from the server's offset. After a drop, a timeout
or an app restart the upload resumes with HEAD (the server's offset) and goes on from there, so a cut
costs at most the chunk in flight. Failures back off exponentially with full jitter. Chunk size and
the number of parallel uploads follow the measured link (`app.sync.link`). When the server confirms a
blob (its hash checked), the photo records waiting for it are released for the next push.

Blocking and typed like `SyncClient`: the UI runs it in a worker and polls `upload_journal()`.
"""

from __future__ import annotations

import base64
import io
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

import requests

from app.store import blob_uploads
from app.store.store import Store
from app.store.tables import BlobUpload
from app.sync.blob_protocol import BLOBS_PATH, MAX_MISSING_QUERY, TUS_VERSION, UPLOADS_PATH
from app.sync.client import AuthError, ClientTooOld, Forbidden, Offline, SyncClient, SyncError
from app.sync.link import LinkMeter, choose_chunk_size, choose_parallelism
from app.sync.protocol import CLIENT_HEADER


class BlobSource(Protocol):
    """Where the bytes come from: the encrypted `PhotoVault` (or anything with the same `get`)."""

    def get(self, sha256: str) -> bytes: ...


class _HashMismatch(SyncError):
    pass


class _BlobExists(SyncError):
    pass


class _UploadGone(SyncError):
    pass


class _OffsetConflict(SyncError):
    pass


class _Cancel:
    """The engine's `cancelled()` callable, with an interruptible sleep for backoff."""

    def __init__(self, cancelled: Callable[[], bool] | None) -> None:
        self._cancelled = cancelled or (lambda: False)
        self._event = threading.Event()

    def is_set(self) -> bool:
        if not self._event.is_set() and self._cancelled():
            self._event.set()
        return self._event.is_set()

    def wait(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._event.wait(min(left, 0.05))


class _Sent(Exception):
    """Carries how many body bytes went out before a PATCH failed (the cause)."""

    def __init__(self, sent: int) -> None:
        super().__init__(sent)
        self.sent = sent


@dataclass
class UploadReport:
    uploaded: list[str] = field(default_factory=list)
    already_on_server: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)  # picked up at the server's offset (> 0) via HEAD
    failed: dict[str, str] = field(default_factory=dict)
    released_records: int = 0
    bytes_sent: int = 0  # every PATCH body byte handed to the network
    bytes_resent: int = 0  # of those, bytes the server already had or lost in a cut
    retries: int = 0
    parallel: int = 1
    chunk_size: int = 0  # the first chunk size chosen
    max_chunk: int = 0  # the largest PATCH body sent (re-sending after a cut is bounded by it)
    stopped: str = ""  # why the run stopped early: "" | "cancelled" | "offline" | an error message

    @property
    def complete(self) -> bool:
        return not self.failed and not self.stopped


@dataclass(frozen=True)
class UploadProgress:
    sha256: str
    offset: int
    size: int


class _CountingBody(io.BytesIO):
    """A PATCH body that counts what the HTTP stack read from it (an upper bound of bytes sent)."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.read_bytes = 0

    def read(self, size: int | None = -1) -> bytes:
        block = super().read(size)
        self.read_bytes += len(block)
        return block


class PhotoUploader:
    def __init__(
        self,
        client: SyncClient,
        store: Store,
        source: BlobSource,
        *,
        meter: LinkMeter | None = None,
        parallel: int | None = None,
        chunk_size: int | None = None,
        timeout: tuple[float, float] = (10.0, 60.0),
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        max_failures: int = 6,
        seed: int | None = None,
    ) -> None:
        self.client = client
        self.store = store
        self.source = source
        self.meter = meter or LinkMeter.from_store(store)
        self.fixed_parallel = parallel
        self.fixed_chunk = chunk_size
        self.timeout = timeout
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        # Consecutive failures of one blob without progress before this run gives up on the link.
        self.max_failures = max_failures
        self._rng = random.Random(seed)
        self._rng_lock = threading.Lock()
        self._report_lock = threading.Lock()
        self._streams = 1

    # ---- the run ------------------------------------------------------------------------------

    def run(
        self,
        *,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[UploadProgress], None] | None = None,
    ) -> UploadReport:
        """Upload every queued blob the server lacks. Never raises for a bad link: see `stopped`."""
        cancel = _Cancel(cancelled)
        report = UploadReport()
        blob_uploads.queue_pending_photos(self.store)
        pending = blob_uploads.pending_uploads(self.store)
        if not pending:
            return report
        try:
            lacking = set(self.missing([u.sha256 for u in pending]))
        except Offline as exc:
            report.stopped = "offline"
            self._note_all(pending, exc.message)
            return report
        present = [u.sha256 for u in pending if u.sha256 not in lacking]
        if present:
            report.already_on_server.extend(present)
            report.released_records += blob_uploads.confirm(self.store, present)
        todo = [u for u in pending if u.sha256 in lacking]
        if not todo:
            self.meter.save(self.store)
            return report
        link = self.meter.estimate()
        streams = self.fixed_parallel or choose_parallelism(link, max(u.size for u in todo) or 150_000)
        streams = max(1, min(streams, len(todo)))
        self._streams = streams
        report.parallel = streams
        report.chunk_size = self._chunk_size()
        stop = threading.Event()

        def work(upload: BlobUpload) -> None:
            if cancel.is_set() or stop.is_set():
                return
            try:
                self._upload(upload, report, cancel, progress)
            except (AuthError, Forbidden, ClientTooOld) as exc:
                report.stopped = exc.message
                stop.set()
            except Offline as exc:
                report.stopped = report.stopped or "offline"
                blob_uploads.record_failure(self.store, upload.sha256, exc.message)
                stop.set()

        if streams == 1:
            for upload in todo:
                work(upload)
        else:
            with ThreadPoolExecutor(max_workers=streams, thread_name_prefix="verval-upload") as pool:
                list(pool.map(work, todo))
        if cancel.is_set() and not report.stopped:
            report.stopped = "cancelled"
        self.meter.save(self.store)
        return report

    def missing(self, hashes: list[str]) -> list[str]:
        out: list[str] = []
        for start in range(0, len(hashes), MAX_MISSING_QUERY):
            began = time.monotonic()
            answer = self._json(
                "POST", f"{BLOBS_PATH}/missing", {"sha256": hashes[start : start + MAX_MISSING_QUERY]}
            )
            self.meter.observe_rtt(time.monotonic() - began)
            out.extend(answer["missing"])
        return out

    # ---- one blob ------------------------------------------------------------------------------

    def _upload(
        self,
        upload: BlobUpload,
        report: UploadReport,
        cancel: _Cancel,
        progress: Callable[[UploadProgress], None] | None,
    ) -> None:
        sha = upload.sha256
        try:
            data = self.source.get(sha)
        except Exception as exc:  # noqa: BLE001 - the vault's own error carries the message
            message = getattr(exc, "message", str(exc))
            blob_uploads.record_failure(self.store, sha, message, final=True)
            with self._report_lock:
                report.failed[sha] = message
            return
        size = len(data)
        if upload.size != size:
            blob_uploads.set_size(self.store, sha, size)
        url = upload.upload_url
        failures = 0
        mismatches = 0
        start_offset: int | None = None
        sent_here = 0
        while True:
            if cancel.is_set():
                return
            try:
                offset: int | None = None
                if url:
                    offset = self._head(url)
                    if offset is None:
                        url = ""
                    elif offset > 0 and start_offset is None:
                        with self._report_lock:
                            report.resumed.append(sha)
                if not url:
                    url = self._create(upload, size)
                    blob_uploads.record_url(self.store, sha, url)
                    offset = 0
                assert offset is not None
                if start_offset is None:
                    start_offset = offset
                finished = False
                while offset < size or not finished:
                    if cancel.is_set():
                        return
                    chunk = data[offset : offset + self._chunk_size()]
                    with self._report_lock:
                        report.max_chunk = max(report.max_chunk, len(chunk))
                    try:
                        new_offset, sent = self._patch(url, offset, chunk, report)
                    except _Sent as exc:
                        sent_here += exc.sent
                        blob_uploads.record_progress(self.store, sha, sent=exc.sent)
                        assert exc.__cause__ is not None
                        raise exc.__cause__ from None
                    sent_here += sent
                    blob_uploads.record_progress(self.store, sha, offset=new_offset, sent=sent)
                    if new_offset > offset:
                        failures = 0
                    offset = new_offset
                    finished = offset >= size
                    if progress is not None:
                        progress(UploadProgress(sha, offset, size))
                with self._report_lock:
                    report.uploaded.append(sha)
                    report.bytes_resent += max(0, sent_here - (size - (start_offset or 0)))
                    report.released_records += blob_uploads.confirm(self.store, [sha])
                return
            except _BlobExists:
                with self._report_lock:
                    report.already_on_server.append(sha)
                    report.released_records += blob_uploads.confirm(self.store, [sha])
                return
            except _UploadGone:
                url = ""
                blob_uploads.record_failure(
                    self.store, sha, "Unggahan kedaluwarsa di server; dimulai lagi.", forget_url=True
                )
            except _OffsetConflict:
                continue  # HEAD tells the real offset
            except _HashMismatch as exc:
                url = ""
                mismatches += 1
                final = mismatches >= 2
                blob_uploads.record_failure(self.store, sha, exc.message, forget_url=True, final=final)
                if final:
                    with self._report_lock:
                        report.failed[sha] = exc.message
                    return
            except (Offline, SyncError) as exc:
                if isinstance(exc, AuthError | Forbidden | ClientTooOld):
                    raise
                failures += 1
                with self._report_lock:
                    report.retries += 1
                blob_uploads.record_failure(self.store, sha, exc.message)
                if failures >= self.max_failures:
                    raise Offline(exc.message) from exc
                self._backoff(failures, cancel)

    def _backoff(self, failures: int, cancel: _Cancel) -> None:
        delay = min(self.backoff_cap, self.backoff_base * 2 ** (failures - 1))
        with self._rng_lock:
            wait = self._rng.uniform(delay / 2, delay)
        cancel.wait(wait)

    def _chunk_size(self) -> int:
        if self.fixed_chunk:
            return self.fixed_chunk
        return choose_chunk_size(self.meter.estimate(), self._streams)

    # ---- tus requests --------------------------------------------------------------------------

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {CLIENT_HEADER: self.client.client_version, "Tus-Resumable": TUS_VERSION}
        if self.client.token:
            headers["Authorization"] = f"Bearer {self.client.token}"
        if extra:
            headers.update(extra)
        return headers

    def _send(
        self, method: str, path: str, *, data: object = None, headers: dict[str, str] | None = None
    ) -> requests.Response:
        try:
            response = self.client.session.request(
                method, self.client.base_url + path, data=data, headers=headers, timeout=self.timeout
            )
            _ = response.content
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise Offline(f"Server tidak dapat dihubungi ({type(exc).__name__}).") from exc
        except requests.RequestException as exc:
            raise Offline(f"Sambungan terputus ({type(exc).__name__}).") from exc
        return response

    def _json(self, method: str, path: str, body: object) -> dict[str, list[str]]:
        import json

        response = self._send(
            method,
            path,
            data=json.dumps(body).encode(),
            headers={**self._headers(), "Content-Type": "application/json"},
        )
        if response.status_code >= 400:
            SyncClient._raise(response.status_code, response.content)
        return response.json()  # type: ignore[no-any-return]

    def _create(self, upload: BlobUpload, size: int) -> str:
        meta = {
            "sha256": upload.sha256,
            "village_code": upload.village_code,
            "filename": f"{upload.sha256}.jpg",
            "filetype": upload.media_type or "image/jpeg",
            "photo_id": upload.photo_id,
        }
        encoded = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in meta.items())
        began = time.monotonic()
        response = self._send(
            "POST",
            UPLOADS_PATH,
            headers=self._headers({"Upload-Length": str(size), "Upload-Metadata": encoded}),
        )
        self.meter.observe_rtt(time.monotonic() - began)
        if response.status_code == 409 and _code(response) == "blob_exists":
            raise _BlobExists("exists")
        if response.status_code != 201 or "Location" not in response.headers:
            self._error(response)
        return urlsplit(response.headers["Location"]).path

    def _head(self, path: str) -> int | None:
        response = self._send("HEAD", path, headers=self._headers())
        if response.status_code in (404, 410):
            return None
        if response.status_code != 200:
            self._error(response)
        return int(response.headers["Upload-Offset"])

    def _patch(self, path: str, offset: int, chunk: bytes, report: UploadReport) -> tuple[int, int]:
        body = _CountingBody(chunk)
        began = time.monotonic()
        try:
            response = self._send(
                "PATCH",
                path,
                # An empty BytesIO would go out chunked; tus wants Content-Length: 0 (completion retry).
                data=body if chunk else b"",
                headers=self._headers(
                    {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
                ),
            )
        except SyncError as exc:
            with self._report_lock:
                report.bytes_sent += body.read_bytes
            raise _Sent(body.read_bytes) from exc
        with self._report_lock:
            report.bytes_sent += body.read_bytes
        elapsed = time.monotonic() - began
        if response.status_code == 409:
            raise _OffsetConflict("offset")
        if response.status_code in (404, 410):
            raise _UploadGone("gone")
        if response.status_code == 422 and _code(response) == "hash_mismatch":
            raise _HashMismatch(_detail(response) or "Isi foto tidak cocok dengan sidiknya.")
        if response.status_code != 204:
            self._error(response)
        new_offset = int(response.headers.get("Upload-Offset", offset + len(chunk)))
        self.meter.observe_upload(len(chunk), elapsed, self._streams)
        return new_offset, body.read_bytes

    def _error(self, response: requests.Response) -> None:
        SyncClient._raise(response.status_code, response.content)
        raise SyncError(
            f"Jawaban server tidak terduga ({response.status_code}).", status=response.status_code
        )

    def _note_all(self, pending: list[BlobUpload], message: str) -> None:
        for upload in pending:
            blob_uploads.record_failure(self.store, upload.sha256, message)


def _code(response: requests.Response) -> str:
    try:
        return str(response.json().get("code", ""))
    except ValueError:
        return ""


def _detail(response: requests.Response) -> str:
    try:
        return str(response.json().get("detail", ""))
    except ValueError:
        return ""
