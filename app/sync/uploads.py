"""Photo uploads over tus on the app's own `requests.Session` (DESIGN §5, §6).

One `POST /sync/v1/blobs/missing` for the whole batch; then each blob the server lacks goes up on
one of several parallel streams (as many as keep the link busy through each stream's round trips)
as a tus creation-with-upload: a POST carrying the first chunk, which on EDGE and 3G is the whole
photo, so a photo normally costs one request. The journal is written before the first byte (the
blob may now be partly on the server) and when the server confirms it; a longer blob's URL and
offset after each PATCH. After a drop, a timeout or an app restart the next request carries no
body: a HEAD (URL known) or an empty POST (URL lost with a cut POST's answer; the server keys
uploads by user and blob) learns the server's offset, and proves the link is back, before any byte
goes again; so a cut costs at most the chunk in flight. The first retry after progress is immediate,
later ones back off exponentially with full jitter. Chunk size and stream count follow the measured
link (`app.sync.link`). When the server confirms a blob (its hash checked), the photo records
waiting for it are released for the next push.

Blocking and typed like `SyncClient`: the UI runs it in a worker and polls `upload_journal()`.
"""

from __future__ import annotations

import base64
import collections
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
    """Carries how many body bytes went out before a request failed (the cause)."""

    def __init__(self, sent: int) -> None:
        super().__init__(sent)
        self.sent = sent


@dataclass
class _Blob:
    """One blob's upload as this run knows it, kept across attempts."""

    upload: BlobUpload
    data: bytes | None = None
    url: str = ""
    # Whether the server may hold part of this blob under an upload whose URL we lost (a cut POST,
    # an app killed mid-request): then the next request asks for the offset instead of sending.
    unsure: bool = False
    offset: int | None = None  # the server's, when known
    held_before: int | None = None  # what the server held when this run first sent or asked
    sent: int = 0  # body bytes this run handed to the network for it
    mismatches: int = 0

    def __post_init__(self) -> None:
        self.url = self.upload.upload_url
        self.unsure = self.upload.state != blob_uploads.QUEUED


