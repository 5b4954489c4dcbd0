"""A small, safe expression language for rule conditions and amounts, compiled once into closures.

Expressions are Python-looking (`rd_growth >= 0.10 and holds('tech_sme')`) so that staff can read
them, but they are parsed with `ast` and only a whitelist of nodes is accepted: names, numbers,
strings, arithmetic, comparisons, boolean logic, `x if c else y`, tuples for `in`, and calls to the
functions in `FUNCTIONS`. There is no `eval`: every node becomes a Python closure taking the
evaluation environment (a dict), so a rule is parsed once and then called per entity at the cost of a
few function calls.

Numbers are exact: literals become `Decimal` (or `int`), `/` always divides in `Decimal`, and a
missing value (`None`) propagates through arithmetic and makes every comparison false, which the
explanations report as "缺少数据".
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import operator
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from registry.adcodes import region_contains

Env = dict[str, Any]
Compiled = Callable[[Env], Any]


class ExpressionError(ValueError):
    """An expression a rule author wrote cannot be accepted; the message is in Chinese."""


def _number(value: Any) -> Any:
    return value if value is None or isinstance(value, (int, Decimal)) else Decimal(str(value))


def _div(left: Any, right: Any) -> Any:
    if left is None or right is None or right == 0:
        return None
    return Decimal(left) / Decimal(right)


def _growth(first: Any, last: Any, periods: Any) -> Decimal | None:
    """Compound yearly growth from `first` to `last` over `periods` years: (last/first)^(1/periods) − 1."""
    if first is None or last is None or periods is None or first <= 0 or last < 0:
        return None
    ratio = Decimal(last) / Decimal(first)
    # sqrt is exact where the data are (1.21 → 1.1) and far cheaper than a fractional power.
    root = ratio.sqrt() if periods == 2 else ratio ** (Decimal(1) / Decimal(periods))
    return root - 1


def _min(*values: Any) -> Any:
    return None if any(v is None for v in values) else min(values)


def _max(*values: Any) -> Any:
    return None if any(v is None for v in values) else max(values)


def _inside(code: Any, outer: Any) -> bool:
    return isinstance(code, str) and isinstance(outer, str) and region_contains(outer, code)


def _previous_month_end(day: Any) -> dt.date | None:
    if day is None:
        return None
    return day.replace(day=1) - dt.timedelta(days=1)


def places_within(share: Any, cohort: Any) -> int | None:
    """How many places the best `share` of a cohort of `cohort` holds: 30 % of 7 → 3, for a share rounds
    up (the first place always counts when the share is above 0). A rule reads 择优 as a place in the
    ranking with it (`rank <= places(share, cohort)`), and evaluation's grade rules use it too."""
    if share is None or cohort is None:
        return None
    return math.ceil(Decimal(share) * Decimal(cohort))


# Functions that need the entity (qualifications, other years, dated parameters) are looked up in the
# environment under a reserved key, so that compiled rules stay independent of any one entity.
PURE_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "min": _min,
    "max": _max,
    "growth": _growth,
    "previous_month_end": _previous_month_end,
    "inside": _inside,
    "places": places_within,
}
CONTEXT_FUNCTIONS = {"holds", "annual", "parameter"}
FUNCTIONS = set(PURE_FUNCTIONS) | CONTEXT_FUNCTIONS
CONTEXT_KEY = "__context__"
_PARSING = threading.Lock()

_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}
_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
COMPARE_SYMBOLS = {ast.Eq: "=", ast.NotEq: "≠", ast.Lt: "<", ast.LtE: "≤", ast.Gt: ">", ast.GtE: "≥"}


def compare_values(compare: Callable[[Any, Any], bool], ordering: bool, a: Any, b: Any) -> bool:
    """A missing value equals nothing but None; it is neither above nor below a threshold."""
    if ordering and (a is None or b is None):
        return False
    try:
        return compare(a, b)
    except TypeError:
        return False


