"""`verval server ...`: admin commands on the server database (users, areas, imports, policy packs)."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from app.cli.serve import settings_from


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("server", help="server administration (users, assignments, packs)")
    parser.add_argument("--data-dir", type=Path, help="server data directory (default: VERVAL_DATA_DIR)")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite in the data directory)")
    commands = parser.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    create = commands.add_parser("create-user", help="create a user")
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=["pendamping", "sekdes", "supervisor", "admin"])
    create.add_argument("--full-name", default="")
    create.add_argument("--password", help="(default: asked interactively)")
    create.set_defaults(func=_create_user)

    assign = commands.add_parser("assign", help="assign a village or area code to a user")
    assign.add_argument("username")
    assign.add_argument("area_code", help="village (53.02.03.2002) or kecamatan/kabupaten prefix (53.02.03)")
    assign.set_defaults(func=_assign)

    password = commands.add_parser("set-password", help="set a new password (ends the user's sessions)")
    password.add_argument("username")
    password.add_argument("--password")
    password.set_defaults(func=_set_password)

    pack = commands.add_parser(
        "publish-pack", help="publish a policy pack directory (pack.toml, parameters.toml)"
    )
    pack.add_argument("directory", type=Path)
    pack.add_argument("--pack-id", help="(default: the directory name before the last '-')")
    pack.add_argument(
        "--version", dest="pack_version", help="(default: the directory name after the last '-')"
    )
    pack.set_defaults(func=_publish_pack)

    demo = commands.add_parser("seed-demo", help="import the demo district (users, villages, families)")
    demo.add_argument("--households", type=int, default=400)
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(func=_seed_demo)

    purge = commands.add_parser("purge-tombstones", help="drop deletions older than the retention period")
    purge.set_defaults(func=_purge)

    from app.cli.server_bundles import add_bundle_commands

    add_bundle_commands(commands)  # import-bundle, export-bundle


def _session(args: argparse.Namespace) -> Any:
    from sqlmodel import Session

    from app.server.db import open_database

    engine = open_database(settings_from(args))
    return engine, Session(engine)


def _password(args: argparse.Namespace) -> str:
    if args.password:
        return str(args.password)
    first = getpass.getpass("Kata sandi: ")
    if first != getpass.getpass("Ulangi kata sandi: "):
        raise SystemExit("Kata sandi tidak sama.")
    return first


def _run(args: argparse.Namespace, action: Any) -> int:
    from app.server.admin import AdminError

    engine, session = _session(args)
    try:
        with session:
            message = action(session)
    except AdminError as exc:
        print(f"Gagal: {exc}")
        return 1
    finally:
        engine.dispose()
    print(message)
    return 0


def _create_user(args: argparse.Namespace) -> int:
    from app.server.admin import create_user

    password = _password(args)

    def action(session: Any) -> str:
        user = create_user(
            session, username=args.username, password=password, role=args.role, full_name=args.full_name
        )
        return f"Pengguna {user.username} dibuat."

    return _run(args, action)


def _assign(args: argparse.Namespace) -> int:
    from app.server.admin import assign

    def action(session: Any) -> str:
        assign(session, username=args.username, area_code=args.area_code)
        return f"{args.username} ditugaskan ke {args.area_code}."

    return _run(args, action)


def _set_password(args: argparse.Namespace) -> int:
    from app.server.admin import set_password

    password = _password(args)

    def action(session: Any) -> str:
        set_password(session, username=args.username, password=password)
        return "Kata sandi diganti."

    return _run(args, action)


def _publish_pack(args: argparse.Namespace) -> int:
    from app.server.admin import publish_policy_pack
    from app.server.demo_seed import pack_text

    directory: Path = args.directory
    pack_id = args.pack_id or directory.name.rsplit("-", 1)[0]
    version = args.pack_version or directory.name.rsplit("-", 1)[-1]
    text = pack_text(directory)

    def action(session: Any) -> str:
        pack = publish_policy_pack(session, pack_id=pack_id, version=version, text=text)
        return f"Paket {pack.id} diterbitkan."

    return _run(args, action)


def _seed_demo(args: argparse.Namespace) -> int:
    from app.core.demo import generate_demo
    from app.server.demo_seed import seed_demo

    district = generate_demo(args.seed, households=args.households)
    engine, session = _session(args)
    session.close()
    try:
        seed_demo(engine, district)
    finally:
        engine.dispose()
    print(f"Demo: {len(district.households)} keluarga, {len(district.users)} pengguna.")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from app.server.admin import purge_tombstones

    days = settings_from(args).tombstone_retention_days
    return _run(args, lambda s: f"{purge_tombstones(s, retention_days=days)} tombstone dihapus.")
