"""Explanation templates: `{fact}`, `{p.parameter}`, with `:rp` for rupiah and `:ha` for hectares.

"Motor senilai {motor_max_value:rp} melebihi batas {p.motor_value_limit:rp}" becomes
"Motor senilai Rp35.000.000 melebihi batas Rp30.000.000".
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

_PARSER = string.Formatter()


def rupiah(value: float) -> str:
    whole = round(value)
    sign = "-" if whole < 0 else ""
    return f"{sign}Rp{abs(whole):,}".replace(",", ".")


def placeholders(template: str) -> list[tuple[str, str]]:
    """(field, spec) pairs; raises ValueError on a malformed template."""
    return [(name, spec or "") for _, name, spec, _ in _PARSER.parse(template) if name is not None]


def render(template: str, facts: Mapping[str, Any], params: Mapping[str, Any]) -> str:
    return CompiledTemplate(template).render(facts, params)


class CompiledTemplate:
    """A template parsed once at pack load; rendering is a join (string.Formatter re-parses
    on every call, which was the largest cost of a verdict after CEL)."""

    def __init__(self, template: str) -> None:
        self.template = template
        self._parts = [(literal, name, spec or "") for literal, name, spec, _ in _PARSER.parse(template)]

    def render(self, facts: Mapping[str, Any], params: Mapping[str, Any]) -> str:
        out: list[str] = []
        for literal, name, spec in self._parts:
            out.append(literal)
            if name is None:
                continue
            value = params[name[2:]] if name.startswith("p.") else facts[name]
            out.append(_format(value, spec))
        return "".join(out)


def _format(value: Any, spec: str) -> str:
    if spec == "rp":
        return rupiah(float(value))
    if spec == "ha":
        return f"{float(value):g} ha".replace(".", ",")
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
