"""Running store and network work off the UI thread (superqt/napari worker pattern).

A `Job` is a QRunnable with a separate signals QObject; results and errors come back to the main
thread as signals. Strong references are kept until a job ends so Python does not collect it early.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)
_running: set[Job] = set()
_lock = threading.Lock()


class JobSignals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)
    finished = Signal()


class Job(QRunnable):
    """Run `fn(job)` in the pool. `fn` may call `job.report(...)` and check `job.cancelled`."""

    def __init__(self, fn: Callable[[Job], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = JobSignals()
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, progress: Any) -> None:
        self.signals.progressed.emit(progress)

    def run(self) -> None:
        try:
            result = self.fn(self)
        except Exception as exc:  # noqa: BLE001 - every error reaches the failure signal
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            log.debug("job failed", exc_info=True)
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()
            with _lock:
                _running.discard(self)


def run_in_background(
    fn: Callable[[Job], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[Exception], None] | None = None,
    on_progress: Callable[[Any], None] | None = None,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Job:
    """Run `fn` on the pool. With `owner`, callbacks are dropped once that widget or model is gone,
    so an answer that arrives after its view closed does not touch a deleted C++ object."""
    job = Job(fn)
    for signal, callback in (
        (job.signals.succeeded, on_success),
        (job.signals.failed, on_failure),
        (job.signals.progressed, on_progress),
    ):
        if callback is not None:
            signal.connect(_guarded(callback, owner))
    with _lock:
        _running.add(job)
    (pool or QThreadPool.globalInstance()).start(job)
    return job


def _guarded(callback: Callable[[Any], None], owner: QObject | None) -> Callable[[Any], None]:
    if owner is None:
        return callback

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return call


def wait_for_all(timeout_ms: int = 10_000) -> bool:
    """Used at shutdown and in tests: wait until no job is running."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
