"""Photo downloads over the link proxy: resuming a cut download by Range, discarding a corrupted one,
thumbnails arriving with the pull without waiting for full photos, and kept partial downloads dropped
once no longer worth resuming."""

from __future__ import annotations

import hashlib
import os
import random
import time
from pathlib import Path

import pytest

from app.server.runner import ServerThread
from app.store.tables import SyncState
from app.sync.client import Offline
from app.sync.downloads import PARTIAL_MAX_AGE, DownloadCorrupt, DownloadReport, PhotoDownloader
from app.sync.engine import SyncEngine
from app.sync.link import FULL_DOWNLOAD_KEY
from app.sync.photo_sync import PhotoSync
from bench.linkproxy import LinkProfile, LinkProxy
from tests.sync.photo_kit import Officer, blob_bytes, open_officer, photo_server, save_photo, server_blobs

FAST = LinkProfile("fast-down", down_kbps=20_000, up_kbps=20_000, rtt_ms=4)


def _photos_on_server(server: ServerThread, tmp_path: Path, count: int, seed: int) -> list:  # noqa: ANN001
    """The supervisor photographs `count` houses and syncs: photos another user will pull."""
    rng = random.Random(seed)
    colleague = open_officer(tmp_path / "colleague", server.url, "supervisor")
    try:
        SyncEngine(colleague.store, colleague.client).sync()
        ids = colleague.store.household_ids()
        photos = [
            save_photo(
                colleague, ids[i], blob_bytes(rng, 150_000, 200_000), thumbnail=blob_bytes(rng, 4_000, 6_000)
            )
            for i in range(count)
        ]
        SyncEngine(
            colleague.store,
            colleague.client,
            photos=PhotoSync(colleague.client, colleague.store, colleague.vault),
        ).sync()
        return photos
    finally:
        colleague.close()


def _synced(tmp_path: Path, url: str, full: str) -> Officer:
    officer = open_officer(tmp_path / "officer", url)
    with officer.store.session() as session:
        session.merge(SyncState(key=FULL_DOWNLOAD_KEY, value=full))
    return officer


def test_thumbnails_come_with_the_pull_full_photos_on_demand(tmp_path: Path) -> None:
    with photo_server(tmp_path) as server:
        photos = _photos_on_server(server, tmp_path, 3, seed=1)
        officer = _synced(tmp_path, server.url, "on_demand")
        try:
            photo_sync = PhotoSync(officer.client, officer.store, officer.vault)
            report = SyncEngine(officer.store, officer.client, photos=photo_sync).sync()
            assert report.photo_download.thumbnails == 3 and report.photo_download.full == 0
            for photo in photos:
                assert officer.vault.has(photo.thumbnail_sha256) and not officer.vault.has(photo.sha256)
            data = photo_sync.fetch_full(photos[0].sha256)
            assert (
                officer.vault.get(photos[0].sha256)
                == data
                == server_blobs(server.settings).read(photos[0].sha256)
            )
        finally:
            officer.close()
        always = open_officer(tmp_path / "always", server.url)
        try:
            always.store.set_state(FULL_DOWNLOAD_KEY, "always")
            report = SyncEngine(
                always.store, always.client, photos=PhotoSync(always.client, always.store, always.vault)
            ).sync()
            assert report.photo_download.thumbnails == 3 and report.photo_download.full == 3
        finally:
            always.close()


