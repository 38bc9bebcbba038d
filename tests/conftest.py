"""Shared fixtures. Qt runs offscreen; every store test gets a fresh encrypted database."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.store.store import Store  # noqa: E402

TEST_KEY = bytes(range(32))


@pytest.fixture(autouse=True, scope="session")
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    """As in the app (app.ui.app): no automatic collection, which could run on a server or worker
    thread and destroy a Qt object there (a segfault); cycles are collected here, on the main thread."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    s = Store.open(store_path, TEST_KEY)
    yield s
    s.close()
