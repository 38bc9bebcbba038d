"""The CEL side of the engine: compiling, static checks of what an expression refers to, evaluation.

cel-python interprets slowly (~250 µs per expression), so expressions are transpiled to Python once
per pack load (`CompiledRunner`, ~30 µs) and all conditions of one dependency layer are folded into a
single CEL map literal: one evaluation per layer per household instead of one per rule.
The transpiled code publishes its activation through a module global of celpy, so evaluation is
serialised by a lock (the UI worker pool and the server may call in parallel).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import celpy
import lark
from celpy import celtypes

__all__ = ["CelError", "CelRefs", "CompiledExpression", "LayerProgram", "analyse", "compile_expression", "to_cel"]

# celpy logs every evaluation error before raising it; we turn each into a rule error or a
# PolicyPackError with its own message, so its log line would only be noise on the console.
logging.getLogger("celpy.Transpiler").setLevel(logging.CRITICAL)

_ENV = celpy.Environment(runner_class=celpy.CompiledRunner)
_EVAL_LOCK = threading.Lock()
_MACROS = frozenset({"exists", "all", "exists_one", "map", "filter"})

Activation = dict[str, celtypes.Value]


class CelError(Exception):
    """A CEL expression that does not parse or does not evaluate."""


def to_cel(value: Any) -> celtypes.Value:
    # Direct constructors: celpy.json_to_cel walks types generically and costs several times more.
    if isinstance(value, bool):
        return celtypes.BoolType(value)
    if isinstance(value, int):
        return celtypes.IntType(value)
    if isinstance(value, float):
        return celtypes.DoubleType(value)
    if isinstance(value, str):
        return celtypes.StringType(value)
    if isinstance(value, list | tuple):
        return celtypes.ListType([to_cel(v) for v in value])
    if isinstance(value, Mapping):
        return celtypes.MapType({celtypes.StringType(str(k)): to_cel(v) for k, v in value.items()})
    raise TypeError(f"no CEL value for {type(value).__name__}")


@dataclass(frozen=True)
class CelRefs:
    variables: frozenset[str]
    parameters: frozenset[str]
    strings: frozenset[str]


def compile_expression(text: str) -> lark.Tree:
    try:
        return _ENV.compile(text)
    except celpy.CELParseError as exc:
        raise CelError(f"sintaks CEL salah (CEL syntax error): {' '.join(str(exc).split())}") from exc


def analyse(tree: lark.Tree) -> CelRefs:
    """Free variables, `p.<name>` parameter references and string literals of an expression."""
    idents: set[str] = set()
    bound: set[str] = set()
    params: set[str] = set()
    strings: set[str] = set()
    for node in tree.iter_subtrees():
        if node.data == "primary":
            for child in node.children:
                if isinstance(child, lark.Tree) and child.data == "ident":
                    idents.add(str(child.children[0]))
        elif node.data == "member_dot":
            target, name = node.children[0], node.children[1]
            if _is_ident(target, "p"):
                params.add(str(name))
        elif node.data == "member_dot_arg" and len(node.children) >= 3:
            macro, args = node.children[1], node.children[2]
            if str(macro) in _MACROS and isinstance(args, lark.Tree) and args.children:
                first = next(args.children[0].scan_values(lambda v: isinstance(v, lark.Token)), None)
                if first is not None:
                    bound.add(str(first))
        elif node.data == "literal":
            token = node.children[0]
            if isinstance(token, lark.Token) and token.type.endswith("STRING_LIT"):
                strings.add(str(token)[1:-1])
    return CelRefs(frozenset(idents - bound), frozenset(params), frozenset(strings))


def _is_ident(node: Any, name: str) -> bool:
    if not isinstance(node, lark.Tree) or node.data != "member":
        return False
    primary = node.children[0]
    if not isinstance(primary, lark.Tree) or primary.data != "primary":
        return False
    ident = primary.children[0]
    return isinstance(ident, lark.Tree) and ident.data == "ident" and str(ident.children[0]) == name


def _unwrap(exc: BaseException) -> str:
    # celpy nests the real reason ("no such overload", "undeclared reference") inside args.
    text = str(exc.args[0]) if exc.args else str(exc)
    if len(exc.args) >= 3 and isinstance(exc.args[2], tuple) and exc.args[2]:
        inner = exc.args[2][0]
        text = inner if isinstance(inner, str) else text
        if text == "evaluation error" or len(exc.args[2]) > 1:
            text = " ".join(str(a) for a in exc.args[2])
    return " ".join(text.split())[:300]


class CompiledExpression:
    """One expression, transpiled once; evaluated alone when checking a pack or isolating an error."""

    def __init__(self, text: str, tree: lark.Tree | None = None) -> None:
        self.text = text
        self.tree = tree if tree is not None else compile_expression(text)
        self.refs = analyse(self.tree)
        self._program = _ENV.program(self.tree)

    def evaluate(self, activation: Activation) -> celtypes.Value:
        with _EVAL_LOCK:
            try:
                return self._program.evaluate(activation)
            except celpy.CELEvalError as exc:
                raise CelError(_unwrap(exc)) from exc
            except Exception as exc:  # celpy raises plain Python errors on some malformed input
                raise CelError(f"{type(exc).__name__}: {exc}") from exc

    def evaluate_bool(self, activation: Activation) -> bool:
        value = self.evaluate(activation)
        if not isinstance(value, celtypes.BoolType):
            raise CelError(f"hasil harus bool (result must be bool), bukan {type(value).__name__}")
        return bool(value)


class LayerProgram:
    """Several boolean expressions evaluated together as one CEL map literal."""

    def __init__(self, expressions: Mapping[str, CompiledExpression]) -> None:
        self.parts = dict(expressions)
        body = ", ".join(f'"{key}": ({expr.text})' for key, expr in self.parts.items())
        self._whole = CompiledExpression("{" + body + "}") if self.parts else None

    def evaluate(self, activation: Activation) -> tuple[dict[str, bool], dict[str, str]]:
        """Results by key, and errors by key (an expression that fails is reported, not fatal)."""
        if self._whole is None:
            return {}, {}
        try:
            value = self._whole.evaluate(activation)
        except CelError:
            return self._one_by_one(activation)
        if not isinstance(value, celtypes.MapType):
            return self._one_by_one(activation)
        out: dict[str, bool] = {}
        for key, result in value.items():
            if not isinstance(result, celtypes.BoolType):
                return self._one_by_one(activation)
            out[str(key)] = bool(result)
        return out, {}

    def _one_by_one(self, activation: Activation) -> tuple[dict[str, bool], dict[str, str]]:
        results: dict[str, bool] = {}
        errors: dict[str, str] = {}
        for key, expr in self.parts.items():
            try:
                results[key] = expr.evaluate_bool(activation)
            except CelError as exc:
                results[key] = False
                errors[key] = str(exc)
        return results, errors
