"""Policy-pack engine speed (DESIGN §10): verdict per household, a 5,000-household village, pack load."""

from __future__ import annotations

import time

from bench.common import Result, median, percentile, time_calls


def run(quick: bool) -> list[Result]:
    from app.core.rules import evaluate, load_pack
    from app.core.rules.registry import builtin_pack_dir
    from app.core.rules.synthetic import village

    loads = time_calls(lambda: load_pack(builtin_pack_dir()), 2 if quick else 5)
    pack = load_pack(builtin_pack_dir())
    size = 500 if quick else 5000
    households = village(size, seed=7)
    for facts in households[:50]:  # warm-up: parameter cache, CPU caches
        evaluate(pack, facts)
    per_household: list[float] = []
    for facts in households[: min(size, 2000)]:
        start = time.perf_counter()
        evaluate(pack, facts)
        per_household.append(time.perf_counter() - start)
    start = time.perf_counter()
    for facts in households:
        evaluate(pack, facts)
    whole = time.perf_counter() - start
    village_target = 3.0 * size / 5000
    return [
        Result("rules.verdict_median", median(per_household), "s", 0.001),
        Result("rules.verdict_p95", percentile(per_household, 95), "s", None),
        Result(
            f"rules.recheck_{size}_households",
            whole,
            "s",
            village_target,
            note="target 3 s per 5,000 households",
        ),
        Result("rules.pack_load_median", median(loads), "s", None, note="TOML, checks, CEL compile, dry run"),
    ]
