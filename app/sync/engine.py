"""The client sync engine: push the outbox, then pull the scope (DESIGN §5). Blocking; the UI runs it
in a worker thread and owns scheduling, progress display and cancellation.

Every step that changes local state is one local transaction (a push batch's answers; a pull page and
its cursor), so the process can die anywhere and the next sync resumes without losing or doubling
anything: resent mutations are answered `duplicate` by the server, a re-pulled page is idempotent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.store import outbox
from app.store import pull as store_pull
from app.store.store import Store
from app.store.tables import OutboxEntry
from app.sync.client import CursorExpired, SyncClient, SyncError
from app.sync.photo_sync import PhotoSync
from app.sync.protocol import PROTOCOL_VERSION, SCHEMA_VERSION, Meta, Mutation, MutationResult, PullPage

Progress = Callable[[str, int, int], None]
Cancelled = Callable[[], bool]

LAST_SYNC_KEY = "last_sync"
POLICY_PACK_KEY = "server_policy_pack"
META_KEY = "server_meta"
META_MAX_AGE = timedelta(hours=12)


class ProtocolMismatch(SyncError):
    """The server speaks a protocol or row schema this app cannot; the app must be updated."""


class SyncBusy(SyncError):
    """A sync is already running on this store."""


@dataclass
class SyncReport:
    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    pages: int = 0
    resynced: bool = False
    cancelled: bool = False
    pending_after: int = 0
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None
    seconds: float = 0.0
    # The photo step's reports (app.sync.uploads.UploadReport / downloads.DownloadReport), when it ran.
    photo_upload: object = None
    photo_download: object = None

    @property
    def needs_attention(self) -> bool:
        return bool(self.conflicts or self.rejected)


def to_mutation(entry: OutboxEntry) -> Mutation:
    """An outbox entry as the wire sends it (a push, or a USB bundle)."""
    return Mutation(
        mutation_id=entry.mutation_id,
        entity=entry.entity,  # type: ignore[arg-type]
        entity_id=entry.entity_id,
        village_code=entry.village_code,
        op=entry.op,  # type: ignore[arg-type]
        base_version=entry.base_version,
        patch=entry.patch,
        base=entry.base,
        resolves=list(entry.resolves or []),
    )


def _to_answer(result: MutationResult) -> outbox.PushAnswer:
    return outbox.PushAnswer(
        mutation_id=result.mutation_id,
        status=result.status,
        original_status=result.original_status,
        version=result.version,
        previous_version=result.previous_version,
        reason=result.reason,
        conflicts=tuple(
            outbox.FieldConflictAnswer(id=c.id, field=c.field, base=c.base, mine=c.mine, theirs=c.theirs)
            for c in result.conflicts
        ),
    )


class SyncEngine:
    # Bounded batches: a cut costs at most one. The byte bound is on the JSON before gzip, which
    # shrinks visits about tenfold: 256 kB is ~25 kB on the wire, a second of EDGE uplink, and a
    # day's 50 visits go in one request instead of paying a round trip (0.84 s on EDGE) per batch.
    push_max_count = 100
    push_max_bytes = 256_000
    # Pages are applied (and checkpointed) one by one; streamed, their size costs no round trips.
    pull_max_bytes = 300_000
    stream_pull = True

    _locks: dict[int, threading.Lock] = {}
    _locks_guard = threading.Lock()

    def __init__(self, store: Store, client: SyncClient, *, photos: PhotoSync | None = None) -> None:
        self.store = store
        self.client = client
        self.photos = photos

    def _lock(self) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(id(self.store), threading.Lock())

    def sync(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> SyncReport:
        """Push, then pull. Raises SyncError subclasses (Offline, AuthError, ClientTooOld, ...)."""
        lock = self._lock()
        if not lock.acquire(blocking=False):
            raise SyncBusy("Sinkronisasi sedang berjalan.")
        try:
            return self._sync(progress or (lambda *_: None), cancelled or (lambda: False))
        finally:
            lock.release()

    def _sync(self, progress: Progress, cancelled: Cancelled) -> SyncReport:
        report = SyncReport()
        start = time.monotonic()
        # No meta request: push answers carry the meta, and the pull brings policy packs.
        meta = self.known_meta()
        if self.photos is not None:
            self.photos.before_push()  # hold photo records until their blobs are on the server
        if not self.push(report, progress, cancelled, meta):
            report.cancelled = True
        elif not self._photos_up(report, progress, cancelled, meta):
            report.cancelled = True
        elif not self.pull(report, progress, cancelled):
            report.cancelled = True
        elif self.photos is not None:
            report.photo_download = self.photos.after_pull(cancelled)
        else:
            self.store.set_state(LAST_SYNC_KEY, datetime.now(UTC).isoformat())
        report.pending_after = outbox.pending_count(self.store)
        report.finished_at = datetime.now(UTC)
        report.seconds = time.monotonic() - start
        return report

    def _photos_up(
        self, report: SyncReport, progress: Progress, cancelled: Cancelled, meta: Meta | None
    ) -> bool:
        """Photo blobs after the records; then the photo records their confirmation released."""
        if self.photos is None:
            return True
        upload = self.photos.upload(cancelled, lambda p: progress("photos", p.offset, p.size))
        report.photo_upload = upload
        if upload.stopped == "cancelled":
            return False
        return self.push(report, progress, cancelled, meta) if upload.released_records else True

    def known_meta(self) -> Meta | None:
        """The server's meta as last seen, if recent; every push answer refreshes it.

        Skipping the meta request saves a round trip per sync (840 ms on EDGE). Nothing is lost by
        trusting a recent copy: each request carries the app version, and a server that no longer
        accepts it answers 426 to that request.
        """
        raw = self.store.get_state(META_KEY)
        if not raw:
            return None
        meta = Meta.model_validate_json(raw)
        if datetime.now(UTC) - meta.server_time > META_MAX_AGE:
            return None
        return meta

    def _remember_meta(self, meta: Meta) -> None:
        self.store.set_state(META_KEY, meta.model_dump_json())
        self.store.set_state(
            POLICY_PACK_KEY,
            f"{meta.policy_pack.pack_id}@{meta.policy_pack.version}" if meta.policy_pack else "",
        )

    def check_meta(self) -> Meta:
        meta = self.client.meta()
        self._check_protocol(meta)
        self._remember_meta(meta)
        return meta

    @staticmethod
    def _check_protocol(meta: Meta) -> None:
        if meta.protocol_version != PROTOCOL_VERSION or meta.schema_version > SCHEMA_VERSION:
            raise ProtocolMismatch(
                "Server memakai versi protokol yang lebih baru. Perbarui aplikasi Verval Desa; "
                "data yang belum terkirim tetap tersimpan di laptop.",
                code="protocol_mismatch",
            )

    def push(
        self, report: SyncReport, progress: Progress, cancelled: Cancelled, meta: Meta | None = None
    ) -> bool:
        """Send the outbox in bounded batches. False if cancelled."""
        max_count = min(self.push_max_count, meta.max_push_mutations if meta else self.push_max_count)
        max_bytes = min(self.push_max_bytes, meta.max_push_bytes // 2 if meta else self.push_max_bytes)
        total = outbox.pending_count(self.store)
        done = 0
        progress("push", 0, total)
        while True:
            if cancelled():
                return False
            batch = outbox.pending_batch(self.store, max_count=max_count, max_bytes=max_bytes)
            if not batch:
                return True
            response = self.client.push([to_mutation(e) for e in batch])
            counts = outbox.apply_answers(self.store, [_to_answer(r) for r in response.results])
            if response.meta is not None:
                self._check_protocol(response.meta)
                self._remember_meta(response.meta)
            report.pushed += len(batch)
            report.applied += counts.get("applied", 0)
            report.duplicates += counts.get("duplicate", 0)
            report.conflicts += counts.get("conflict", 0)
            report.rejected += counts.get("rejected", 0)
            for result in response.results:
                if result.status == "duplicate" and result.original_status in ("conflict", "rejected"):
                    if result.original_status == "conflict":
                        report.conflicts += 1
                    else:
                        report.rejected += 1
            done += len(batch)
            progress("push", done, max(total, done))

    def _pages(self, cursor: str) -> Iterator[PullPage]:
        if self.stream_pull:
            yield from self.client.pull_stream(cursor, page_bytes=self.pull_max_bytes)
        else:
            yield self.client.pull_page(cursor, max_bytes=self.pull_max_bytes)

    def pull(self, report: SyncReport, progress: Progress, cancelled: Cancelled) -> bool:
        """Pull pages until the server has no more. False if cancelled."""
        cursor = store_pull.cursor(self.store)
        done = 0
        progress("pull", 0, 0)
        while True:
            if cancelled():
                return False
            has_more = True
            try:
                for page in self._pages(cursor):
                    store_pull.apply_page(self.store, page.changes, page.next_cursor)
                    cursor = page.next_cursor
                    has_more = page.has_more
                    report.pages += 1
                    report.pulled += len(page.changes)
                    done += len(page.changes)
                    progress("pull", done, done + (1 if page.has_more else 0))
                    if cancelled():
                        return False
            except CursorExpired:
                store_pull.begin_resync(self.store)
                report.resynced = True
                cursor = ""
                continue
            if not has_more:
                break
        if store_pull.resync_in_progress(self.store):
            store_pull.finish_resync(self.store)
        return True
