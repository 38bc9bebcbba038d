"""Photo downloads (DESIGN §5, §8): thumbnails with every pull, full photos on demand or on fast links.

`GET /sync/v1/blobs/{sha256}` streams the blob; a dropped connection resumes with `Range: bytes=N-`
from the byte reached, so a cut costs only what was in flight. The bytes received so far are kept in
the vault (encrypted, `PhotoVault.append_partial`) as they arrive, so a download also resumes from
where it stopped after the app is closed or killed. The whole body is checked against its sha256
before it enters the vault: a mismatch (damage on the server or on the way) is discarded and the
blob fetched again from the start; a second mismatch is reported, and nothing is stored. Each run
after a pull first drops the kept pieces no longer worth resuming (`prune_partials`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import requests
from sqlmodel import Session, col, select

from app.core.models import Photo
from app.store.store import Store
from app.sync.blob_protocol import BLOBS_PATH
from app.sync.client import AuthError, ClientTooOld, Offline, SyncClient, SyncError
from app.sync.link import LinkMeter, full_downloads_wanted
from app.sync.protocol import CLIENT_HEADER

_PIECE = 16 * 1024
# A kept download untouched for a month is abandoned (a full photo opened once on demand and never
# again); it only holds disk. A month outlasts any stretch out of signal, so a download cut on a field
# trip still resumes afterwards; dropping one still wanted costs only fetching that photo from the start.
PARTIAL_MAX_AGE = 30 * 24 * 3600.0


class BlobSink(Protocol):
    """Where fetched blobs go: the encrypted `PhotoVault`."""

    def put(self, data: bytes) -> str: ...

    def has(self, sha256: str) -> bool: ...


@runtime_checkable
class PartialSink(Protocol):
    """A sink that also keeps interrupted downloads (the `PhotoVault`): they survive a restart."""

    def partial(self, sha256: str) -> bytes: ...

    def append_partial(self, sha256: str, offset: int, piece: bytes) -> None: ...

    def drop_partial(self, sha256: str) -> None: ...

    def partials(self) -> Iterable[tuple[str, float]]: ...


class DownloadCorrupt(SyncError):
    """The server's copy does not match its hash (twice); nothing was stored."""


@dataclass
class DownloadReport:
    thumbnails: int = 0
    full: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    bytes_received: int = 0
    resumed_from: list[int] = field(default_factory=list)  # Range starts after drops
    discarded: int = 0  # bodies thrown away for a hash mismatch
    stopped: str = ""
    partials_dropped: int = 0  # kept downloads no longer worth resuming


