"""Photo uploads against a real server over real sockets: the whole photo step, scoping, hash checks,
ranges, resuming from the stored upload URL, and the link-driven choices."""

from __future__ import annotations

import base64
import random
from pathlib import Path

import pytest
import requests
from sqlmodel import Session, select

from app.core.models import Household, Photo
from app.core.photos import MINIMAL, STANDARD
from app.store import blob_uploads, outbox
from app.sync.blob_protocol import BLOBS_PATH, UPLOADS_PATH
from app.sync.engine import SyncEngine
from app.sync.link import (
    LinkEstimate,
    choose_chunk_size,
    choose_parallelism,
    choose_photo_profile,
    photo_profile_for,
    set_photo_profile,
)
from app.sync.photo_sync import PhotoSync
from app.sync.uploads import PhotoUploader
from bench.linkproxy import LinkProfile, LinkProxy
from tests.serverkit import OTHER_VILLAGE, PASSWORDS, VILLAGE
from tests.sync.photo_kit import (
    LinkDropper,
    blob_bytes,
    household_ids,
    open_officer,
    photo_server,
    save_photo,
    server_blobs,
    sha,
)

FAST = LinkProfile("fast", down_kbps=40_000, up_kbps=40_000, rtt_ms=4)


def _tus_headers(token: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Tus-Resumable": "1.0.0", **(extra or {})}


def _metadata(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def _login(url: str, username: str) -> str:
    with requests.Session() as http:
        answer = http.post(
            f"{url}/auth/login", json={"username": username, "password": PASSWORDS[username]}, timeout=10
        )
        answer.raise_for_status()
        return str(answer.json()["token"])


def test_photo_step_uploads_blobs_then_releases_their_records(tmp_path: Path) -> None:
    rng = random.Random(7)
    with photo_server(tmp_path) as server:
        officer = open_officer(tmp_path / "officer", server.url)
        try:
            households = household_ids(server.engine)
            engine = SyncEngine(
                officer.store, officer.client, photos=PhotoSync(officer.client, officer.store, officer.vault)
            )
            engine.sync()  # the morning sync brings the village down
            photos = [
                save_photo(officer, households[i], blob_bytes(rng), thumbnail=blob_bytes(rng, 3_000, 9_000))
                for i in range(3)
            ]
            household = officer.store.household(households[0])
            assert household is not None
            officer.store.save(household[0].model_copy(update={"address": "Dusun Foto"}))
            report = engine.sync()
            assert report.pending_after == 0 and report.photo_upload.complete
            blobs = server_blobs(server.settings)
            for photo in photos:
                assert blobs.read(photo.sha256) == officer.vault.get(photo.sha256)
                assert blobs.read(photo.thumbnail_sha256) == officer.vault.get(photo.thumbnail_sha256)
            with Session(server.engine) as session:
                assert {p.id for p in session.exec(select(Photo)).all()} == {p.id for p in photos}
                assert session.get(Household, households[0]).address == "Dusun Foto"  # type: ignore[union-attr]
            journal = blob_uploads.upload_journal(officer.store)
            assert len(journal) == 6 and all(r.state == "done" and r.fraction == 1.0 for r in journal)
            # A second sync has nothing to send.
            again = engine.sync()
            assert again.photo_upload.uploaded == [] and again.pushed == 0
        finally:
            officer.close()


def test_records_never_wait_behind_a_photo_that_cannot_go(tmp_path: Path) -> None:
    rng = random.Random(8)
    with photo_server(tmp_path) as server:
        officer = open_officer(tmp_path / "officer", server.url)
        try:
            households = household_ids(server.engine)
            SyncEngine(officer.store, officer.client).sync()
            photo = save_photo(officer, households[0], blob_bytes(rng))
            officer.vault.delete(photo.sha256)  # the vault lost it: this photo can never go up
            household = officer.store.household(households[1])
            assert household is not None
            officer.store.save(household[0].model_copy(update={"address": "Tetap terkirim"}))
            report = SyncEngine(
                officer.store, officer.client, photos=PhotoSync(officer.client, officer.store, officer.vault)
            ).sync()
            assert photo.sha256 in report.photo_upload.failed
            with Session(server.engine) as session:
                assert session.get(Household, households[1]).address == "Tetap terkirim"  # type: ignore[union-attr]
                assert session.get(Photo, photo.id) is None  # its record stays home with it
            assert (
                outbox.pending_count(officer.store) == 1 and blob_uploads.waiting_records(officer.store) == 1
            )
            (row,) = blob_uploads.upload_journal(officer.store)
            assert row.state == "failed" and "tidak ada" in row.last_error
        finally:
            officer.close()


def test_uploads_and_downloads_are_scoped(tmp_path: Path) -> None:
    rng = random.Random(9)
    data = blob_bytes(rng, 30_000, 30_000)
    digest = sha(data)
    with photo_server(tmp_path) as server, requests.Session() as http:
        mine, other, supervisor = (_login(server.url, u) for u in ("pendamping", "pendamping2", "supervisor"))
        create = {
            "Upload-Length": str(len(data)),
            "Upload-Metadata": _metadata(
                sha256=digest, village_code=VILLAGE, filename="a.jpg", filetype="image/jpeg"
            ),
        }
        refused = http.post(server.url + UPLOADS_PATH, headers=_tus_headers(other, create), timeout=10)
        assert refused.status_code == 403 and refused.json()["code"] == "out_of_scope"
        assert (
            http.post(
                server.url + UPLOADS_PATH, headers=create | {"Tus-Resumable": "1.0.0"}, timeout=10
            ).status_code
            == 401
        )
        created = http.post(server.url + UPLOADS_PATH, headers=_tus_headers(mine, create), timeout=10)
        assert created.status_code == 201
        location = created.headers["Location"]
        # Another officer can neither see nor feed this upload.
        assert http.head(location, headers=_tus_headers(other), timeout=10).status_code == 404
        patch = {"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}
        assert (
            http.patch(location, data=data, headers=_tus_headers(other, patch), timeout=10).status_code == 404
        )
        assert http.head(location, headers=_tus_headers(mine), timeout=10).headers["Upload-Offset"] == "0"
        done = http.patch(location, data=data, headers=_tus_headers(mine, patch), timeout=10)
        assert done.status_code == 204 and server_blobs(server.settings).read(digest) == data
        # Uploaded, but no Photo row references it yet: nobody may read it, not even its uploader.
        url = f"{server.url}{BLOBS_PATH}/{digest}"
        assert http.get(url, headers=_tus_headers(mine), timeout=10).status_code == 404
        officer = open_officer(tmp_path / "officer", server.url)
        try:
            officer.vault.put(data)
            photo = Photo(
                village_code=VILLAGE,
                household_id=household_ids(server.engine)[0],
                sha256=digest,
                byte_size=len(data),
            )
            officer.store.save(photo)
            SyncEngine(
                officer.store, officer.client, photos=PhotoSync(officer.client, officer.store, officer.vault)
            ).sync()
        finally:
            officer.close()
        for token in (mine, supervisor):
            got = http.get(url, headers=_tus_headers(token), timeout=10)
            assert got.status_code == 200 and got.content == data
        assert http.get(url, headers=_tus_headers(other), timeout=10).status_code == 404
        # Ranges: a middle slice, a suffix, and an unsatisfiable one.
        part = http.get(url, headers=_tus_headers(mine, {"Range": "bytes=100-199"}), timeout=10)
        assert part.status_code == 206 and part.content == data[100:200]
        assert part.headers["Content-Range"] == f"bytes 100-199/{len(data)}"
        tail = http.get(url, headers=_tus_headers(mine, {"Range": "bytes=-10"}), timeout=10)
        assert tail.content == data[-10:]
        assert (
            http.get(
                url, headers=_tus_headers(mine, {"Range": f"bytes={len(data)}-"}), timeout=10
            ).status_code
            == 416
        )
        # A blob the server holds is not uploaded again.
        again = http.post(server.url + UPLOADS_PATH, headers=_tus_headers(mine, create), timeout=10)
        assert again.status_code == 409 and again.json()["code"] == "blob_exists"
        missing = http.post(
            f"{server.url}{BLOBS_PATH}/missing",
            json={"sha256": [digest, "0" * 64]},
            headers=_tus_headers(other),
            timeout=10,
        )
        assert missing.json() == {"missing": ["0" * 64]}


def test_body_that_does_not_match_its_hash_is_refused(tmp_path: Path) -> None:
    rng = random.Random(10)
    data = blob_bytes(rng, 25_000, 25_000)
    claimed = sha(b"something else")
    with photo_server(tmp_path) as server, requests.Session() as http:
        token = _login(server.url, "pendamping")
        create = {
            "Upload-Length": str(len(data)),
            "Upload-Metadata": _metadata(
                sha256=claimed, village_code=VILLAGE, filename="a.jpg", filetype="image/jpeg"
            ),
        }
        location = http.post(
            server.url + UPLOADS_PATH, headers=_tus_headers(token, create), timeout=10
        ).headers["Location"]
        patch = {"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}
        refused = http.patch(location, data=data, headers=_tus_headers(token, patch), timeout=10)
        assert refused.status_code == 422 and refused.json()["code"] == "hash_mismatch"
        assert not server_blobs(server.settings).has(claimed) and not server_blobs(server.settings).has(
            sha(data)
        )
        assert http.head(location, headers=_tus_headers(token), timeout=10).status_code == 404
        assert list((server.settings.data_dir / "uploads").glob("*.info")) == []


def test_creation_carries_the_body_and_a_repeated_post_finds_the_same_upload(tmp_path: Path) -> None:
    # tus creation-with-upload, keyed by (user, blob): a client whose POST was cut learns the offset
    # with an empty POST, and a body that starts over has the bytes the server holds skipped.
    rng = random.Random(12)
    data = blob_bytes(rng, 60_000, 60_000)
    digest = sha(data)
    create = {
        "Upload-Length": str(len(data)),
        "Upload-Metadata": _metadata(
            sha256=digest, village_code=VILLAGE, filename="a.jpg", filetype="image/jpeg"
        ),
        "Content-Type": "application/offset+octet-stream",
    }
    with photo_server(tmp_path) as server, requests.Session() as http:
        token = _login(server.url, "pendamping")
        first = http.post(
            server.url + UPLOADS_PATH, data=data[:20_000], headers=_tus_headers(token, create), timeout=10
        )
        assert first.status_code == 201 and first.headers["Upload-Offset"] == "20000"
        probe = http.post(
            server.url + UPLOADS_PATH, data=b"", headers=_tus_headers(token, create), timeout=10
        )
        assert (
            probe.headers["Location"] == first.headers["Location"]
            and probe.headers["Upload-Offset"] == "20000"
        )
        again = http.post(
            server.url + UPLOADS_PATH, data=data[:35_000], headers=_tus_headers(token, create), timeout=10
        )
        assert again.headers["Upload-Offset"] == "35000"  # 20 000 bytes skipped, 15 000 appended
        other = _login(server.url, "supervisor")  # another user's upload of the same blob is another upload
        theirs = http.post(
            server.url + UPLOADS_PATH, data=b"", headers=_tus_headers(other, create), timeout=10
        )
        assert (
            theirs.headers["Location"] != first.headers["Location"] and theirs.headers["Upload-Offset"] == "0"
        )
        last = http.post(
            server.url + UPLOADS_PATH, data=data, headers=_tus_headers(token, create), timeout=10
        )
        assert last.status_code == 201 and last.headers["Upload-Offset"] == str(len(data))
        assert server_blobs(server.settings).read(digest) == data  # the hash was checked, the blob stored
        done = http.post(server.url + UPLOADS_PATH, data=b"", headers=_tus_headers(token, create), timeout=10)
        assert done.status_code == 409 and done.json()["code"] == "blob_exists"
        claimed = _metadata(
            sha256=sha(b"not it"), village_code=VILLAGE, filename="b.jpg", filetype="image/jpeg"
        )
        bad = {**create, "Upload-Metadata": claimed}
        refused = http.post(
            server.url + UPLOADS_PATH, data=data, headers=_tus_headers(token, bad), timeout=10
        )
        assert refused.status_code == 422 and refused.json()["code"] == "hash_mismatch"


def test_upload_resumes_from_the_stored_url_after_the_app_restarts(tmp_path: Path) -> None:
    rng = random.Random(11)
    data = blob_bytes(rng, 180_000, 180_000)
    with photo_server(tmp_path) as server, LinkProxy(("127.0.0.1", server.port), FAST, seed=1) as proxy:
        officer = open_officer(tmp_path / "officer", proxy.url)
        photo = save_photo(officer, household_ids(server.engine)[0], data)
        with LinkDropper(proxy, up_bytes=70_000):
            first = PhotoUploader(
                officer.client,
                officer.store,
                officer.vault,
                chunk_size=32_768,
                parallel=1,
                backoff_base=0.001,
                max_failures=1,
            ).run()
        assert first.stopped == "offline" and first.uploaded == []
        (row,) = blob_uploads.upload_journal(officer.store)
        assert 0 < row.bytes_confirmed < len(data) and row.tries >= 1 and row.last_error
        url = blob_uploads.get_upload(officer.store, photo.sha256).upload_url  # type: ignore[union-attr]
        assert url.startswith(UPLOADS_PATH)
        officer.close()
        proxy.clear_faults()
        # A new process: the store is reopened, the upload resumes where the server says it stopped.
        again = open_officer(tmp_path / "officer", proxy.url)
        try:
            second = PhotoUploader(
                again.client, again.store, again.vault, chunk_size=32_768, parallel=1
            ).run()
            assert second.uploaded == [photo.sha256] and second.resumed == [photo.sha256]
            # The server's offset rules: at least what the journal confirmed, more when the server kept
            # part of the chunk the drop cut; only the rest is sent.
            held = len(data) - second.bytes_sent
            assert row.bytes_confirmed <= held < len(data) and second.bytes_resent == 0
            assert server_blobs(server.settings).read(photo.sha256) == data
            assert not list((server.settings.data_dir / "uploads").glob("*.info"))
        finally:
            again.close()


def test_link_choices() -> None:
    gprs = LinkEstimate(rtt=1.3, up_bytes_per_s=4_000, down_bytes_per_s=4_400, samples=5)
    edge = LinkEstimate(rtt=0.84, up_bytes_per_s=25_000, down_bytes_per_s=30_000, samples=5)
    vsat = LinkEstimate(rtt=0.6, up_bytes_per_s=375_000, down_bytes_per_s=1_250_000, samples=5)
    lan = LinkEstimate(rtt=0.002, up_bytes_per_s=50_000_000, down_bytes_per_s=50_000_000, samples=5)
    assert choose_photo_profile(gprs).long_edge == 1024 and choose_photo_profile(gprs) is MINIMAL
    assert choose_photo_profile(vsat) is STANDARD
    assert choose_photo_profile(gprs, "standard") is STANDARD
    # About 8 s of the link: a processed photo (≤ 200 KB) goes in one request on EDGE.
    assert choose_chunk_size(gprs) == 64 * 1024 and choose_chunk_size(edge) == 196_608
    assert choose_chunk_size(lan) == 2 * 1024 * 1024
    assert choose_parallelism(lan) == 1 and choose_parallelism(edge) == 3
    assert choose_parallelism(vsat, 100_000) == 5  # 0.27 s of link a photo against a 0.6 s round trip


def test_photo_profile_setting_overrides_the_link(store) -> None:  # noqa: ANN001 - the store fixture
    assert photo_profile_for(store).name == "hemat"  # nothing measured yet: the middle road
    set_photo_profile(store, "minimal")
    assert photo_profile_for(store) is MINIMAL
    with pytest.raises(ValueError):
        set_photo_profile(store, "ultra")


def test_other_officer_cannot_upload_into_a_village_not_theirs(tmp_path: Path) -> None:
    rng = random.Random(12)
    with photo_server(tmp_path) as server:
        officer = open_officer(tmp_path / "officer", server.url, "pendamping2")
        try:
            data = blob_bytes(rng, 20_000, 20_000)
            blob_uploads.queue_blob(
                officer.store, sha256=officer.vault.put(data), size=len(data), village_code=VILLAGE
            )
            report = PhotoUploader(officer.client, officer.store, officer.vault).run()
            assert report.stopped and "wilayah" in report.stopped
            assert not server_blobs(server.settings).has(sha(data))
            assert OTHER_VILLAGE != VILLAGE
        finally:
            officer.close()
