"""`verval serve`: the central server. SQLite in the data directory with no configuration;
PostgreSQL when VERVAL_DATABASE_URL says so (see app/server/config.py for every setting)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="run the sync server (SQLite by default, PostgreSQL by URL)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--data-dir", type=Path, help="server data directory (default: VERVAL_DATA_DIR)")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite in the data directory)")
    parser.set_defaults(func=run)


def settings_from(args: argparse.Namespace) -> Any:
    from app.server.config import Settings

    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = args.data_dir
    if getattr(args, "database_url", None):
        overrides["database_url"] = args.database_url
    return Settings(**overrides)


def run(args: argparse.Namespace) -> int:
    from app.server.runner import serve

    settings = settings_from(args)
    print(f"Verval Desa server on http://{args.host}:{args.port} (data: {settings.data_dir})")
    serve(settings, args.host, args.port)
    return 0
