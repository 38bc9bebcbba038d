"""`verval bundle export|import`: sync by USB stick when there is no signal for weeks (DESIGN §1).

Works fully offline: the password opens the officer's encrypted store and photo vault on this laptop
(the same check as an offline sign-in); no server is contacted.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "bundle", help="sync by USB stick: export pending work, import from the server"
    )
    parser.add_argument(
        "--data-dir", type=Path, help="the app's data directory (default: the user data folder)"
    )
    parser.add_argument("--user", required=True, help="the officer's username on this laptop")
    commands = parser.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    export = commands.add_parser("export", help="write all pending changes and their photos to one file")
    export.add_argument("file", type=Path)
    export.set_defaults(func=_export)
    importing = commands.add_parser("import", help="apply a bundle the server made for this officer")
    importing.add_argument("file", type=Path)
    importing.set_defaults(func=_import)


def _open(args: argparse.Namespace) -> Any:
    from app.cli.app import default_data_dir
    from app.store.errors import StoreError
    from app.store.keys import derive_key, load_params
    from app.store.store import Store
    from app.store.vault import user_vault
    from app.sync.account import user_dir

    folder = user_dir(args.data_dir or default_data_dir(), args.user)
    params = load_params(folder / "profile.json")
    if params is None:
        raise SystemExit(f"Pengguna {args.user} belum pernah masuk di laptop ini.")
    password = os.environ.get("VERVAL_PASSWORD") or getpass.getpass("Kata sandi: ")
    key = derive_key(password, params)
    try:
        store = Store.open(folder / "store.db", key)
    except StoreError as exc:
        raise SystemExit(exc.message) from None
    return store, user_vault(folder, key)


def _export(args: argparse.Namespace) -> int:
    import json

    from app.sync.bundle import export_push_bundle

    store, vault = _open(args)
    try:
        areas = list(json.loads(store.get_state("user") or "{}").get("areas", []))
        summary = export_push_bundle(store, vault, args.file, username=args.user, areas=areas)
    finally:
        store.close()
    print(
        f"{summary.mutations} perubahan dan {summary.blobs} foto ditulis ke {summary.path} "
        f"({summary.bytes // 1024} kB)."
    )
    if summary.missing_blobs:
        print(f"Peringatan: {len(summary.missing_blobs)} foto tidak ada di laptop ini.", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from app.sync.bundle import import_pull_bundle
    from app.sync.bundle_format import BundleError

    store, vault = _open(args)
    try:
        summary = import_pull_bundle(store, vault, args.file.read_bytes(), username=args.user)
    except BundleError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    finally:
        store.close()
    print(summary.message)
    return 0
