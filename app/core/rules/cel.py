"""The CEL side of the engine: compiling, static checks of what an expression refers to, evaluation.

cel-python interprets slowly (~250 µs per expression), so expressions are transpiled to Python once
per pack load (`CompiledRunner`, ~30 µs) and all conditions of one dependency layer are folded into a
single CEL map literal: one evaluation per layer per household instead of one per rule.
The transpiled code publishes its activation through a module global of celpy, so evaluation is
serialised by a lock (the UI worker pool and the server may call in parallel).
"""

from __future__ import annotations

import ast
import functools
import logging
import operator
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import celpy
import celpy.celparser
import celpy.evaluation
import lark
from celpy import celtypes

__all__ = [
    "CelError",
    "CelRefs",
    "CompiledExpression",
    "LayerProgram",
    "analyse",
    "compile_expression",
    "to_cel",
]

# celpy logs every evaluation error before raising it; we turn each into a rule error or a
# PolicyPackError with its own message, so its log line would only be noise on the console.
logging.getLogger("celpy.Transpiler").setLevel(logging.CRITICAL)


@functools.cache
def _env() -> celpy.Environment:
    """Built on first use (it compiles CEL's grammar, ~0.3 s): importing the rules costs nothing at
    start-up, and the first pack load pays for it on a worker thread."""
    return celpy.Environment(runner_class=celpy.CompiledRunner)


_EVAL_LOCK = threading.Lock()
_MACROS = frozenset({"exists", "all", "exists_one", "map", "filter"})

Activation = dict[str, celtypes.Value]
_MEMO_LIMIT = 4096


class CelError(Exception):
    """A CEL expression that does not parse or does not evaluate."""


_TRUE, _FALSE = celtypes.BoolType(True), celtypes.BoolType(False)
_SMALL_INTS = [celtypes.IntType(i) for i in range(-1, 257)]
_EMPTY = celtypes.StringType("")


def to_cel(value: Any) -> celtypes.Value:
    # Direct constructors and shared instances for the commonest values: a verdict converts ~130
    # facts, and celpy.json_to_cel walks types generically at several times the cost.
    if value is True:
        return _TRUE
    if value is False:
        return _FALSE
    if isinstance(value, int):
        return _SMALL_INTS[value + 1] if -1 <= value <= 255 else celtypes.IntType(value)
    if isinstance(value, float):
        return celtypes.DoubleType(value)
    if isinstance(value, str):
        return celtypes.StringType(value) if value else _EMPTY
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


def compile_expression(text: str) -> lark.Tree[Any]:
    try:
        return _env().compile(text)
    except celpy.celparser.CELParseError as exc:
        raise CelError(f"sintaks CEL salah (CEL syntax error): {' '.join(str(exc).split())}") from exc


def analyse(tree: lark.Tree[Any]) -> CelRefs:
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


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, BaseException):
        return _strings(value.args)
    if isinstance(value, tuple | list):
        return [text for item in value for text in _strings(item)]
    return []


def _unwrap(exc: BaseException) -> str:
    """The innermost readable reason: celpy nests "no such overload: ..." inside generic wrappers."""
    texts = [t for t in _strings(exc.args) if len(t) > 3 and t != "evaluation error"]
    text = texts[-1] if texts else str(exc)
    text = text.split(" (in activation", 1)[0]
    return " ".join(text.split())[:300]


# celpy's bool_gt & co. build a fresh wrapper with functools.wraps on every call; the same wrappers
# built once behave identically (they are exactly what each call would build).
_FAST_COMPARISONS: dict[str, Any] = {
    f"_cel_bool_{name}": celpy.evaluation.boolean(getattr(operator, name))
    for name in ("lt", "le", "gt", "ge", "eq", "ne")
}


_LITERAL = re.compile(
    r"celpy\.celtypes\.(IntType|UintType|DoubleType|StringType|BoolType)"
    r"\((-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|'[^'\\()]*'|True|False)\)"
)


def _speed_up(source: str) -> tuple[str, dict[str, Any]]:
    """Rewrite transpiled source: shared comparison wrappers, and literals built once instead of on
    every evaluation (celpy's IntType() wraps its check with functools.wraps per call)."""
    for name in ("lt", "le", "gt", "ge", "eq", "ne"):
        source = source.replace(f"celpy.evaluation.bool_{name}(", f"_cel_bool_{name}(")
    constants: dict[str, Any] = {}

    def hoist(match: re.Match[str]) -> str:
        name = f"_cel_const_{len(constants)}"
        constants[name] = getattr(celtypes, match.group(1))(ast.literal_eval(match.group(2)))
        return name

    return _LITERAL.sub(hoist, source), constants


