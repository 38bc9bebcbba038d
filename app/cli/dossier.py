"""`verval dossier render REQUEST_ID --out FILE.pdf`: a request's dossier (SKTM + checklist + photos) as PDF.

Reads the officer's encrypted local store and photo vault, so it needs the same data directory, user
and password as the app: `--data-dir/--user/--password`, or the environment variables
`VERVAL_DATA_DIR`, `VERVAL_USER` and `VERVAL_PASSWORD` (better than a password on the command line).
Works offline. `--number` takes an SKTM number from the laptop's reserved block when the request has
none yet (it is then saved and synced with the request).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("dossier", help="dosier permohonan dan SKTM sebagai PDF")
    commands = parser.add_subparsers(dest="dossier_command", metavar="SUBCOMMAND", required=True)
    render = commands.add_parser(
        "render",
        help="buat PDF dosier satu permohonan",
        description="Membuat PDF dosier (SKTM, kelengkapan dokumen, hasil aturan, foto) dari data di laptop.",
    )
    render.add_argument("request_id", help="ID permohonan (UUID, atau awalannya yang unik)")
    render.add_argument("--out", type=Path, required=True, help="berkas PDF tujuan")
    render.add_argument("--data-dir", type=Path, default=os.environ.get("VERVAL_DATA_DIR"),
                        help="folder data aplikasi (env VERVAL_DATA_DIR)")  # fmt: skip
    render.add_argument(
        "--user", default=os.environ.get("VERVAL_USER"), help="nama pengguna (env VERVAL_USER)"
    )
    render.add_argument("--password", default=None, help="kata sandi (lebih aman: env VERVAL_PASSWORD)")
    render.add_argument("--number", action="store_true", help="beri nomor SKTM bila belum ada")
    render.add_argument("--date", type=date.fromisoformat, default=None, help="tanggal surat (YYYY-MM-DD)")
    render.set_defaults(func=_render)


def open_local_store(data_dir: Path, username: str, password: str) -> tuple[Any, Path, bytes]:
    """The user's store, opened offline the way sign-in does (the key is derived from the password)."""
    from app.store.keys import derive_key, load_params
    from app.store.store import Store
    from app.sync.account import user_dir

    folder = user_dir(data_dir, username)
    params = load_params(folder / "profile.json")
    if params is None:
        raise LookupError(
            f"Belum ada data untuk pengguna {username} di {data_dir}; masuk lewat aplikasi dulu."
        )
    key = derive_key(password, params)
    return Store.open(folder / "store.db", key), folder, key


def _resolve_id(store: Any, wanted: str) -> str | None:
    from app.ui.requests.data import requests_list

    matches = [r.id for r in requests_list(store) if r.id.startswith(wanted)]
    return matches[0] if len(matches) == 1 else None


def _render(args: argparse.Namespace) -> int:
    password = args.password or os.environ.get("VERVAL_PASSWORD")
    if not args.data_dir or not args.user or not password:
        print("Perlu --data-dir, --user dan kata sandi (atau VERVAL_DATA_DIR, VERVAL_USER, VERVAL_PASSWORD).",
              file=sys.stderr)  # fmt: skip
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.core.rules import default_pack
    from app.core.sktm import SktmExhausted
    from app.store.errors import StoreError
    from app.ui.dossier_pdf import ensure_gui, render_dossier_pdf
    from app.ui.requests.data import assign_sktm_number, load_dossier, vault_for

    try:
        store, folder, key = open_local_store(args.data_dir, args.user, password)
    except (LookupError, StoreError) as exc:
        print(getattr(exc, "message", str(exc)), file=sys.stderr)
        return 2
    try:
        request_id = _resolve_id(store, args.request_id)
        if request_id is None:
            print(
                f"Permohonan {args.request_id} tidak ditemukan (atau awalan ID tidak unik).", file=sys.stderr
            )
            return 1
        today = args.date or date.today()
        if args.number:
            try:
                assign_sktm_number(store, request_id, today=today)
            except SktmExhausted as exc:
                print(exc.message, file=sys.stderr)
                return 1
        dossier = load_dossier(store, request_id, today=today, pack=default_pack())
        ensure_gui()
        report = render_dossier_pdf(dossier, args.out, vault_for(folder, key).get)
    except StoreError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"{args.out}: {report.pages} halaman, {report.photos_embedded} foto")
    if dossier.letter is not None and not dossier.letter.number:
        print("Catatan: SKTM belum bernomor (pakai --number).")
    if report.photos_missing:
        print(f"Peringatan: {len(report.photos_missing)} foto belum ada di laptop ini.", file=sys.stderr)
    return 0
