"""Helpers for the photo, download and bundle tests: a seeded server, an officer's store and vault, and
photos saved the way the capture screen saves them (blob in the vault, Photo row through the outbox)."""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlmodel import Session

from app.core.models import Household, Photo, PhotoKind
from app.server.blobstore import FileBlobStore
from app.server.config import Settings
from app.server.runner import ServerThread
from app.store.store import Store
from app.store.vault import PhotoVault
from app.sync.client import SyncClient
from bench.linkproxy import LinkProxy
from tests.conftest import TEST_KEY
from tests.serverkit import PASSWORDS, VILLAGE, make_settings, seed


@dataclass
class Officer:
    store: Store
    vault: PhotoVault
    client: SyncClient

    def close(self) -> None:
        self.client.close()
        self.store.close()


def photo_settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path, f"sqlite:///{tmp_path / 'server.sqlite3'}")


@contextmanager
def photo_server(tmp_path: Path) -> Iterator[ServerThread]:
    with ServerThread(photo_settings(tmp_path)) as server:
        seed(server.engine)
        yield server


def server_blobs(settings: Settings) -> FileBlobStore:
    assert settings.blob_dir is not None
    return FileBlobStore(settings.blob_dir)


def open_officer(folder: Path, url: str, username: str = "pendamping", *, login: bool = True) -> Officer:
    store = Store.open(folder / "store.db", TEST_KEY)
    vault = PhotoVault(folder / "vault", TEST_KEY)
    client = SyncClient(url, timeout=(2, 5))
    if login:
        token = store.get_state("token")
        if token:
            client.token = token
        else:
            client.login(username, PASSWORDS[username])
            store.set_state("token", client.token or "")
    return Officer(store, vault, client)


def blob_bytes(rng: random.Random, low: int = 20_000, high: int = 200_000) -> bytes:
    """Incompressible bytes standing in for a processed JPEG (the server only hashes and stores them)."""
    return rng.randbytes(rng.randint(low, high))


def household_ids(engine: Engine, village: str = VILLAGE) -> list[str]:
    with Session(engine) as session:
        return list(session.execute(select(Household.id).where(Household.village_code == village)).scalars())


def save_photo(
    officer: Officer,
    household_id: str,
    data: bytes,
    *,
    thumbnail: bytes | None = None,
    village: str = VILLAGE,
    kind: PhotoKind = PhotoKind.HOUSE_FRONT,
) -> Photo:
    """What capture does: the bytes into the vault, then the Photo row (and its outbox entry)."""
    sha = officer.vault.put(data)
    thumb_sha = officer.vault.put(thumbnail) if thumbnail is not None else ""
    photo = Photo(
        village_code=village,
        household_id=household_id,
        kind=kind,
        sha256=sha,
        byte_size=len(data),
        thumbnail_sha256=thumb_sha,
        taken_by="pendamping",
    )
    officer.store.save(photo)
    return photo


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class LinkDropper:
    """Watches a proxy's byte counter and drops the link (RST, then down) once `up_bytes` went up."""

    def __init__(
        self,
        proxy: LinkProxy,
        *,
        up_bytes: int | None = None,
        down_bytes: int | None = None,
        action: Callable[[], None] | None = None,
    ) -> None:
        self.proxy = proxy
        self.up_bytes = up_bytes
        self.down_bytes = down_bytes
        self.action = action or (lambda: proxy.set_down(True, cut_existing=True))
        self.fired = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> LinkDropper:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def _watch(self) -> None:
        while not self._stop.is_set():
            if (self.up_bytes is not None and self.proxy.bytes_up >= self.up_bytes) or (
                self.down_bytes is not None and self.proxy.bytes_down >= self.down_bytes
            ):
                self.action()
                self.fired.set()
                return
            time.sleep(0.0005)
