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


class _Formatter(string.Formatter):
    def __init__(self, facts: Mapping[str, Any], params: Mapping[str, Any]) -> None:
        self.facts = facts
        self.params = params

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        if field_name.startswith("p."):
            return self.params[field_name[2:]], field_name
        return self.facts[field_name], field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "rp":
            return rupiah(float(value))
        if format_spec == "ha":
            return f"{float(value):g} ha".replace(".", ",")
        if isinstance(value, bool):
            return "ya" if value else "tidak"
        if isinstance(value, float) and not format_spec:
            return f"{value:g}"
        return super().format_field(value, format_spec)


def render(template: str, facts: Mapping[str, Any], params: Mapping[str, Any]) -> str:
    return _Formatter(facts, params).format(template)
