"""Evaluate a loaded policy pack against one household's facts → `Verdict`.

Steps: resolve the region's parameters (cached), derive flat facts in Python, evaluate each
dependency layer of CEL conditions in one call, then decide per programme with a fixed order of
precedence (graduation beats verification beats eligibility) and explain every fired rule.
"""

from __future__ import annotations

from collections.abc import Mapping

from celpy import celtypes

from app.core.rules.cel import Activation, to_cel
from app.core.rules.derive import Derived, FactValue, derive
from app.core.rules.facts import HouseholdFacts
from app.core.rules.outcomes import COLOURS, GRADUATIONS, LABELS, RANK, Outcome
from app.core.rules.pack import CompiledRule, PolicyPack
from app.core.rules.params import ResolvedParameters
from app.core.rules.schema import RuleKind
from app.core.rules.templates import render
from app.core.rules.verdict import (
    Bps14Result,
    ChecklistItem,
    FiredRule,
    MissingInput,
    PkhBenefit,
    PkhLine,
    ProgrammeVerdict,
    RuleError,
    Verdict,
)

_HOUSEHOLD_OUTCOMES = frozenset(
    {Outcome.RUJUK_PENA, Outcome.RUJUK_BANSOS_PRODUKTIF, Outcome.DAPAT_DAFTAR_ULANG, Outcome.USUL_BARU}
)


def activation_for(
    values: Mapping[str, FactValue],
    params: ResolvedParameters,
    fired: Mapping[str, bool],
    names: frozenset[str] | None = None,
) -> Activation:
    """CEL values for the facts (only `names`, the ones some expression reads, when given)."""
    wanted = values.keys() if names is None else names & values.keys()
    activation: Activation = {name: to_cel(values[name]) for name in wanted}
    activation["p"] = params.cel
    activation["fired"] = _fired_map(fired)
    return activation


_KEYS: dict[str, celtypes.StringType] = {}


def _fired_map(fired: Mapping[str, bool]) -> celtypes.MapType:
    out = {}
    for rule_id, value in fired.items():
        key = _KEYS.get(rule_id)
        if key is None:
            key = _KEYS.setdefault(rule_id, celtypes.StringType(rule_id))
        out[key] = to_cel(value)
    return celtypes.MapType(out)


def evaluate(pack: PolicyPack, facts: HouseholdFacts) -> Verdict:
    """The verdict of `pack` on `facts`. Never raises on valid facts: a condition that fails on
    unusual data becomes a `RuleError` in the verdict."""
    params = pack.parameters_for(facts.village_code, facts.reference_date.year)
    derived = derive(facts, params, pack.parameters.pkh)
    by_id = {r.spec.id: r for r in pack.rules}
    fired: dict[str, bool] = dict.fromkeys(by_id, False)
    results: dict[str, bool] = {}
    errors: dict[str, str] = {}
    activation: Activation | None = None
    values = derived.values
    for layer in pack.layers:
        # Most conditions read a few low-cardinality facts (counts, flags, a decile), so their result
        # is memoised on exactly those inputs; only misses run CEL. Same inputs, same answer.
        misses: list[str] = []
        for key, expr in layer.parts.items():
            memo_key = (
                params.key,
                tuple(values[n] for n in expr.fact_refs),
                tuple(fired[r] for r in expr.rule_refs),
            )
            hit = expr.memo.get(memo_key)
            if hit is None:
                misses.append(key)
            else:
                results[key] = hit
        if misses:
            if activation is None:
                activation = activation_for(values, params, fired, pack.variables)
            activation["fired"] = _fired_map(fired)
            got, failed = layer.evaluate_some(activation, misses)
            errors.update(failed)
            for key, value in got.items():
                results[key] = value
                if key not in failed:
                    expr = layer.parts[key]
                    memo_key = (
                        params.key,
                        tuple(values[n] for n in expr.fact_refs),
                        tuple(fired[r] for r in expr.rule_refs),
                    )
                    expr.remember(memo_key, value)
        for key in layer.parts:
            rule = by_id.get(key)
            if rule is not None:
                fired[key] = results[key] and _requirements_met(rule, derived)
    return _verdict(pack, facts, derived, params, fired, results, errors)


