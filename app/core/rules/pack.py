"""Loading a policy pack: TOML → checked models → compiled CEL, or a `PolicyPackError`.

Checks, in order, each failing with the file, the rule and the problem: TOML syntax; fields
(unknown, missing, wrong type); cross references (programmes, PKH components, rule references,
override parameters); CEL syntax; variables and parameters an expression names; explanation
placeholders; and a dry run of every expression on synthetic households (type errors).
"""

from __future__ import annotations

import hashlib
import re
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from app.core.rules.cel import Activation, CelError, CompiledExpression, LayerProgram
from app.core.rules.derive import ENGINE_PARAMETERS, derive, synthetic_facts
from app.core.rules.errors import PolicyPackError
from app.core.rules.params import ResolvedParameters, resolve
from app.core.rules.schema import (
    PKH_COMPONENT_KEYS,
    RULE_ID_PATTERN,
    PackFile,
    ParametersFile,
    RuleKind,
    RuleSpec,
)
from app.core.rules.templates import CompiledTemplate, placeholders, render

PACK_FILE = "pack.toml"
PARAMETERS_FILE = "parameters.toml"
_FORMAT_SPECS = frozenset({"", "rp", "ha"})
_RULE_ID = re.compile(RULE_ID_PATTERN)
_DRY_RUN_DATE = date(2026, 6, 30)
M = TypeVar("M", bound=BaseModel)


@dataclass
class CompiledRule:
    spec: RuleSpec
    condition: CompiledExpression
    confirm: CompiledExpression | None
    # Names each explanation uses, reported with the fired rule as "the facts that fired it".
    named_facts: tuple[str, ...]
    templates: dict[str, CompiledTemplate]


@dataclass
class PolicyPack:
    pack: PackFile
    parameters: ParametersFile
    rules: list[CompiledRule]
    checklist_conditions: dict[str, CompiledExpression]
    layers: list[LayerProgram]
    # Every fact name some expression reads: only these are converted to CEL per household.
    variables: frozenset[str]
    digest: str
    origin: str
    _param_cache: dict[tuple[str, int], ResolvedParameters] = field(default_factory=dict, repr=False)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def id(self) -> str:
        return self.pack.pack.id

    @property
    def version(self) -> str:
        return self.pack.pack.version

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    def rule(self, rule_id: str) -> CompiledRule:
        return next(r for r in self.rules if r.spec.id == rule_id)

    def parameters_for(self, village_code: str, year: int) -> ResolvedParameters:
        """Parameters of a kabupaten for a year, cached: a village re-check resolves them once."""
        key = (village_code[:5], year)
        with self._cache_lock:
            hit = self._param_cache.get(key)
        if hit is None:
            hit = resolve(self.parameters, village_code, year)
            with self._cache_lock:
                if len(self._param_cache) > 512:
                    self._param_cache.clear()
                self._param_cache[key] = hit
        return hit


def _text(raw: str | bytes) -> str:
    return raw.decode("utf-8") if isinstance(raw, bytes) else raw


