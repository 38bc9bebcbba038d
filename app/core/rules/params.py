"""Parameters as they apply to one region and year: base values, then province, then kabupaten
overrides; the minimum wage (UMK of the kabupaten if the pack has one, else the province's UMP)."""

from __future__ import annotations

from dataclasses import dataclass, field

from celpy import celtypes

from app.core.rules.cel import to_cel
from app.core.rules.schema import ParametersFile, ParameterValue, WageValue


@dataclass(frozen=True)
class MinimumWage:
    value: float | None
    year: int | None
    level: str  # "UMP" | "UMK"
    region_name: str
    status: str
    source: str


@dataclass(frozen=True)
class ResolvedParameters:
    values: dict[str, ParameterValue]
    wage: MinimumWage
    # (kabupaten code, year): parameters are equal for equal keys, so memo keys can use it.
    key: tuple[str, int]
    cel: celtypes.MapType = field(repr=False)

    def number(self, name: str) -> float:
        value = self.values[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"parameter {name} is not a number")
        return value

    def strings(self, name: str) -> frozenset[str]:
        value = self.values[name]
        return frozenset(str(v) for v in value) if isinstance(value, list) else frozenset({str(value)})


def _pick_year(years: dict[str, WageValue], year: int) -> tuple[int, WageValue] | None:
    """The wage for `year`; past the newest year in the table, the newest one (documented)."""
    entry = years.get(str(year))
    if entry is not None:
        return year, entry
    known = sorted(int(y) for y in years)
    if known and year > known[-1]:
        return known[-1], years[str(known[-1])]
    return None


def _wage(spec: ParametersFile, province: str, kabupaten: str, year: int) -> MinimumWage:
    override = spec.region_overrides.get(kabupaten)
    if override is not None and override.minimum_wage:
        picked = _pick_year(override.minimum_wage, year)
        if picked is not None and picked[1].value is not None:
            got_year, entry = picked
            return MinimumWage(entry.value, got_year, "UMK", override.name, entry.status, entry.source)
    table = spec.minimum_wage.get(province)
    if table is None:
        return MinimumWage(None, None, "UMP", province, "not_set", "")
    picked = _pick_year(table.years, year)
    if picked is None or picked[1].value is None:
        status = picked[1].status if picked else "not_set"
        return MinimumWage(None, picked[0] if picked else year, "UMP", table.name, status, "")
    got_year, entry = picked
    return MinimumWage(entry.value, got_year, "UMP", table.name, entry.status, entry.source)


def resolve(spec: ParametersFile, village_code: str, year: int) -> ResolvedParameters:
    province, kabupaten = village_code[:2], village_code[:5]
    values: dict[str, ParameterValue] = {name: p.value for name, p in spec.parameters.items()}
    for code in (province, kabupaten):
        override = spec.region_overrides.get(code)
        if override is not None:
            values.update(override.parameters)
    wage = _wage(spec, province, kabupaten, year)
    cel = celtypes.MapType({celtypes.StringType(k): to_cel(v) for k, v in values.items()})
    return ResolvedParameters(values=values, wage=wage, key=(kabupaten, year), cel=cel)
