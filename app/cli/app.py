"""`verval app`: the desktop app against a server (sign-in dialog first)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("verval-desa", "Verval Desa"))


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("app", help="open the desktop app")
    parser.add_argument("--server", default="http://127.0.0.1:8000", help="the central server's URL")
    parser.add_argument("--user", default="", help="username to prefill")
    parser.add_argument("--data-dir", type=Path, default=None, help="where local stores live")
    parser.add_argument(
        "--lang", choices=("id", "en"), default=None, help="interface language (default: as set)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.ui.app import run_desktop

    return run_desktop(
        data_dir=args.data_dir or default_data_dir(),
        server_url=args.server,
        username=args.user,
        language=args.lang,
    )
