"""Wire schemas for photo blobs and sync bundles, shared by the client and the server (DESIGN §5).

Like `protocol.py` this imports nothing that talks HTTP and nothing of ours but `app.core`, so the
server may import it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.sync.protocol import SYNC_PREFIX

UPLOADS_PATH = f"{SYNC_PREFIX}/uploads"
BLOBS_PATH = f"{SYNC_PREFIX}/blobs"
BUNDLES_PATH = f"{SYNC_PREFIX}/bundles"
TUS_VERSION = "1.0.0"
# Largest blob accepted: a processed photo is ≤ 200 KB, a scanned document page a few MB.
MAX_BLOB_BYTES = 20 * 1024 * 1024
MAX_MISSING_QUERY = 2_000
SHA256_PATTERN = r"^[0-9a-f]{64}$"

# Bundle file format (a zip; see app/sync/bundle.py). Bumped when an older reader could misread it.
BUNDLE_FORMAT = "verval-bundle"
BUNDLE_FORMAT_VERSION = 1
BUNDLE_CHECKSUM_PREFIX = b"verval-sha256:"


class MissingRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sha256: list[str] = Field(max_length=MAX_MISSING_QUERY)


class MissingResponse(BaseModel):
    missing: list[str]


class BundleMember(BaseModel):
    name: str
    sha256: str = Field(pattern=SHA256_PATTERN)
    size: int = Field(ge=0)


class BundleManifest(BaseModel):
    """`manifest.json` of a bundle: who made it, for whom, and every other member's hash and size."""

    format: Literal["verval-bundle"] = BUNDLE_FORMAT
    format_version: int
    kind: Literal["push", "pull"]
    app_version: str
    protocol_version: int
    schema_version: int
    created_at: str
    username: str
    # The villages the bundle's data belongs to (push) or the scope it was cut for (pull).
    areas: list[str]
    members: list[BundleMember]
    # pull bundles: the cursor the changes start after and the one to store once applied.
    after_cursor: str = ""
    next_cursor: str = ""
    mutation_count: int = 0
    change_count: int = 0


class BundleImportResult(BaseModel):
    applied: int = 0
    duplicate: int = 0
    conflict: int = 0
    rejected: int = 0
    blobs_stored: int = 0
    blobs_present: int = 0
    message: str = ""