@dataclass
class UploadReport:
    uploaded: list[str] = field(default_factory=list)
    already_on_server: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)  # picked up at the server's offset (> 0)
    failed: dict[str, str] = field(default_factory=dict)
    released_records: int = 0
    bytes_sent: int = 0  # every PATCH body byte handed to the network
    bytes_resent: int = 0  # of those, bytes the server already had or lost in a cut
    retries: int = 0
    parallel: int = 1
    chunk_size: int = 0  # the first chunk size chosen
    max_chunk: int = 0  # the largest request body sent (re-sending after a cut is bounded by it)
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
        # Consecutive failures of one stream without progress before this run gives up on the link.
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
        queue = collections.deque(_Blob(u) for u in todo)  # shared by the streams
        stop = threading.Event()

        def work() -> None:
            failures = 0  # this stream's consecutive failures without progress
            blob: _Blob | None = None
            while not (cancel.is_set() or stop.is_set()):
                # After a failure the same blob goes on, and its next request carries no body: it asks
                # the server for the offset, which also proves the link is back before bytes go out.
                if blob is None:
                    try:
                        blob = queue.popleft()
                    except IndexError:
                        return
                try:
                    done, progressed = self._attempt(blob, report, cancel, progress)
                except (AuthError, Forbidden, ClientTooOld) as exc:
                    report.stopped = exc.message
                    stop.set()
                    return
                if progressed:
                    failures = 0
                if done:
                    blob = None
                    continue
                failures += 1
                if failures >= self.max_failures:
                    report.stopped = report.stopped or "offline"
                    stop.set()
                    return
                self._backoff(failures, cancel)

        if streams == 1:
            work()
        else:
            with ThreadPoolExecutor(max_workers=streams, thread_name_prefix="verval-upload") as pool:
                for future in [pool.submit(work) for _ in range(streams)]:
                    future.result()
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

    def _attempt(
        self,
        blob: _Blob,
        report: UploadReport,
        cancel: _Cancel,
        progress: Callable[[UploadProgress], None] | None,
    ) -> tuple[bool, bool]:
        """Take one blob as far as the link allows: (finished with it, the server's offset advanced).

        Returns (False, …) after a link failure; the stream's next attempt at the same blob starts
        with a request without body that learns the server's offset.
        """
        sha = blob.upload.sha256
        if blob.data is None:
            try:
                blob.data = self.source.get(sha)
            except Exception as exc:  # noqa: BLE001 - the vault's own error carries the message
                message = getattr(exc, "message", str(exc))
                blob_uploads.record_failure(self.store, sha, message, final=True)
                with self._report_lock:
                    report.failed[sha] = message
                return True, False
            if blob.upload.size != len(blob.data):
                blob_uploads.set_size(self.store, sha, len(blob.data))
        data = blob.data
        size = len(data)
        progressed = False
        while True:
            if cancel.is_set():
                return False, progressed
            sent = 0
            try:
                # Whether the server ran its completion (hash check, blob stored) at offset == size;
                # an offset learned by HEAD or a probe may be a finished upload whose completion failed.
                completed = False
                if blob.url and blob.offset is None:
                    blob.offset = self._head(blob.url)
                    if blob.offset is None:  # expired, or finished by a request whose answer was lost
                        blob.url, blob.unsure = "", True
                    else:
                        self._learned(blob, report)
                if not blob.url:
                    body = b"" if blob.unsure else data[: self._chunk_size()]
                    if body:
                        if blob.held_before is None:
                            blob.held_before = 0
                        blob_uploads.mark_started(self.store, sha)
                    try:
                        blob.url, blob.offset, sent = self._create(blob.upload, size, body, report)
                    except _Sent as exc:
                        blob.unsure = True  # the server may hold part of it under a URL we never got
                        raise self._cut(blob, exc) from None
                    blob.sent += sent
                    blob.unsure = False
                    completed = bool(body) and blob.offset >= size
                    progressed = progressed or bool(body)
                    if not body:
                        self._learned(blob, report)
                    if blob.offset < size:
                        blob_uploads.record_url(self.store, sha, blob.url, blob.offset, sent=sent)
                        sent = 0
                    if progress is not None:
                        progress(UploadProgress(sha, blob.offset, size))
                assert blob.offset is not None
                while blob.offset < size or not completed:
                    if cancel.is_set():
                        return False, progressed
                    # At offset == size an empty PATCH asks the server to finish (its completion).
                    offset = blob.offset
                    chunk = data[offset : offset + self._chunk_size()]
                    with self._report_lock:
                        report.max_chunk = max(report.max_chunk, len(chunk))
                    try:
                        new_offset, sent = self._patch(blob.url, offset, chunk, report)
                    except _Sent as exc:
                        blob.offset = None  # HEAD tells where the cut left it
                        raise self._cut(blob, exc) from None
                    blob.sent += sent
                    progressed = progressed or new_offset > offset
                    blob.offset = new_offset
                    completed = new_offset >= size
                    if not completed:
                        blob_uploads.record_progress(self.store, sha, offset=new_offset, sent=sent)
                        sent = 0
                    if progress is not None:
                        progress(UploadProgress(sha, new_offset, size))
                with self._report_lock:
                    report.uploaded.append(sha)
                    report.bytes_resent += max(0, blob.sent - (size - (blob.held_before or 0)))
                    report.released_records += blob_uploads.confirm(self.store, [sha], sent=sent)
                return True, progressed
            except _BlobExists:
                with self._report_lock:
                    report.already_on_server.append(sha)
                    report.released_records += blob_uploads.confirm(self.store, [sha])
                return True, progressed
            except _UploadGone:
                blob.url, blob.offset, blob.unsure = "", None, True
                blob_uploads.record_failure(
                    self.store, sha, "Unggahan kedaluwarsa di server; dimulai lagi.", forget_url=True
                )
            except _OffsetConflict:
                blob.offset = None  # HEAD tells the real offset
            except _HashMismatch as exc:
                # The server dropped the upload: start over from nothing.
                blob.url, blob.offset, blob.unsure, blob.held_before = "", None, False, None
                blob.sent = 0
                blob.mismatches += 1
                final = blob.mismatches >= 2
                blob_uploads.record_failure(self.store, sha, exc.message, forget_url=True, final=final)
                if final:
                    with self._report_lock:
                        report.failed[sha] = exc.message
                    return True, progressed
            except (Offline, SyncError) as exc:
                if isinstance(exc, AuthError | Forbidden | ClientTooOld):
                    raise
                blob.offset = None
                with self._report_lock:
                    report.retries += 1
                blob_uploads.record_failure(self.store, sha, exc.message)
                return False, progressed

    def _cut(self, blob: _Blob, sent: _Sent) -> BaseException:
        """Account the body bytes a failed request handed to the network; returns its cause to raise."""
        blob.sent += sent.sent
        blob_uploads.record_progress(self.store, blob.upload.sha256, sent=sent.sent)
        assert sent.__cause__ is not None
        return sent.__cause__

    def _learned(self, blob: _Blob, report: UploadReport) -> None:
        """The server's offset, learned without sending (HEAD or an empty POST)."""
        if blob.held_before is None:
            blob.held_before = blob.offset
            if blob.offset:
                with self._report_lock:
                    report.resumed.append(blob.upload.sha256)

    def _backoff(self, failures: int, cancel: _Cancel) -> None:
        """Retry at once after the first failure since progress (a cut mid-transfer is the common
        case here, and reconnecting already costs a round trip); then exponential, full jitter."""
        if failures <= 1:
            return
        delay = min(self.backoff_cap, self.backoff_base * 2 ** (failures - 2))
        with self._rng_lock:
            wait = self._rng.uniform(delay / 2, delay)
        cancel.wait(wait)

    def _chunk_size(self) -> int:
        if self.fixed_chunk:
            return self.fixed_chunk
        return choose_chunk_size(self.meter.estimate())

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

    def _create(
        self, upload: BlobUpload, size: int, body: bytes, report: UploadReport
    ) -> tuple[str, int, int]:
        """tus creation with upload: (upload path, the server's offset, body bytes sent).

        An empty body asks the server where an earlier, interrupted upload of this blob stands (the
        server keys uploads by user and blob, see `app.server.uploads`).
        """
        meta = {
            "sha256": upload.sha256,
            "village_code": upload.village_code,
            "filename": f"{upload.sha256}.jpg",
            "filetype": upload.media_type or "image/jpeg",
            "photo_id": upload.photo_id,
        }
        encoded = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in meta.items())
        headers = {"Upload-Length": str(size), "Upload-Metadata": encoded}
        if body:
            headers["Content-Type"] = "application/offset+octet-stream"
        with self._report_lock:
            report.max_chunk = max(report.max_chunk, len(body))
        response, sent = self._send_body("POST", UPLOADS_PATH, body, headers, report)
        if response.status_code == 409 and _code(response) == "blob_exists":
            raise _BlobExists("exists")
        if response.status_code == 422 and _code(response) == "hash_mismatch":
            raise _HashMismatch(_detail(response) or "Isi foto tidak cocok dengan sidiknya.")
        if response.status_code != 201 or "Location" not in response.headers:
            self._error(response)
        offset = int(response.headers.get("Upload-Offset", "0"))
        return urlsplit(response.headers["Location"]).path, offset, sent

    def _head(self, path: str) -> int | None:
        response = self._send("HEAD", path, headers=self._headers())
        if response.status_code in (404, 410):
            return None
        if response.status_code != 200:
            self._error(response)
        return int(response.headers["Upload-Offset"])

    def _patch(self, path: str, offset: int, chunk: bytes, report: UploadReport) -> tuple[int, int]:
        response, sent = self._send_body(
            "PATCH",
            path,
            chunk,
            {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"},
            report,
        )
        if response.status_code == 409:
            raise _OffsetConflict("offset")
        if response.status_code in (404, 410):
            raise _UploadGone("gone")
        if response.status_code == 422 and _code(response) == "hash_mismatch":
            raise _HashMismatch(_detail(response) or "Isi foto tidak cocok dengan sidiknya.")
        if response.status_code != 204:
            self._error(response)
        return int(response.headers.get("Upload-Offset", offset + len(chunk))), sent

    def _send_body(
        self, method: str, path: str, body: bytes, extra: dict[str, str], report: UploadReport
    ) -> tuple[requests.Response, int]:
        """One request with a body; raises `_Sent` (caused by the error) if it fails on the way."""
        counted = _CountingBody(body)
        began = time.monotonic()
        try:
            # An empty BytesIO would go out chunked; tus wants Content-Length: 0.
            response = self._send(method, path, data=counted if body else b"", headers=self._headers(extra))
        except SyncError as exc:
            with self._report_lock:
                report.bytes_sent += counted.read_bytes
            raise _Sent(counted.read_bytes) from exc
        with self._report_lock:
            report.bytes_sent += counted.read_bytes
        elapsed = time.monotonic() - began
        if body:
            self.meter.observe_upload(len(body), elapsed, self._streams)
        else:
            self.meter.observe_rtt(elapsed)
        return response, counted.read_bytes

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
