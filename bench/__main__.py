"""`python -m bench [NAME ...] [--quick] [--json FILE]`: run named benchmarks, print, write JSON.

A benchmark is a module `bench/bench_<name>.py` with `run(quick: bool) -> list[Result]`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path

import bench
from bench.common import Result


def available() -> list[str]:
    return sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules(bench.__path__)
        if m.name.startswith("bench_")
    )


def print_table(results: list[Result]) -> None:
    print(f"{'name':44} {'value':>14} {'unit':8} {'target':>12}  ok")
    for r in results:
        target = "" if r.target is None else f"{r.target:g}"
        ok = {True: "yes", False: "NO", None: "-"}[r.ok]
        print(f"{r.name:44} {r.value:14.4g} {r.unit:8} {target:>12}  {ok}  {r.note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "names", nargs="*", help=f"benchmarks to run (default: all): {', '.join(available())}"
    )
    parser.add_argument("--quick", action="store_true", help="smaller inputs, for a smoke run")
    parser.add_argument("--json", type=Path, help="write the results as a JSON list to this file")
    args = parser.parse_args(argv)
    names = args.names or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(available())}")
    results: list[Result] = []
    for name in names:
        module = importlib.import_module(f"bench.bench_{name}")
        print(f"== {name}", flush=True)
        got = module.run(quick=args.quick)
        print_table(got)
        results.extend(got)
    if args.json:
        args.json.write_text(json.dumps([r.as_json() for r in results], indent=2))
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