def test_a_cut_download_resumes_from_the_byte_it_reached(tmp_path: Path) -> None:
    with photo_server(tmp_path) as server:
        (photo,) = _photos_on_server(server, tmp_path, 1, seed=2)
        with LinkProxy(("127.0.0.1", server.port), FAST, seed=2) as proxy:
            officer = _synced(tmp_path, proxy.url, "on_demand")
            try:
                SyncEngine(officer.store, officer.client).sync()
                size = photo.byte_size
                proxy.reset_counters()
                officer.client.session.close()  # the download opens a new connection: cut that one
                proxy.cut_after(down_bytes=size // 2, which="next")
                report = DownloadReport()
                data = PhotoDownloader(
                    officer.client, officer.store, officer.vault, backoff_base=0.001
                ).fetch(photo.sha256, report)
                assert data == server_blobs(server.settings).read(photo.sha256)
                assert report.resumed_from and report.resumed_from[0] > 0
                # The app read each byte once; the wire carried again only what the cut lost in flight
                # (delivered by the proxy but dropped with the reset before the app read it).
                assert report.bytes_received == size
                lost_in_flight = size // 2 - report.resumed_from[0]
                assert proxy.bytes_down - size <= lost_in_flight + 2_000
            finally:
                officer.close()


def test_a_download_cut_before_the_app_restarts_resumes_from_the_byte_it_reached(tmp_path: Path) -> None:
    with photo_server(tmp_path) as server:
        (photo,) = _photos_on_server(server, tmp_path, 1, seed=4)
        with LinkProxy(("127.0.0.1", server.port), FAST, seed=4) as proxy:
            officer = _synced(tmp_path, proxy.url, "on_demand")
            try:
                SyncEngine(officer.store, officer.client).sync()
                size = photo.byte_size
                officer.client.session.close()  # the download opens a new connection: cut that one
                proxy.cut_after(down_bytes=size // 2, which="next")
                with pytest.raises(Offline):
                    PhotoDownloader(officer.client, officer.store, officer.vault, max_drops=0).fetch(
                        photo.sha256
                    )
            finally:
                officer.close()  # the app quits with half a photo
            partial = tmp_path / "officer" / "vault" / "partial" / photo.sha256
            assert partial.exists() and photo.sha256.encode() not in partial.read_bytes()  # sealed
            kept = len(partial.read_bytes())
            with open(partial, "ab") as handle:
                handle.write(b"\x00\x00\x40\x00" + b"torn by a crash mid-append")
            officer = open_officer(tmp_path / "officer", proxy.url)
            try:
                held = officer.vault.partial(photo.sha256)
                assert 0 < len(held) < size and len(partial.read_bytes()) == kept  # the torn tail cut off
                report = DownloadReport()
                data = PhotoDownloader(officer.client, officer.store, officer.vault).fetch(
                    photo.sha256, report
                )
                assert (
                    data
                    == server_blobs(server.settings).read(photo.sha256)
                    == officer.vault.get(photo.sha256)
                )
                assert report.resumed_from == [len(held)] and report.bytes_received == size - len(held)
                assert not partial.exists()
            finally:
                officer.close()


def test_a_corrupted_download_is_discarded_and_fetched_again(tmp_path: Path) -> None:
    with photo_server(tmp_path) as server:
        (photo,) = _photos_on_server(server, tmp_path, 1, seed=3)
        blobs = server_blobs(server.settings)
        good = blobs.read(photo.sha256)
        path = blobs.path_for(photo.sha256)
        path.write_bytes(good[:1000] + bytes([good[1000] ^ 0xFF]) + good[1001:])  # bit rot on the server
        officer = _synced(tmp_path, server.url, "on_demand")
        try:
            SyncEngine(officer.store, officer.client).sync()
            downloader = PhotoDownloader(officer.client, officer.store, officer.vault)
            report = DownloadReport()
            with pytest.raises(DownloadCorrupt) as corrupt:
                downloader.fetch(photo.sha256, report)
            assert "rusak" in corrupt.value.message and report.discarded == 2
            assert not officer.vault.has(photo.sha256)
            path.write_bytes(good)  # repaired (from a backup): the next try stores it
            assert downloader.fetch(photo.sha256) == good and officer.vault.get(photo.sha256) == good
        finally:
            officer.close()


def _keep_half(officer: Officer, server: ServerThread, sha256: str, *, age: float = 0.0) -> int:
    """What an interrupted download leaves in the vault: the first half of the blob, `age` seconds old."""
    half = server_blobs(server.settings).read(sha256)[:60_000]
    officer.vault.append_partial(sha256, 0, half[:30_000])
    officer.vault.append_partial(sha256, 30_000, half[30_000:])
    if age:
        written = time.time() - age
        os.utime(officer.vault.directory / "partial" / sha256, (written, written))
    return len(half)


def _partials(officer: Officer) -> set[str]:
    return {sha for sha, _ in officer.vault.partials()}


def test_a_partial_no_photo_record_wants_is_dropped(tmp_path: Path) -> None:
    with photo_server(tmp_path) as server:
        photos = _photos_on_server(server, tmp_path, 2, seed=5)
        officer = _synced(tmp_path, server.url, "on_demand")
        try:
            SyncEngine(officer.store, officer.client).sync()
            deleted, kept = photos
            officer.store.delete("photo", deleted.id)  # the photo was deleted after its download began
            _keep_half(officer, server, deleted.sha256)
            _keep_half(officer, server, kept.sha256)
            nobody = hashlib.sha256(b"a photo no record names").hexdigest()
            officer.vault.append_partial(nobody, 0, b"some bytes")
            report = PhotoDownloader(officer.client, officer.store, officer.vault).after_pull(full=False)
            assert report.partials_dropped == 2 and _partials(officer) == {kept.sha256}
            assert not officer.vault.has(deleted.sha256) and not officer.vault.has(nobody)
        finally:
            officer.close()


def test_a_wanted_partial_is_kept_and_resumed(tmp_path: Path) -> None:
    with photo_server(tmp_path) as server:
        (photo,) = _photos_on_server(server, tmp_path, 1, seed=6)
        officer = _synced(tmp_path, server.url, "on_demand")
        try:
            SyncEngine(officer.store, officer.client).sync()
            held = _keep_half(officer, server, photo.sha256, age=PARTIAL_MAX_AGE - 24 * 3600)  # 29 days
            downloader = PhotoDownloader(officer.client, officer.store, officer.vault)
            report = downloader.after_pull(full=False)  # on demand: kept for when the photo is opened
            assert report.partials_dropped == 0 and _partials(officer) == {photo.sha256}
            report = downloader.after_pull(full=True)
            assert report.partials_dropped == 0 and report.full == 1
            assert report.resumed_from == [held]
            assert officer.vault.get(photo.sha256) == server_blobs(server.settings).read(photo.sha256)
            assert _partials(officer) == set()
        finally:
            officer.close()


def test_a_partial_whose_blob_arrived_another_way_is_dropped(tmp_path: Path) -> None:
    with photo_server(tmp_path) as server:
        (photo,) = _photos_on_server(server, tmp_path, 1, seed=7)
        officer = _synced(tmp_path, server.url, "on_demand")
        try:
            SyncEngine(officer.store, officer.client).sync()
            _keep_half(officer, server, photo.sha256)
            officer.vault.put(server_blobs(server.settings).read(photo.sha256))  # from a USB bundle
            report = PhotoDownloader(officer.client, officer.store, officer.vault).after_pull(full=True)
            assert report.partials_dropped == 1 and _partials(officer) == set()
            assert report.full == 0 and report.resumed_from == []  # nothing fetched for it
        finally:
            officer.close()


def test_an_old_partial_is_dropped_and_the_photo_fetched_from_the_start(tmp_path: Path) -> None:
    with photo_server(tmp_path) as server:
        (photo,) = _photos_on_server(server, tmp_path, 1, seed=8)
        officer = _synced(tmp_path, server.url, "on_demand")
        try:
            SyncEngine(officer.store, officer.client).sync()
            _keep_half(officer, server, photo.sha256, age=PARTIAL_MAX_AGE + 24 * 3600)  # 31 days
            report = PhotoDownloader(officer.client, officer.store, officer.vault).after_pull(full=True)
            assert report.partials_dropped == 1 and report.full == 1 and report.resumed_from == []
            assert report.bytes_received >= photo.byte_size  # the whole photo again, thumbnail aside
            assert officer.vault.get(photo.sha256) == server_blobs(server.settings).read(photo.sha256)
            assert _partials(officer) == set()
        finally:
            officer.close()