def _requirements_met(rule: CompiledRule, derived: Derived) -> bool:
    return not any(req in derived.missing for req in rule.spec.requires)


def _fired_rule(
    rule: CompiledRule, derived: Derived, params: ResolvedParameters, confirmed: bool
) -> FiredRule:
    spec = rule.spec
    facts, values = derived.values, params.values
    reason_id = rule.templates["explain_id"].render(facts, values)
    reason_en = rule.templates["explain_en"].render(facts, values)
    outcome = spec.outcome
    if not confirmed:
        outcome = Outcome.PERLU_VERIFIKASI
        reason_id += " " + rule.templates["unconfirmed_id"].render(facts, values)
        reason_en += " " + rule.templates["unconfirmed_en"].render(facts, values)
    named: dict[str, bool | int | float | str] = {}
    for name in rule.named_facts:
        if name.startswith("p."):
            value = params.values[name[2:]]
            named[name] = value if not isinstance(value, list) else ", ".join(str(v) for v in value)
        else:
            named[name] = derived.values[name]
    return FiredRule.model_construct(
        rule_id=spec.id,
        kind=spec.kind.value,
        outcome=outcome,
        confirmed=confirmed,
        programmes=list(spec.programmes),
        title_id=spec.title_id,
        title_en=spec.title_en,
        reason_id=reason_id,
        reason_en=reason_en,
        source=spec.source,
        facts=named,
    )


def _programme_verdicts(
    pack: PolicyPack, facts: HouseholdFacts, fired: list[FiredRule]
) -> list[ProgrammeVerdict]:
    active = {e.programme for e in facts.programmes if e.active}
    out = []
    for name, spec in pack.pack.programmes.items():
        member = name in active
        relevant = [f for f in fired if name in f.programmes]
        decisive = [f for f in relevant if f.outcome in GRADUATIONS or f.outcome is Outcome.PERLU_VERIFIKASI]
        eligible = [f for f in relevant if f.outcome is Outcome.LAYAK]
        reregister = [f for f in relevant if f.outcome is Outcome.DAPAT_DAFTAR_ULANG]
        in_target = facts.desil is not None and facts.desil <= spec.target_max_desil
        used: list[FiredRule]
        if member:
            if decisive:
                outcome = min((f.outcome for f in decisive), key=RANK.__getitem__)
                used = [f for f in decisive if f.outcome is outcome]
            elif eligible:
                outcome, used = Outcome.TETAP_LAYAK, eligible
            else:
                # A member no eligibility rule supports (e.g. desil above the target): a person looks.
                outcome, used = Outcome.PERLU_VERIFIKASI, []
        elif any(f.outcome is Outcome.GRADUASI_WAJIB for f in relevant):
            outcome, used = (
                Outcome.BUKAN_SASARAN,
                [f for f in relevant if f.outcome is Outcome.GRADUASI_WAJIB],
            )
        elif reregister:
            outcome, used = Outcome.DAPAT_DAFTAR_ULANG, reregister
        elif eligible and in_target:
            unsure = [f for f in decisive if f.outcome is Outcome.PERLU_VERIFIKASI]
            outcome, used = (Outcome.PERLU_VERIFIKASI, unsure) if unsure else (Outcome.USUL_BARU, eligible)
        else:
            outcome, used = Outcome.BUKAN_SASARAN, []
        label_id, label_en = LABELS[outcome]
        out.append(
            ProgrammeVerdict.model_construct(
                programme=name,
                member=member,
                outcome=outcome,
                label_id=label_id,
                label_en=label_en,
                rule_ids=[f.rule_id for f in used],
            )
        )
    return out


