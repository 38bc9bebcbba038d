"""The policy-pack engine (DESIGN §4, DOMAIN §3): rules as data, CEL conditions, typed verdicts.

pack = default_pack()                      # or PackRegistry().load_directory(...)
facts = facts_from_records(household, members, answers, date.today())
verdict = evaluate(pack, facts)            # verdict.to_json() goes into Visit.verdict
"""

from app.core.rules.engine import evaluate
from app.core.rules.errors import PolicyPackError
from app.core.rules.facts import FactsContext, HouseholdFacts, ProgrammeMembership, facts_from_records
from app.core.rules.outcomes import Colour, Outcome
from app.core.rules.pack import PolicyPack, load_pack, load_pack_from_text, pack_texts
from app.core.rules.registry import PackRegistry, builtin_pack_dir, default_pack
from app.core.rules.verdict import ChecklistItem, FiredRule, MissingInput, ProgrammeVerdict, Verdict

__all__ = [
    "ChecklistItem",
    "Colour",
    "FactsContext",
    "FiredRule",
    "HouseholdFacts",
    "MissingInput",
    "Outcome",
    "PackRegistry",
    "PolicyPack",
    "PolicyPackError",
    "ProgrammeMembership",
    "ProgrammeVerdict",
    "Verdict",
    "builtin_pack_dir",
    "default_pack",
    "evaluate",
    "facts_from_records",
    "load_pack",
    "load_pack_from_text",
    "pack_texts",
]
