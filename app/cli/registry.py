"""`verval registry import FILE.csv` and `verval registry export --out FILE.xlsx|.csv` on the server database.

Server settings as `verval serve` (VERVAL_DATA_DIR, VERVAL_DATABASE_URL, or the options below). Import is
all-or-nothing and prints the validation report; exit code 1 when the file was refused.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from app.cli.serve import settings_from


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "registry", help="impor ekstrak DTSEN (CSV), ekspor hasil verval (CSV/XLSX)"
    )
    parser.add_argument("--data-dir", type=Path, help="folder data server (bawaan: VERVAL_DATA_DIR)")
    parser.add_argument("--database-url", help="URL SQLAlchemy (bawaan: SQLite di folder data)")
    commands = parser.add_subparsers(dest="registry_command", metavar="ACTION", required=True)
    imp = commands.add_parser("import", help="impor ekstrak DTSEN (lihat docs/registry-csv.md)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--max-issues", type=int, default=50, help="baris laporan paling banyak yang dicetak")
    imp.set_defaults(func=_import)
    exp = commands.add_parser("export", help="ekspor hasil verval yang disetujui")
    exp.add_argument("--out", type=Path, required=True, help="berkas .xlsx atau .csv")
    exp.add_argument("--area", help="hanya desa/kecamatan/kabupaten ini (mis. 53.02.03)")
    exp.set_defaults(func=_export)


def _engine(args: argparse.Namespace) -> Any:
    from app.server.db import open_database

    return open_database(settings_from(args))


def _import(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.server.registry_io import import_extract

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"Tidak bisa membaca {args.file}: {exc}", file=sys.stderr)
        return 2
    engine = _engine(args)
    try:
        with Session(engine) as session:
            report = import_extract(session, data, reference_date=date.today())
    finally:
        engine.dispose()
    for title, issues in (("KESALAHAN", report.errors), ("Peringatan", report.warnings)):
        for issue in issues[: args.max_issues]:
            print(f"{title}: {issue}")
        if len(issues) > args.max_issues:
            print(f"{title}: … dan {len(issues) - args.max_issues} lainnya")
    print(report.summary())
    return 0 if report.ok else 1


def _export(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from app.server.auth import Scope
    from app.server.registry_io import approved_results, write_csv, write_xlsx

    suffix = args.out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        print("Berkas tujuan harus .xlsx atau .csv", file=sys.stderr)
        return 2
    engine = _engine(args)
    try:
        with Session(engine) as session:
            scope = Scope(everything=False, areas=(args.area,)) if args.area else None
            rows = approved_results(session, scope)
    finally:
        engine.dispose()
    (write_xlsx if suffix == ".xlsx" else write_csv)(rows, args.out)
    print(f"{args.out}: {len(rows)} baris (anggota keluarga dengan hasil verval disetujui)")
    return 0
