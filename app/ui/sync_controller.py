"""When sync runs and how it looks (the UI half; `app.sync` does the work, blocking and typed).

Sync runs after sign-in, on demand ("Sinkronkan sekarang"), and by itself when a cheap probe finds
the server again, backing off with jitter while it is unreachable. One sync at a time; cancel sets a
flag the engine checks between batches and pages.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.store.vault import user_vault
from app.sync.account import Account
from app.sync.client import ClientTooOld, Offline
from app.sync.engine import SyncEngine
from app.sync.photo_sync import PhotoSync
from app.ui.worker import Job, run_in_background

PROBE_MIN_S = 15
PROBE_MAX_S = 600


class SyncController(QObject):
    state_changed = Signal(str)  # offline | online | syncing | error | too_old
    progressed = Signal(str, int, int)  # phase, done, total
    sync_finished = Signal(object)  # the engine's report
    sync_failed = Signal(str)  # a message for the user

    def __init__(self, account: Account, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.job: Job | None = None
        self.state = "online" if account.online else "offline"
        self.last_error = ""
        self.last_synced: datetime | None = None
        self._failures = 0
        self._rng = random.Random()
        self._probe = QTimer(self)
        self._probe.setSingleShot(True)
        self._probe.timeout.connect(self._probe_now)

    @property
    def running(self) -> bool:
        return self.job is not None

    def start_auto(self) -> None:
        """Sync now if online, otherwise start probing for a link."""
        if self.account.online:
            self.sync_now()
        else:
            self._schedule_probe()

    def stop(self) -> None:
        self._probe.stop()
        if self.job is not None:
            self.job.cancel()

    def sync_now(self) -> None:
        if self.job is not None:
            return
        self._probe.stop()
        self._set_state("syncing")
        account = self.account
        photos = PhotoSync(account.client, account.store, user_vault(account.user_dir, account.key))
        engine = SyncEngine(account.store, account.client, photos=photos)

        sktm_villages = [a for a in account.areas if len(a) == 13] if account.role == "sekdes" else []

        def work(job: Job) -> Any:
            report = engine.sync(
                progress=lambda phase, done, total: job.report((phase, done, total)),
                cancelled=lambda: job.cancelled,
            )
            if sktm_villages and not job.cancelled:
                # The village secretary numbers SKTM letters offline from blocks the server reserves.
                from app.ui.requests.data import top_up_sktm_blocks  # noqa: PLC0415

                top_up_sktm_blocks(account.client, account.store, sktm_villages, date.today().year)
            return report

        self.job = run_in_background(
            work,
            on_success=self._succeeded,
            on_failure=self._failed,
            on_progress=lambda p: self.progressed.emit(str(p[0]), int(p[1]), int(p[2])),
            owner=self,
        )

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _succeeded(self, report: Any) -> None:
        self.job = None
        self._failures = 0
        self.last_synced = datetime.now()
        self._set_state("online")
        self.sync_finished.emit(report)

    def _failed(self, exc: Exception) -> None:
        self.job = None
        if isinstance(exc, ClientTooOld):
            self.last_error = str(exc)
            self._set_state("too_old")
            self.sync_failed.emit(self.last_error)
            return
        if isinstance(exc, Offline):
            self._set_state("offline")
        else:
            self.last_error = getattr(exc, "message", None) or str(exc)
            self._set_state("error")
            self.sync_failed.emit(self.last_error)
        self._failures += 1
        self._schedule_probe()

    def _schedule_probe(self) -> None:
        # Exponential backoff with full jitter, so a hundred laptops do not probe in step.
        ceiling = min(PROBE_MAX_S, PROBE_MIN_S * 2 ** min(self._failures, 6))
        self._probe.start(int(1000 * self._rng.uniform(PROBE_MIN_S / 2, ceiling)))

    def _probe_now(self) -> None:
        client = self.account.client

        def probe(_job: Job) -> bool:
            try:
                client.meta()
            except Offline:
                return False
            return True

        def answered(reachable: bool) -> None:
            if reachable:
                self.sync_now()
            else:
                self._failures += 1
                self._set_state("offline")
                self._schedule_probe()

        run_in_background(probe, on_success=answered, on_failure=self._failed, owner=self)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
