"""`verval demo`: an embedded server with a seeded demo district, and the app signed in on it."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the app on a demo village with an embedded server (zero configuration)",
        description="Starts the central server on a free loopback port with SQLite in a fresh data "
        "directory, seeds a demo district (Desa Eonbesi, Timor Tengah Selatan, NTT) and opens the "
        "desktop app signed in as the demo pendamping.",
    )
    parser.add_argument(
        "--data-dir", type=Path, help="where the server and the app keep data (default: fresh)"
    )
    parser.add_argument("--households", type=int, default=400, help="families in the demo village")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed (same seed, same village)")
    parser.add_argument("--user", default="pendamping", help="demo user to sign in as")
    parser.add_argument(
        "--lang", choices=("id", "en"), default=None, help="interface language (default: as set)"
    )
    parser.add_argument("--no-gui", action="store_true", help="seed and serve only; Ctrl+C stops")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.core.demo import DEMO_USERS, generate_demo
    from app.server.config import Settings
    from app.server.demo_seed import seed_demo
    from app.server.runner import ServerThread

    data_dir: Path = args.data_dir or Path(tempfile.mkdtemp(prefix="verval-demo-"))
    server_dir = data_dir / "server"
    settings = Settings(data_dir=server_dir)
    print(f"Data demo: {data_dir}")
    district = generate_demo(args.seed, households=args.households)
    server = ServerThread(settings)
    server.start()
    try:
        seed_demo(server.engine, district)
        print(f"Server: {server.url}")
        print("Pengguna demo (nama pengguna / kata sandi / peran / wilayah):")
        for user in DEMO_USERS:
            print(f"  {user.username:12} {user.password:18} {user.role:11} {user.area}")
        if args.no_gui:
            print("Server berjalan; tekan Ctrl+C untuk berhenti.")
            server.wait()
            return 0
        return _open_app(args, data_dir / "app", server.url)
    finally:
        server.stop()


def _open_app(args: argparse.Namespace, app_dir: Path, server_url: str) -> int:
    from app.core.demo import DEMO_USERS
    from app.sync.account import sign_in
    from app.ui.app import run_desktop

    user = next((u for u in DEMO_USERS if u.username == args.user), None)
    if user is None:
        print(f"Pengguna demo tidak dikenal: {args.user}")
        return 2
    account = sign_in(app_dir, server_url, user.username, user.password)
    return run_desktop(data_dir=app_dir, server_url=server_url, account=account, language=args.lang)