@dataclass(frozen=True)
class Expression:
    """A compiled expression with its source, the names it reads and the year offsets of its
    `annual(key, offset)` calls (so a snapshot can hold every year a rule reads)."""

    source: str
    call: Compiled
    names: frozenset[str]
    annual_offsets: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Comparison:
    """A condition of the form `left OP right`, kept apart so an explanation can show both sides."""

    left: Expression
    right: Expression
    symbol: str
    ordering: bool  # <, ≤, >, ≥ (as opposed to = and ≠)
    lower_bound: bool  # ≥ or >: the value must reach the right-hand side ("nearly qualifies")
    compare: Callable[[Any, Any], bool]

    def holds(self, value: Any, needed: Any) -> bool:
        """The comparison on values already computed, exactly as the compiled condition decides it."""
        return compare_values(self.compare, self.ordering, value, needed)


def compile_expression(source: str, allowed_names: Iterable[str] | None = None) -> Expression:
    """Parse `source` once and return a closure; reject anything outside the whitelist."""
    tree = _parse(source)
    compiler = _Compiler(source)
    call = compiler.visit(tree.body)
    _check_names(source, compiler.names, allowed_names)
    return Expression(source, call, frozenset(compiler.names), frozenset(compiler.annual_offsets))


def split_comparison(source: str, allowed_names: Iterable[str] | None = None) -> Comparison | None:
    """If `source` is a single comparison, compile its two sides separately; otherwise None."""
    tree = _parse(source)
    node = tree.body
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE):
        return None
    sides = []
    for side in (node.left, node.comparators[0]):
        compiler = _Compiler(source)
        text = ast.get_source_segment(source, side) or ast.unparse(side)
        call = compiler.visit(side)
        sides.append(Expression(text, call, frozenset(compiler.names), frozenset(compiler.annual_offsets)))
        _check_names(source, compiler.names, allowed_names)
    op = type(node.ops[0])
    ordering = op not in (ast.Eq, ast.NotEq)
    lower_bound = op in (ast.Gt, ast.GtE)
    return Comparison(sides[0], sides[1], COMPARE_SYMBOLS[op], ordering, lower_bound, _COMPARE[op])


def _parse(source: str) -> ast.Expression:
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError("表达式不能为空")
    try:
        # One parse at a time: CPython 3.11's AST constructor keeps its recursion depth per interpreter,
        # not per thread, and threads compiling rules at once (50 voucher claims each building the live
        # rulebook) fail with "AST constructor recursion depth mismatch".
        with _PARSING:
            return ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"表达式语法错误:{source}({exc.msg})") from None


def _check_names(source: str, names: set[str], allowed: Iterable[str] | None) -> None:
    if allowed is None:
        return
    unknown = sorted(names - set(allowed))
    if unknown:
        raise ExpressionError(f"表达式 {source} 使用了未知的名称:{'、'.join(unknown)}")


