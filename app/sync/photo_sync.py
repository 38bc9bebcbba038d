"""The photo step of a sync, as `SyncEngine` calls it (DESIGN §1 evening: records first, photos after).

1. `before_push`: queue the blobs of photos whose records are pending and hold those records
   (`waits_for_blob`), so the server never gets a Photo row before its bytes.
2. The engine pushes records (photo records held back: records never wait behind photos).
3. `upload`: tus uploads of the missing blobs; each confirmed blob releases its record, which the
   engine pushes in a second, small push.
4. After the pull, `after_pull`: thumbnails of every photo in the scope, full photos when the
   setting and the link allow; the rest on demand (`fetch_full`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from app.store import blob_uploads
from app.store.store import Store
from app.sync.client import SyncClient
from app.sync.downloads import BlobSink, DownloadReport, PhotoDownloader
from app.sync.link import LinkMeter
from app.sync.uploads import BlobSource, PhotoUploader, UploadProgress, UploadReport


class PhotoVaultLike(BlobSource, BlobSink, Protocol):
    """The `PhotoVault`: blobs read for upload, written after download."""


class PhotoSync:
    def __init__(
        self,
        client: SyncClient,
        store: Store,
        vault: PhotoVaultLike,
        *,
        meter: LinkMeter | None = None,
        uploader: PhotoUploader | None = None,
        downloader: PhotoDownloader | None = None,
    ) -> None:
        self.store = store
        self.meter = meter or LinkMeter.from_store(store)
        self.uploader = uploader or PhotoUploader(client, store, vault, meter=self.meter)
        self.downloader = downloader or PhotoDownloader(client, store, vault, meter=self.meter)
        self.last_upload: UploadReport | None = None
        self.last_download: DownloadReport | None = None

    def before_push(self) -> int:
        return blob_uploads.queue_pending_photos(self.store)

    def upload(
        self,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[UploadProgress], None] | None = None,
    ) -> UploadReport:
        self.last_upload = self.uploader.run(cancelled=cancelled, progress=progress)
        return self.last_upload

    def after_pull(self, cancelled: Callable[[], bool] | None = None) -> DownloadReport:
        self.last_download = self.downloader.after_pull(cancelled=cancelled)
        return self.last_download

    def fetch_full(self, sha256: str, progress: Callable[[int, int], None] | None = None) -> bytes:
        """One full-size photo, on demand (the household screen's "show full photo")."""
        return self.downloader.fetch(sha256, progress=progress)