class _FastActivation:
    """Name lookup for transpiled code as a plain dict read.

    celpy's own Activation resolves each name through annotated containers (typing hashes on every
    access), which was over half of a verdict's time. The transpiled code only reads
    `activation.<name>`, `activation.resolve_variable(name)` and `activation.nested_activation(vars=)`
    (macros), so this small class gives the same answers; the pack dry run checks both paths agree.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, celtypes.Value]) -> None:
        self._values = values

    def __getattr__(self, name: str) -> celtypes.Value:
        try:
            return self._values[name]
        except KeyError:
            raise NameError(f"undeclared reference to '{name}'") from None

    def resolve_variable(self, name: str) -> celtypes.Value:
        return self.__getattr__(name)

    def nested_activation(
        self,
        annotations: object = None,  # noqa: ARG002 - celpy's signature; types are not used here
        vars: Mapping[str, Any] | None = None,
    ) -> _FastActivation:
        return _FastActivation({**self._values, **(vars or {})})


class CompiledExpression:
    """One expression, transpiled once; evaluated alone when checking a pack or isolating an error."""

    def __init__(self, text: str, tree: lark.Tree[Any] | None = None) -> None:
        self.text = text
        self.tree = tree if tree is not None else compile_expression(text)
        self.refs = analyse(self.tree)
        # Filled by the pack loader: the facts and rule results this expression reads (memo key).
        self.fact_refs: tuple[str, ...] = tuple(sorted(self.refs.variables - {"p", "fired"}))
        self.rule_refs: tuple[str, ...] = ()
        self.memo: dict[tuple[Any, ...], bool] = {}
        self._program = _env().program(self.tree)
        source = getattr(getattr(self._program, "tp", None), "source_text", None)
        self._code = None
        constants: dict[str, Any] = {}
        if isinstance(source, str):
            fast_source, constants = _speed_up(source)
            self._code = compile(fast_source, "<cel>", "exec")
        # A private copy of the namespace the transpiled code expects (celpy.evaluation's globals).
        self._globals: dict[str, Any] = {
            **celpy.evaluation.result.__globals__,
            **_FAST_COMPARISONS,
            **constants,
        }

    def evaluate(self, activation: Activation) -> celtypes.Value:
        with _EVAL_LOCK:
            try:
                if self._code is None:
                    return self._program.evaluate(activation)
                self._globals["base_activation"] = _FastActivation(activation)
                exec(self._code, self._globals)
                value: celtypes.Value = self._globals["CEL"]
            except celpy.evaluation.CELEvalError as exc:
                raise CelError(_unwrap(exc)) from exc
            except Exception as exc:  # celpy raises plain Python errors on some malformed input
                raise CelError(f"{type(exc).__name__}: {exc}") from exc
        if isinstance(value, celpy.evaluation.CELEvalError):
            raise CelError(_unwrap(value))
        return value

    def remember(self, key: tuple[Any, ...], value: bool) -> None:
        if len(self.memo) >= _MEMO_LIMIT:
            self.memo.clear()  # bounded memory; a village re-fills it in a few households
        self.memo[key] = value

    def evaluate_reference(self, activation: Activation) -> celtypes.Value:
        """celpy's own evaluation path, to cross-check the fast one when a pack loads."""
        with _EVAL_LOCK:
            try:
                return self._program.evaluate(activation)
            except celpy.evaluation.CELEvalError as exc:
                raise CelError(_unwrap(exc)) from exc

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

    def evaluate_some(
        self, activation: Activation, keys: list[str]
    ) -> tuple[dict[str, bool], dict[str, str]]:
        """Only `keys`: alone when few are needed, else the whole layer in one call."""
        if len(keys) * 3 >= len(self.parts):
            return self.evaluate(activation)
        return self._one_by_one(activation, keys)

    def _one_by_one(
        self, activation: Activation, keys: list[str] | None = None
    ) -> tuple[dict[str, bool], dict[str, str]]:
        results: dict[str, bool] = {}
        errors: dict[str, str] = {}
        for key in keys if keys is not None else list(self.parts):
            expr = self.parts[key]
            try:
                results[key] = expr.evaluate_bool(activation)
            except CelError as exc:
                results[key] = False
                errors[key] = str(exc)
        return results, errors
