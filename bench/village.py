"""Large synthetic villages for benchmarks: the demo families cloned with fresh ids and numbers.

Rows are rebuilt with model_validate, not model_copy: a copied table model has no SQLAlchemy state
of its own, and a session would insert it empty.
"""

from __future__ import annotations

import random
import uuid
from pathlib import Path

from app.core.demo import generate_demo
from app.core.models import Household, Member
from app.store.store import Store

BENCH_KEY = bytes(range(32))


def cloned_rows(n_households: int, seed: int = 7) -> tuple[list[Household], list[Member]]:
    district = generate_demo(seed, households=min(n_households, 400), neighbour_households=0)
    rng = random.Random(seed)
    by_household: dict[str, list[Member]] = {}
    for m in district.members:
        by_household.setdefault(m.household_id, []).append(m)
    templates = district.households
    households: list[Household] = []
    members: list[Member] = []
    for i in range(n_households):
        template = templates[i % len(templates)]
        hid = str(uuid.uuid4())
        kk = f"{template.kk_number[:12]}{i % 10000:04d}"
        households.append(
            Household.model_validate(template.model_dump() | {"id": hid, "kk_number": kk, "version": i + 1})
        )
        for m in by_household.get(template.id, []):
            nik = f"{m.nik[:12]}{rng.randint(1, 9999):04d}"
            members.append(
                Member.model_validate(
                    m.model_dump() | {"id": str(uuid.uuid4()), "household_id": hid, "nik": nik}
                )
            )
    return households, members


def build_store(path: Path, n_households: int) -> Store:
    """A store at `path` holding `n_households` families, written as a pull would write them."""
    return build_store_with_key(path, BENCH_KEY, n_households)


def build_store_with_key(path: Path, key: bytes, n_households: int) -> Store:
    store = Store.open(path, key)
    households, members = cloned_rows(n_households)
    with store.session() as session:
        session.add_all(households)
        session.add_all(members)
        session.flush()
        store.reindex_households(session, [h.id for h in households])
    return store