def _parse_toml(text: str, file: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyPackError(file, None, f"TOML tidak sah (invalid TOML): {exc}") from exc


def _validation_problem(exc: ValidationError, raw: dict[str, Any], file: str) -> PolicyPackError:
    first = exc.errors()[0]
    loc = first["loc"]
    rule: str | None = None
    if len(loc) >= 2 and loc[0] in ("rules", "checklist") and isinstance(loc[1], int):
        entries = raw.get(loc[0], [])
        entry = entries[loc[1]] if loc[1] < len(entries) and isinstance(entries[loc[1]], dict) else {}
        rule = str(entry.get("id") or entry.get("key") or f"{loc[0]}[{loc[1] + 1}]")
        loc = loc[2:]
    elif len(loc) >= 2 and loc[0] in ("parameters", "minimum_wage", "region_overrides"):
        rule = f"{loc[0]}.{loc[1]}"
        loc = loc[2:]
    path = ".".join(str(part) for part in loc) or "(file)"
    if first["type"] == "extra_forbidden":
        problem = f"kolom tidak dikenal (unknown field) '{path}'"
    elif first["type"] == "missing":
        problem = f"kolom wajib tidak ada (missing field) '{path}'"
    else:
        problem = f"nilai tidak sah (invalid value) di '{path}': {first['msg']}"
    return PolicyPackError(file, rule, problem)


def _model(model: type[M], raw: dict[str, Any], file: str) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise _validation_problem(exc, raw, file) from exc


def _check_structure(pack: PackFile, params: ParametersFile, pack_file: str, params_file: str) -> None:
    seen: set[str] = set()
    components: dict[str, str] = {}
    for rule in pack.rules:
        if rule.id in seen:
            raise PolicyPackError(pack_file, rule.id, "id aturan ganda (duplicate rule id)")
        seen.add(rule.id)
        for programme in rule.programmes:
            if programme not in pack.programmes:
                raise PolicyPackError(
                    pack_file, rule.id, f"program tidak dikenal (unknown programme) '{programme}'"
                )
        if rule.kind is RuleKind.COMPONENT:
            if rule.component not in PKH_COMPONENT_KEYS:
                raise PolicyPackError(
                    pack_file,
                    rule.id,
                    f"komponen PKH tidak dikenal (unknown PKH component) '{rule.component}'",
                )
            components[rule.component] = rule.id
        if rule.confirm is not None and not (rule.unconfirmed_id and rule.unconfirmed_en):
            raise PolicyPackError(
                pack_file,
                rule.id,
                "'confirm' butuh unconfirmed_id dan unconfirmed_en (needs unconfirmed texts)",
            )
    for key in PKH_COMPONENT_KEYS:
        if key not in params.pkh.components:
            raise PolicyPackError(
                params_file, "pkh", f"komponen PKH tidak ada (missing PKH component) '{key}'"
            )
        if key not in components:
            raise PolicyPackError(
                pack_file, None, f"tidak ada aturan untuk komponen PKH (no rule for) '{key}'"
            )
    if sorted(params.pkh.priority) != sorted(PKH_COMPONENT_KEYS):
        raise PolicyPackError(params_file, "pkh", "urutan prioritas harus memuat tiap komponen tepat sekali")
    for name in ENGINE_PARAMETERS:
        if name not in params.parameters:
            raise PolicyPackError(params_file, "(mesin)", f"parameter tidak ada (missing parameter) '{name}'")
    for code, override in params.region_overrides.items():
        for name, value in override.parameters.items():
            base = params.parameters.get(name)
            if base is None:
                raise PolicyPackError(
                    params_file,
                    f"region_overrides.{code}",
                    f"parameter tidak dikenal (unknown parameter) '{name}'",
                )
            if type(value) is not type(base.value) and not {type(value), type(base.value)} <= {int, float}:
                raise PolicyPackError(
                    params_file,
                    f"region_overrides.{code}",
                    f"tipe parameter '{name}' berbeda dengan nilai dasar",
                )


def _compile(
    text: str,
    file: str,
    owner: str,
    known_vars: frozenset[str],
    params: ParametersFile,
    rule_ids: frozenset[str],
) -> CompiledExpression:
    try:
        expr = CompiledExpression(text)
    except CelError as exc:
        raise PolicyPackError(file, owner, str(exc)) from exc
    for name in sorted(expr.refs.variables - known_vars):
        raise PolicyPackError(file, owner, f"variabel tidak dikenal (unknown variable) '{name}'")
    for name in sorted(expr.refs.parameters):
        if name not in params.parameters:
            raise PolicyPackError(file, owner, f"parameter tidak ada (missing parameter) 'p.{name}'")
    if "fired" in expr.refs.variables:
        for ref in sorted(expr.refs.strings):
            if _RULE_ID.match(ref) and "-" in ref and ref not in rule_ids:
                raise PolicyPackError(
                    file, owner, f"rujukan aturan tidak dikenal (unknown rule reference) '{ref}'"
                )
    return expr


def _check_template(
    template: str, file: str, owner: str, fact_names: frozenset[str], params: ParametersFile
) -> list[str]:
    try:
        fields = placeholders(template)
    except ValueError as exc:
        raise PolicyPackError(file, owner, f"templat penjelasan rusak (bad template): {exc}") from exc
    names = []
    for name, spec in fields:
        known = name[2:] in params.parameters if name.startswith("p.") else name in fact_names
        if not known:
            raise PolicyPackError(
                file, owner, f"placeholder tidak dikenal (unknown placeholder) '{{{name}}}'"
            )
        if spec not in _FORMAT_SPECS:
            raise PolicyPackError(file, owner, f"format tidak dikenal (unknown format) '{{{name}:{spec}}}'")
        names.append(name)
    return names


def _layers(
    rules: list[CompiledRule], checklist: dict[str, CompiledExpression], file: str
) -> list[LayerProgram]:
    """Group expressions so that a rule reading `fired[...]` runs after the rules it reads."""
    by_id = {r.spec.id: r for r in rules}
    depth: dict[str, int] = {}

    def rule_depth(rule_id: str, stack: tuple[str, ...]) -> int:
        if rule_id in depth:
            return depth[rule_id]
        if rule_id in stack:
            raise PolicyPackError(file, rule_id, "aturan saling merujuk (circular rule reference)")
        rule = by_id[rule_id]
        deps = _deps(rule.condition) | (_deps(rule.confirm) if rule.confirm else set())
        depth[rule_id] = 1 + max((rule_depth(d, (*stack, rule_id)) for d in deps if d in by_id), default=-1)
        return depth[rule_id]

    grouped: dict[int, dict[str, CompiledExpression]] = {}
    for rule in rules:
        level = rule_depth(rule.spec.id, ())
        grouped.setdefault(level, {})[rule.spec.id] = rule.condition
        if rule.confirm is not None:
            grouped[level][f"confirm:{rule.spec.id}"] = rule.confirm
    for key, expr in checklist.items():
        level = 1 + max((depth[d] for d in _deps(expr) if d in depth), default=-1)
        grouped.setdefault(level, {})[f"checklist:{key}"] = expr
    return [LayerProgram(grouped[level]) for level in sorted(grouped)]


def _deps(expr: CompiledExpression) -> set[str]:
    return set(expr.refs.strings) if "fired" in expr.refs.variables else set()


def load_pack_from_text(
    pack_toml: str | bytes, parameters_toml: str | bytes, *, origin: str = "<teks>"
) -> PolicyPack:
    """Load and check a pack from its two files' contents (as received through sync)."""
    pack_file, params_file = f"{origin}/{PACK_FILE}", f"{origin}/{PARAMETERS_FILE}"
    pack_text, params_text = _text(pack_toml), _text(parameters_toml)
    pack_raw = _parse_toml(pack_text, pack_file)
    params_raw = _parse_toml(params_text, params_file)
    pack = _model(PackFile, pack_raw, pack_file)
    params = _model(ParametersFile, params_raw, params_file)
    _check_structure(pack, params, pack_file, params_file)

    samples = synthetic_facts(_DRY_RUN_DATE, _sample_village(params))
    fact_names = frozenset(
        derive(samples[0], resolve(params, samples[0].village_code, 2026), params.pkh).values
    )
    known_vars = fact_names | {"p", "fired"}
    rule_ids = frozenset(r.id for r in pack.rules)
    compiled: list[CompiledRule] = []
    for rule in pack.rules:
        condition = _compile(rule.condition, pack_file, rule.id, known_vars, params, rule_ids)
        confirm = (
            _compile(rule.confirm, pack_file, rule.id, known_vars, params, rule_ids) if rule.confirm else None
        )
        named: list[str] = []
        for template in (rule.explain_id, rule.explain_en, rule.unconfirmed_id, rule.unconfirmed_en):
            if template:
                named.extend(
                    n
                    for n in _check_template(template, pack_file, rule.id, fact_names, params)
                    if n not in named
                )
        templates = {
            name: CompiledTemplate(text)
            for name, text in (
                ("explain_id", rule.explain_id),
                ("explain_en", rule.explain_en),
                ("unconfirmed_id", rule.unconfirmed_id),
                ("unconfirmed_en", rule.unconfirmed_en),
            )
            if text
        }
        compiled.append(CompiledRule(rule, condition, confirm, tuple(named), templates))
    checklist = {
        item.key: _compile(item.condition, pack_file, item.key, known_vars, params, rule_ids)
        for item in pack.checklist
        if item.condition
    }
    for expr in [
        *(r.condition for r in compiled),
        *(r.confirm for r in compiled if r.confirm),
        *checklist.values(),
    ]:
        expr.rule_refs = tuple(sorted(_deps(expr) & rule_ids))
    layers = _layers(compiled, checklist, pack_file)
    digest = hashlib.sha256(pack_text.encode() + b"\0" + params_text.encode()).hexdigest()
    variables = frozenset(
        name
        for expr in [
            *(r.condition for r in compiled),
            *(r.confirm for r in compiled if r.confirm),
            *checklist.values(),
        ]
        for name in expr.refs.variables
    )
    loaded = PolicyPack(pack, params, compiled, checklist, layers, variables, digest, origin)
    _dry_run(loaded, samples, pack_file)
    return loaded


def _sample_village(params: ParametersFile) -> str:
    province = next(iter(params.minimum_wage), "53")
    return f"{province}.01.01.2001"


def _dry_run(pack: PolicyPack, samples: list[Any], file: str) -> None:
    """Evaluate every expression alone on synthetic households: catches type errors and templates
    that cannot render, which static checks cannot see."""
    from app.core.rules.engine import activation_for

    fired_all = {r.spec.id: False for r in pack.rules}
    for facts in samples:
        params = pack.parameters_for(facts.village_code, facts.reference_date.year)
        derived = derive(facts, params, pack.parameters.pkh)
        activation = activation_for(derived.values, params, fired_all)
        for rule in pack.rules:
            for expr in (rule.condition, rule.confirm):
                if expr is None:
                    continue
                _dry_evaluate(expr, activation, file, rule.spec.id)
            for template in (rule.spec.explain_id, rule.spec.explain_en):
                try:
                    render(template, derived.values, params.values)
                except (ValueError, TypeError, KeyError) as exc:
                    raise PolicyPackError(
                        file, rule.spec.id, f"templat gagal (template failed): {exc}"
                    ) from exc
        for key, expr in pack.checklist_conditions.items():
            _dry_evaluate(expr, activation, file, key)
        for layer in pack.layers:
            got, failed = layer.evaluate(activation)
            if failed:
                key, message = next(iter(failed.items()))
                raise PolicyPackError(file, key, f"kesalahan CEL (CEL error): {message}")


def _dry_evaluate(expr: CompiledExpression, activation: Activation, file: str, owner: str) -> None:
    try:
        fast = expr.evaluate_bool(activation)
        reference = expr.evaluate_reference(activation)
    except CelError as exc:
        raise PolicyPackError(file, owner, f"kesalahan CEL (CEL error): {exc}") from exc
    if bool(reference) != fast:
        raise PolicyPackError(file, owner, "evaluasi cepat berbeda dengan celpy (fast path disagrees)")


def load_pack(directory: str | Path) -> PolicyPack:
    """Load `pack.toml` + `parameters.toml` from a directory."""
    path = Path(directory)
    texts: dict[str, str] = {}
    for name in (PACK_FILE, PARAMETERS_FILE):
        try:
            texts[name] = (path / name).read_text(encoding="utf-8")
        except OSError as exc:
            raise PolicyPackError(
                str(path / name), None, f"berkas tidak terbaca (cannot read): {exc}"
            ) from exc
    return load_pack_from_text(texts[PACK_FILE], texts[PARAMETERS_FILE], origin=str(path))


def pack_texts(directory: str | Path) -> Mapping[str, bytes]:
    """The raw files of a pack directory, as sync sends them."""
    path = Path(directory)
    return {name: (path / name).read_bytes() for name in (PACK_FILE, PARAMETERS_FILE)}