def _pkh(pack: PolicyPack, derived: Derived) -> PkhBenefit:
    components = pack.parameters.pkh.components
    lines = [
        PkhLine.model_construct(
            component=c.component,
            label_id=components[c.component].label_id,
            label_en=components[c.component].label_en,
            member_index=c.person.index,
            member_name=c.person.name,
            amount_year=components[c.component].amount_year if c.paid else 0,
            amount_stage=components[c.component].amount_stage if c.paid else 0,
            paid=c.paid,
            dropped_because=c.dropped_because,
        )
        for c in derived.claims
    ]
    values = derived.values
    return PkhBenefit(
        lines=lines,
        eligible_count=int(values["pkh_component_count"]),
        paid_count=int(values["pkh_paid_count"]),
        total_year=int(values["pkh_total_year"]),
        total_stage=int(values["pkh_total_stage"]),
    )


def _verdict(
    pack: PolicyPack,
    facts: HouseholdFacts,
    derived: Derived,
    params: ResolvedParameters,
    fired: dict[str, bool],
    results: dict[str, bool],
    errors: dict[str, str],
) -> Verdict:
    fired_rules: list[FiredRule] = []
    missing: dict[str, MissingInput] = {}
    for rule in pack.rules:
        spec = rule.spec
        absent = [req for req in spec.requires if req in derived.missing]
        if absent:
            for req in absent:
                label_id, label_en = derived.missing[req]
                entry = missing.get(req.value) or MissingInput(
                    key=req.value, label_id=label_id, label_en=label_en
                )
                missing[req.value] = entry.model_copy(update={"rule_ids": [*entry.rule_ids, spec.id]})
        if not fired[spec.id]:
            continue
        confirmed = rule.confirm is None or results.get(f"confirm:{spec.id}", False)
        fired_rule = _fired_rule(rule, derived, params, confirmed)
        fired_rules.append(fired_rule)
        if not confirmed:
            key = f"confirm:{spec.id}"
            missing[key] = MissingInput(
                key=key,
                label_id=render(spec.unconfirmed_id or "", derived.values, params.values),
                label_en=render(spec.unconfirmed_en or "", derived.values, params.values),
                rule_ids=[spec.id],
            )

    programmes = _programme_verdicts(pack, facts, fired_rules)
    household = sorted(
        {f.outcome for f in fired_rules if f.outcome in _HOUSEHOLD_OUTCOMES}, key=RANK.__getitem__
    )
    # The list badge speaks about the programmes the family is in (a PKH family missing only PBI-JKN
    # is "tetap layak", not "usul baru"); a family in none is judged on all of them.
    mine = [p.outcome for p in programmes if p.member] or [p.outcome for p in programmes]
    candidates = mine + household
    overall = min(candidates, key=RANK.__getitem__) if candidates else Outcome.INFO
    label_id, label_en = LABELS[overall]

    checklist: list[ChecklistItem] = []
    if any(f.kind == RuleKind.CHECKLIST for f in fired_rules):
        for item in pack.pack.checklist:
            if item.condition and not results.get(f"checklist:{item.key}", False):
                continue
            checklist.append(
                ChecklistItem(
                    key=item.key,
                    photo_kind=item.photo_kind.value,
                    label_id=item.label_id,
                    label_en=item.label_en,
                    required=item.required,
                    count=max(1, len(derived.people)) if item.per_member else 1,
                )
            )

    poor_min = int(params.number("bps14_poor_min")) if "bps14_poor_min" in params.values else 9
    # Trusted, already-typed parts: skip re-validation (a verdict is built thousands of times per re-check).
    return Verdict.model_construct(
        pack_id=pack.id,
        pack_version=pack.version,
        reference_date=facts.reference_date,
        overall=overall,
        overall_label_id=label_id,
        overall_label_en=label_en,
        colour=COLOURS[overall],
        programmes=programmes,
        household_outcomes=household,
        fired=fired_rules,
        flags=[f.rule_id for f in fired_rules if f.kind == RuleKind.FLAG],
        pkh=_pkh(pack, derived),
        bps14=Bps14Result.model_construct(
            count=len(derived.bps14),
            poor=facts.answers is not None and len(derived.bps14) >= poor_min,
            criteria=derived.bps14,
        ),
        checklist=checklist,
        missing=list(missing.values()),
        errors=[RuleError(rule_id=k.split(":", 1)[-1], message=v) for k, v in sorted(errors.items())],
    )
