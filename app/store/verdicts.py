"""The rules' verdict for a household as the detail view shows it.

The latest submitted visit's verdict is what the officer concluded at the door, with the pack it was
made with; before any visit, the current pack runs on the registry data alone, and the verdict lists
what a visit still has to establish.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.core.models import VisitState
from app.core.rules import FactsContext, evaluate, facts_from_records
from app.store.packs import current_pack
from app.store.store import Store


@dataclass(frozen=True)
class HouseholdVerdict:
    household_id: str
    verdict: dict[str, Any]  # Verdict.to_json()
    from_visit: bool


def household_verdict(store: Store, household_id: str, today: date) -> HouseholdVerdict | None:
    found = store.household(household_id)
    if found is None:
        return None
    household, members = found
    settled = (VisitState.DRAFT, VisitState.REPLACED)
    concluded = [v for v in store.visits_of(household_id) if v.verdict and v.state not in settled]
    if concluded:
        return HouseholdVerdict(household_id, concluded[-1].verdict, from_visit=True)
    own = {m.nik for m in members if m.nik}
    context = FactsContext(duplicate_niks_in_village=sorted(own & store.niks_elsewhere(household_id)))
    verdict = evaluate(current_pack(store), facts_from_records(household, members, None, today, context))
    return HouseholdVerdict(household_id, verdict.to_json(), from_visit=False)
