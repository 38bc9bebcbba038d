"""`verval server import-bundle FILE` and `verval server export-bundle USER`: bundles at the server.

Added to the `server` command group by `app/cli/server.py` (this module registers nothing itself).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_bundle_commands(commands: Any) -> None:
    importing = commands.add_parser("import-bundle", help="apply an officer's sync bundle (from a USB stick)")
    importing.add_argument("file", type=Path)
    importing.set_defaults(func=_import)
    exporting = commands.add_parser("export-bundle", help="write a sync bundle for an officer's laptop")
    exporting.add_argument("username")
    exporting.add_argument(
        "--cursor", default="", help="the officer's last pull cursor (default: everything)"
    )
    exporting.add_argument("--out", type=Path, required=True)
    exporting.add_argument(
        "--full-photos", action="store_true", help="include full-size photos, not only thumbnails"
    )
    exporting.set_defaults(func=_export)


def _open(args: argparse.Namespace) -> Any:
    from app.cli.serve import settings_from
    from app.server.blobstore import open_blob_store
    from app.server.db import open_database

    settings = settings_from(args)
    assert settings.blob_dir is not None
    return open_database(settings), open_blob_store(settings.blob_dir)


def _import(args: argparse.Namespace) -> int:
    from app.server.bundles import import_push_bundle
    from app.sync.bundle_format import BundleError

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"Berkas {args.file} tidak dapat dibaca: {exc.strerror}.", file=sys.stderr)
        return 1
    engine, blobs = _open(args)
    try:
        result = import_push_bundle(engine, blobs, data)
    except BundleError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(result.message)
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.server.bundles import export_pull_bundle
    from app.sync import bundle_format
    from app.sync.bundle_format import BundleError

    engine, blobs = _open(args)
    try:
        data = export_pull_bundle(
            engine, blobs, username=args.username, cursor=args.cursor, full_photos=args.full_photos
        )
    except BundleError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    bundle_format.write(args.out, data)
    print(f"Bundel untuk {args.username} ditulis ke {args.out} ({len(data) // 1024} kB).")
    return 0