class _Compiler:
    def __init__(self, source: str) -> None:
        self.source = source
        self.names: set[str] = set()
        self.annual_offsets: set[int] = set()

    def reject(self, node: ast.AST, what: str) -> ExpressionError:
        return ExpressionError(f"表达式 {self.source} 中不允许使用{what}")

    def visit(self, node: ast.AST) -> Compiled:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise self.reject(node, f"语法 {type(node).__name__}")
        return method(node)

    def visit_Constant(self, node: ast.Constant) -> Compiled:
        value = node.value
        if isinstance(value, bool) or value is None or isinstance(value, str):
            constant = value
        elif isinstance(value, int):
            constant = value
        elif isinstance(value, float):
            # The literal as written (0.10), not the binary float it was parsed into.
            text = ast.get_source_segment(self.source.strip(), node) or repr(value)
            try:
                constant = Decimal(text.replace("_", ""))
            except InvalidOperation:
                constant = Decimal(repr(value))
        else:
            raise self.reject(node, f"常量 {value!r}")
        return lambda env: constant

    def visit_Name(self, node: ast.Name) -> Compiled:
        name = node.id
        if name.startswith("_"):
            raise self.reject(node, f"名称 {name}")
        self.names.add(name)
        return lambda env: env.get(name)

    def visit_Tuple(self, node: ast.Tuple) -> Compiled:
        if not all(isinstance(element, ast.Constant) for element in node.elts):
            raise self.reject(node, "含变量的列表")
        values = frozenset(self.visit(element)({}) for element in node.elts)
        return lambda env: values

    visit_List = visit_Tuple
    visit_Set = visit_Tuple

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Compiled:
        operand = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda env: not operand(env)
        if isinstance(node.op, ast.USub):
            return lambda env: None if (value := operand(env)) is None else -value
        raise self.reject(node, "该一元运算")

    def visit_BinOp(self, node: ast.BinOp) -> Compiled:
        left, right = self.visit(node.left), self.visit(node.right)
        if isinstance(node.op, ast.Div):
            return lambda env: _div(left(env), right(env))
        op = _ARITHMETIC.get(type(node.op))
        if op is None:
            raise self.reject(node, "该运算符")

        def arithmetic(env: Env) -> Any:
            a, b = left(env), right(env)
            return None if a is None or b is None else op(a, b)

        return arithmetic

    def visit_BoolOp(self, node: ast.BoolOp) -> Compiled:
        parts = [self.visit(value) for value in node.values]
        # all()/any() with short-circuit; two operands (the usual case) without the generator.
        if len(parts) == 2:
            first, second = parts
            if isinstance(node.op, ast.And):
                return lambda env: bool(first(env) and second(env))
            return lambda env: bool(first(env) or second(env))
        if isinstance(node.op, ast.And):
            return lambda env: all(part(env) for part in parts)
        return lambda env: any(part(env) for part in parts)

    def visit_IfExp(self, node: ast.IfExp) -> Compiled:
        test, body, orelse = self.visit(node.test), self.visit(node.body), self.visit(node.orelse)
        return lambda env: body(env) if test(env) else orelse(env)

    def visit_Compare(self, node: ast.Compare) -> Compiled:
        operands = [self.visit(node.left), *(self.visit(c) for c in node.comparators)]
        steps = []
        for index, op in enumerate(node.ops):
            left, right = operands[index], operands[index + 1]
            steps.append(self._comparison(node, op, left, right))
        if len(steps) == 1:
            return steps[0]
        return lambda env: all(step(env) for step in steps)

    def _comparison(self, node: ast.AST, op: ast.cmpop, left: Compiled, right: Compiled) -> Compiled:
        if isinstance(op, (ast.In, ast.NotIn)):
            negate = isinstance(op, ast.NotIn)

            def membership(env: Env) -> bool:
                value, pool = left(env), right(env)
                if value is None or pool is None:
                    return False
                return (value in pool) != negate

            return membership
        compare = _COMPARE.get(type(op))
        if compare is None:
            raise self.reject(node, "该比较运算")

        if isinstance(op, (ast.Eq, ast.NotEq)):
            return lambda env: compare_values(compare, False, left(env), right(env))

        # compare_values for <, ≤, >, ≥, inlined: conditions are mostly thresholds.
        def ordered(env: Env) -> bool:
            a, b = left(env), right(env)
            if a is None or b is None:
                return False
            try:
                return compare(a, b)
            except TypeError:
                return False

        return ordered

    def _year_offset(self, node: ast.Call) -> int:
        """annual(key, offset): the offset must be a whole number written out, so the years a rule
        reads are known before any entity is evaluated."""
        if len(node.args) < 2:
            return 0
        try:
            offset = ast.literal_eval(node.args[1])
        except ValueError:
            offset = None
        if type(offset) is not int:
            raise self.reject(node, "非整数常量的年份偏移(annual 的第二个参数应写成 -1、-3 这样的整数)")
        return offset

    def visit_Call(self, node: ast.Call) -> Compiled:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            name = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
            raise self.reject(node, f"函数 {name}(可用:{'、'.join(sorted(FUNCTIONS))})")
        if node.keywords:
            raise self.reject(node, "关键字参数")
        args = [self.visit(arg) for arg in node.args]
        name = node.func.id
        if name == "annual":
            self.annual_offsets.add(self._year_offset(node))
        if name in PURE_FUNCTIONS:
            function = PURE_FUNCTIONS[name]
            if len(args) == 1:
                (only,) = args
                return lambda env: function(only(env))
            if len(args) == 2:
                first, second = args
                return lambda env: function(first(env), second(env))
            return lambda env: function(*[arg(env) for arg in args])
        if len(args) == 1:
            (only,) = args
            return lambda env: getattr(env[CONTEXT_KEY], name)(only(env))
        return lambda env: getattr(env[CONTEXT_KEY], name)(*[arg(env) for arg in args])


def number(value: Any) -> Any:
    """Normalise a JSON number (int, Decimal, float, numeric string) to int or Decimal."""
    if isinstance(value, str):
        return Decimal(value)
    return _number(value)
