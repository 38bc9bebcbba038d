"""A pack the admin publishes reaches the laptop through pull and is used for new verdicts; a broken
publication never replaces the last good pack; old versions stay available for re-checks."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import Session

from app.core.answers import VisitAnswers
from app.core.demo import DEMO_DATE, DemoDistrict, household_verdict
from app.core.rules import default_pack, evaluate, facts_from_records
from app.server import admin
from app.server.demo_seed import PACK_DIR
from app.server.runner import ServerThread
from app.store.packs import current_pack, pack_for
from app.sync.account import sign_in
from app.sync.engine import SyncEngine


def pack_files(version: str, motor_limit: int) -> dict[str, str]:
    pack = (
        (PACK_DIR / "pack.toml")
        .read_text(encoding="utf-8")
        .replace('version = "2026.1"', f'version = "{version}"')
    )
    params = (PACK_DIR / "parameters.toml").read_text(encoding="utf-8")
    params = params.replace("value = 30000000", f"value = {motor_limit}", 1)
    return {"pack.toml": pack, "parameters.toml": params}


def publish(server: ServerThread, version: str, files: dict[str, str]) -> None:
    with Session(server.engine) as session:
        admin.publish_policy_pack(session, pack_id="verval", version=version, text=json.dumps(files))


def test_published_pack_travels_and_a_broken_one_is_refused(
    tmp_path: Path, demo_server: ServerThread, demo_district: DemoDistrict
) -> None:
    account = sign_in(tmp_path / "app", demo_server.url, "pendamping", "pendamping-demo")
    try:
        SyncEngine(account.store, account.client).sync()
        assert current_pack(account.store).version == default_pack().version

        # The district lowers the motorbike line to Rp15 juta.
        publish(demo_server, "2026.9", pack_files("2026.9", 15_000_000))
        SyncEngine(account.store, account.client).sync()
        pack = current_pack(account.store)
        assert (pack.id, pack.version) == ("verval", "2026.9")

        # An ordinary Rp18 juta motorbike now graduates the family under the new pack only.
        household = next(h for h, name in demo_district.scenario.items() if name.startswith("Mitos motor"))
        found = next(h for h in demo_district.households if h.id == household)
        visit = next(v for v in demo_district.visits if v.household_id == household)
        old = household_verdict(demo_district, found, visit, DEMO_DATE)
        assert "GRAD-KENDARAAN" not in {r["rule_id"] for r in old.to_json()["fired"]}
        facts = facts_from_records(
            found, demo_district.members_of(household), VisitAnswers.model_validate(visit.answers), DEMO_DATE
        )
        assert "GRAD-KENDARAAN" in {r["rule_id"] for r in evaluate(pack, facts).to_json()["fired"]}

        # A broken publication (a CEL typo) arrives too, but the laptop keeps the last good pack.
        broken = pack_files("2026.10", 15_000_000)
        broken["pack.toml"] = broken["pack.toml"].replace("motor_max_value >", "motor_max_valu >", 1)
        publish(demo_server, "2026.10", broken)
        SyncEngine(account.store, account.client).sync()
        assert current_pack(account.store).version == "2026.9"
        # Old versions remain for re-checking earlier visits.
        assert pack_for(account.store, "verval", default_pack().version) is not None
        assert pack_for(account.store, "verval", "2026.9") is pack
        assert pack_for(account.store, "verval", "2026.10") is None
    finally:
        account.close()
