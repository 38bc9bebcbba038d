"""The `verval` command. Each module in this package adds one group of subcommands.

A module defines `register(subparsers)`; the subcommand it adds sets `func` (args -> exit code).
Heavy imports (Qt, FastAPI) happen inside the handlers so `verval --help` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from app import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="verval", description="Verval Desa")
    parser.add_argument("--version", action="version", version=f"verval-desa {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