class PhotoDownloader:
    def __init__(
        self,
        client: SyncClient,
        store: Store,
        sink: BlobSink,
        *,
        meter: LinkMeter | None = None,
        timeout: tuple[float, float] = (10.0, 60.0),
        max_drops: int = 6,
        backoff_base: float = 0.5,
    ) -> None:
        self.client = client
        self.store = store
        self.sink = sink
        self.meter = meter or LinkMeter.from_store(store)
        self.timeout = timeout
        self.max_drops = max_drops
        self.backoff_base = backoff_base

    def fetch(
        self,
        sha256: str,
        report: DownloadReport | None = None,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> bytes:
        """Fetch one blob into the vault (if not there yet) and return its bytes."""
        report = report or DownloadReport()
        for attempt in range(2):
            data = self._fetch_resumable(sha256, report, progress)
            good = hashlib.sha256(data).hexdigest() == sha256
            if good:
                self.sink.put(data)
            self._drop_partial(sha256)
            if good:
                return data
            report.discarded += 1
            if attempt == 1:
                break
        raise DownloadCorrupt(
            f"Foto {sha256[:12]}… dari server rusak (sidik tidak cocok); tidak disimpan. Laporkan ke admin.",
            code="blob_corrupt",
        )

    def _fetch_resumable(
        self, sha256: str, report: DownloadReport, progress: Callable[[int, int], None] | None
    ) -> bytes:
        kept = self.sink if isinstance(self.sink, PartialSink) else None
        received = bytearray(kept.partial(sha256) if kept is not None else b"")
        total: int | None = None
        drops = 0
        while total is None or len(received) < total:
            headers = {CLIENT_HEADER: self.client.client_version, "Accept-Encoding": "identity"}
            if self.client.token:
                headers["Authorization"] = f"Bearer {self.client.token}"
            if received:
                headers["Range"] = f"bytes={len(received)}-"
                report.resumed_from.append(len(received))
            began = time.monotonic()
            got = 0
            try:
                with self.client.session.get(
                    self.client.base_url + f"{BLOBS_PATH}/{sha256}",
                    headers=headers,
                    timeout=self.timeout,
                    stream=True,
                ) as response:
                    if response.status_code == 416 and received:
                        break  # everything had arrived before the restart; the hash check decides
                    if response.status_code >= 400:
                        SyncClient._raise(response.status_code, response.content)
                    if received and response.status_code != 206:
                        received.clear()  # the server ignored the range: start over
                        self._drop_partial(sha256)
                    total = _total_size(response, len(received))
                    for piece in response.iter_content(_PIECE):
                        if kept is not None:
                            kept.append_partial(sha256, len(received), piece)
                        received += piece
                        got += len(piece)
                        report.bytes_received += len(piece)
                        if progress is not None and total:
                            progress(len(received), total)
                if total is not None and len(received) < total:
                    raise Offline("Unduhan terputus.")
                self.meter.observe_download(got, time.monotonic() - began)
            except (requests.ConnectionError, requests.Timeout, requests.RequestException, Offline) as exc:
                if isinstance(exc, AuthError | ClientTooOld):
                    raise
                drops += 1
                if drops > self.max_drops:
                    raise Offline(f"Unduhan foto terputus berulang kali ({type(exc).__name__}).") from exc
                time.sleep(min(10.0, self.backoff_base * 2 ** (drops - 1)))
                continue
            if total is None:
                break
        return bytes(received)

    def _drop_partial(self, sha256: str) -> None:
        if isinstance(self.sink, PartialSink):
            self.sink.drop_partial(sha256)

    # ---- after a pull ---------------------------------------------------------------------------

    def prune_partials(self, *, now: float | None = None) -> int:
        """Drop the kept downloads no longer worth resuming; return how many.

        One goes when its blob is in the vault already (it came on a USB bundle or by another
        download), when no live photo record names it (the photo was deleted or left the scope), or
        when it has not grown for `PARTIAL_MAX_AGE`. A wanted, fresh one is always kept.
        """
        if not isinstance(self.sink, PartialSink):
            return 0
        now = time.time() if now is None else now
        wanted = self._live_hashes()
        dropped = 0
        for sha, written in list(self.sink.partials()):
            if sha in wanted and not self.sink.has(sha) and now - written <= PARTIAL_MAX_AGE:
                continue
            self.sink.drop_partial(sha)
            dropped += 1
        return dropped

    def _live_hashes(self) -> set[str]:
        """Full photos and thumbnails of every photo record not deleted: what may still be fetched."""
        with Session(self.store.engine) as session:
            rows = session.exec(
                select(Photo.sha256, Photo.thumbnail_sha256).where(col(Photo.deleted).is_(False))
            ).all()
        return {sha for row in rows for sha in row if sha}

    def missing_thumbnails(self) -> list[str]:
        with Session(self.store.engine) as session:
            hashes = session.exec(
                select(Photo.thumbnail_sha256).where(
                    col(Photo.deleted).is_(False), Photo.thumbnail_sha256 != ""
                )
            ).all()
        return [h for h in dict.fromkeys(hashes) if not self.sink.has(h)]

    def missing_full(self) -> list[str]:
        with Session(self.store.engine) as session:
            hashes = session.exec(
                select(Photo.sha256).where(col(Photo.deleted).is_(False), Photo.sha256 != "")
            ).all()
        return [h for h in dict.fromkeys(hashes) if not self.sink.has(h)]

    def after_pull(
        self, *, full: bool | None = None, cancelled: Callable[[], bool] | None = None
    ) -> DownloadReport:
        """Thumbnails of every photo in the scope; then full photos if wanted (setting and link)."""
        cancelled = cancelled or (lambda: False)
        report = DownloadReport()
        report.partials_dropped = self.prune_partials()
        want_full = full_downloads_wanted(self.store, self.meter.estimate()) if full is None else full
        queues = [("thumbnail", self.missing_thumbnails())]
        if want_full:
            queues.append(("full", self.missing_full()))
        for kind, hashes in queues:
            for sha in hashes:
                if cancelled():
                    report.stopped = "cancelled"
                    return report
                try:
                    self.fetch(sha, report)
                except DownloadCorrupt as exc:
                    report.failed[sha] = exc.message
                    continue
                except Offline as exc:
                    report.stopped = exc.message
                    return report
                except SyncError as exc:
                    if exc.status == 404:
                        report.failed[sha] = exc.message  # not uploaded yet by its officer
                        continue
                    raise
                if kind == "thumbnail":
                    report.thumbnails += 1
                else:
                    report.full += 1
        self.meter.save(self.store)
        return report


def _total_size(response: requests.Response, already: int) -> int | None:
    if response.status_code == 206:
        content_range = response.headers.get("Content-Range", "")
        _, _, size = content_range.rpartition("/")
        return int(size) if size.isdigit() else None
    length = response.headers.get("Content-Length")
    return already + int(length) if length and length.isdigit() else None
