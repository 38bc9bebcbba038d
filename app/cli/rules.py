"""`verval rules check FILE.json` and `verval rules lint PACK`: run or validate a policy pack."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("rules", help="paket aturan: periksa keluarga, validasi paket")
    commands = parser.add_subparsers(dest="rules_command", metavar="SUBCOMMAND", required=True)

    check = commands.add_parser("check", help="vonis aturan untuk satu keluarga (berkas JSON HouseholdFacts)")
    check.add_argument("file", type=Path, help="berkas JSON (lihat docs/rules.md)")
    check.add_argument(
        "--pack", type=Path, help="folder paket aturan (bawaan: resources/rules/verval-2026.1)"
    )
    check.add_argument("--lang", choices=("id", "en"), default="id")
    check.add_argument("--json", action="store_true", help="cetak vonis lengkap sebagai JSON")
    check.set_defaults(func=_check)

    lint = commands.add_parser("lint", help="validasi paket aturan; keluar non-nol bila ada masalah")
    lint.add_argument("pack", type=Path, help="folder paket (berisi pack.toml dan parameters.toml)")
    lint.set_defaults(func=_lint)


def _check(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from app.core.rules import HouseholdFacts, PolicyPackError, default_pack, evaluate, load_pack
    from app.core.rules.templates import rupiah

    try:
        pack = load_pack(args.pack) if args.pack else default_pack()
    except PolicyPackError as exc:
        print(f"Paket aturan tidak sah: {exc}", file=sys.stderr)
        return 2
    try:
        facts = HouseholdFacts.model_validate_json(args.file.read_bytes())
    except OSError as exc:
        print(f"Tidak bisa membaca {args.file}: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        print(f"{args.file}: data keluarga tidak sah:\n{exc}", file=sys.stderr)
        return 2
    verdict = evaluate(pack, facts)
    if args.json:
        print(json.dumps(verdict.to_json(), indent=2, ensure_ascii=False))
        return 0
    en = args.lang == "en"
    print(
        f"{'Pack' if en else 'Paket'}: {verdict.pack_id} {verdict.pack_version}   "
        f"{'reference date' if en else 'tanggal acuan'}: {verdict.reference_date}"
    )
    print(f"{'Overall' if en else 'Kesimpulan'}: {verdict.label(args.lang)} [{verdict.colour}]")
    for programme in verdict.programmes:
        label = programme.label_en if en else programme.label_id
        member = (
            ("member" if en else "peserta") if programme.member else ("non-member" if en else "bukan peserta")
        )
        print(f"  {programme.programme:8} {label} ({member}) {', '.join(programme.rule_ids)}")
    for fired in verdict.fired:
        mark = "" if fired.confirmed else (" (unconfirmed)" if en else " (belum dikonfirmasi)")
        print(f"- {fired.rule_id}{mark}: {fired.reason(args.lang)}")
    if verdict.pkh.lines:
        print(
            f"PKH: {verdict.pkh.paid_count}/{verdict.pkh.eligible_count} "
            f"{'components paid' if en else 'komponen dibayar'}, "
            f"{rupiah(verdict.pkh.total_year)}/{'year' if en else 'tahun'}, "
            f"{rupiah(verdict.pkh.total_stage)}/{'stage' if en else 'tahap'}"
        )
    if verdict.checklist:
        print("Documents:" if en else "Dokumen:")
        for item in verdict.checklist:
            count = f" ×{item.count}" if item.count > 1 else ""
            print(f"  [ ] {item.label_en if en else item.label_id}{count}")
    for missing in verdict.missing:
        print(f"{'Missing' if en else 'Belum ada'}: {missing.label_en if en else missing.label_id}")
    for error in verdict.errors:
        print(f"{'Rule error' if en else 'Galat aturan'} {error.rule_id}: {error.message}", file=sys.stderr)
    return 0


def _lint(args: argparse.Namespace) -> int:
    from app.core.rules import PolicyPackError, load_pack

    try:
        pack = load_pack(args.pack)
    except PolicyPackError as exc:
        print(f"GAGAL: {exc}", file=sys.stderr)
        return 1
    print(
        f"OK: {pack.id} {pack.version}: {len(pack.rules)} aturan, "
        f"{len(pack.parameters.parameters)} parameter, {len(pack.parameters.minimum_wage)} provinsi UMP"
    )
    return 0
