"""Rule expressions in words: `rd_increment * rd_increment_rate` reads 研发投入增量 × 5%.

Explanations show what a rule computed and which figure was missing; people read the names of the
figures (the labels of yearly data, event fields and the rule's own derived values) and the values of
the policy's parameters (with their unit), never the identifiers the rule is written in. Labels are
Chinese source text, translated where shown like every explanation sentence.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .events import gettext_noop
from .expressions import _PARSING

# Yearly figures, entity fields and the event fields amounts are computed from.
NAME_LABELS = {
    "revenue": gettext_noop("营业收入"),
    "rd_expense": gettext_noop("研发费用"),
    "employees": gettext_noop("从业人员"),
    "rd_staff": gettext_noop("研发人员"),
    "high_tech_revenue": gettext_noop("高新技术产品收入"),
    "invention_patents": gettext_noop("有效发明专利"),
    "instrument_service_yuan": gettext_noop("对外服务金额"),
    "amount_yuan": gettext_noop("金额"),
    "cost_yuan": gettext_noop("服务费用"),
    "provincial_subsidy_yuan": gettext_noop("省级补助"),
    "area_m2": gettext_noop("面积（平方米）"),
    "days": gettext_noop("天数"),
    "rate": gettext_noop("利率"),
    "lpr": gettext_noop("一年期贷款市场报价利率"),
    "kind": gettext_noop("机构类型"),
    "region": gettext_noop("所在地区"),
    "above_designated_size": gettext_noop("规模以上"),
    "grade": gettext_noop("评价等次"),
    "score": gettext_noop("评价得分"),
    "rank": gettext_noop("评价排名"),
    "cohort": gettext_noop("参评平台数"),
    "level": gettext_noop("级别"),
    "place": gettext_noop("名次"),
    "counterparty_kind": gettext_noop("合同相对方类型"),
    "counterparty_region": gettext_noop("合同相对方所在地区"),
    "first_time": gettext_noop("首次贷款"),
    "repaid_on_time": gettext_noop("按期还款"),
}
PHRASES = {
    "previous": gettext_noop("上年{label}"),
    "years_ago": gettext_noop("{years}年前{label}"),
    "growth": gettext_noop("{first}至{last}的年均增长率"),
    "min": gettext_noop("{items}中较小者"),
    "max": gettext_noop("{items}中较大者"),
    "holds": gettext_noop("持有{qualification}"),
    "places": gettext_noop("{cohort}的前{share}，名次数向上取整"),
    "if": gettext_noop("{test}时为{body}，否则为{orelse}"),
    "and": gettext_noop("且"),
    "or": gettext_noop("或"),
    "not": gettext_noop("非"),
}
OPERATORS = {ast.Mult: "×", ast.Div: "÷", ast.Add: "+", ast.Sub: "−"}
COMPARISONS = {ast.Eq: "为", ast.NotEq: "不为", ast.Lt: "<", ast.LtE: "≤", ast.Gt: ">", ast.GtE: "≥"}


class Wording:
    """Turns the expressions of one rule into words, given the labels of the names it reads.

    `labels` holds every name's label (yearly figures, fields, the rule's derived values), `values` the
    labels of vocabulary codes (high_tech_enterprise → 高新技术企业), `parameters` the rule's parameters with
    a function that shows each one's value in force."""

    def __init__(
        self,
        labels: dict[str, str],
        values: dict[Any, str],
        phrases: dict[str, str],
        parameter: Callable[[str], str | None],
    ) -> None:
        self.labels, self.values, self.phrases, self.parameter = labels, values, phrases, parameter

    def __call__(self, source: str) -> str:
        tree = _parsed(source)
        return source if tree is None else self.node(tree.body)

    def label(self, name: str) -> str:
        shown = self.parameter(name)
        if shown is not None:
            return shown
        if name.startswith("prev_") and name[5:] in self.labels:
            return self.phrases["previous"].format(label=self.labels[name[5:]])
        return self.labels.get(name, name)

    def node(self, node: ast.AST) -> str:  # noqa: PLR0911 - one branch per kind of node
        if isinstance(node, ast.Name):
            return self.label(node.id)
        if isinstance(node, ast.Constant):
            return self.constant(node.value)
        if isinstance(node, ast.BinOp):
            symbol = OPERATORS.get(type(node.op), "?")
            if isinstance(node.op, ast.Mult):  # a fraction multiplied in is a rate: 0.05 reads 5%
                return f"{self.factor(node.left)} {symbol} {self.factor(node.right)}"
            return f"{self.operand(node.left)} {symbol} {self.operand(node.right)}"
        if isinstance(node, ast.UnaryOp):
            inner = self.node(node.operand)
            return f"{self.phrases['not']}{inner}" if isinstance(node.op, ast.Not) else f"−{inner}"
        if isinstance(node, ast.BoolOp):
            joiner = self.phrases["and" if isinstance(node.op, ast.And) else "or"]
            return joiner.join(self.node(value) for value in node.values)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            symbol = COMPARISONS.get(type(node.ops[0]), "?")
            return f"{self.node(node.left)}{symbol}{self.node(node.comparators[0])}"
        if isinstance(node, ast.IfExp):
            return self.phrases["if"].format(
                test=self.node(node.test), body=self.node(node.body), orelse=self.node(node.orelse)
            )
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.call(node.func.id, node.args)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return "、".join(self.node(element) for element in node.elts)
        return ast.unparse(node)

    def operand(self, node: ast.AST) -> str:
        text = self.node(node)
        return f"（{text}）" if isinstance(node, (ast.BinOp, ast.IfExp)) and " " in text else text

    def factor(self, node: ast.AST) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, float) and 0 < node.value < 1:
            return f"{(Decimal(repr(node.value)) * 100).normalize():f}%"
        return self.operand(node)

    def percent(self, node: ast.AST) -> str:
        """A share written as a fraction reads as a percentage (0.3 → 30%), whatever its size."""
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return f"{(Decimal(repr(node.value)) * 100).normalize():f}%"
        return self.node(node)

    def constant(self, value: Any) -> str:
        if isinstance(value, str):
            return self.values.get(value, value)
        if isinstance(value, float):
            return f"{Decimal(repr(value)).normalize():f}"
        return str(value)

    def call(self, name: str, args: list[ast.expr]) -> str:
        constants = [arg.value if isinstance(arg, ast.Constant) else None for arg in args]
        if name == "annual" and len(args) == 2 and isinstance(constants[0], str):
            label = self.labels.get(constants[0], constants[0])
            offset = constants[1]
            if offset in (0, None):
                return label
            if offset == -1:
                return self.phrases["previous"].format(label=label)
            return self.phrases["years_ago"].format(years=-int(offset), label=label)
        if name == "growth" and len(args) >= 2:
            return self.phrases["growth"].format(first=self.node(args[0]), last=self.node(args[1]))
        if name in ("min", "max"):
            return self.phrases[name].format(items="与".join(self.node(arg) for arg in args))
        if name == "places" and len(args) == 2:
            return self.phrases["places"].format(share=self.percent(args[0]), cohort=self.node(args[1]))
        if name == "holds" and constants and isinstance(constants[0], str):
            return self.phrases["holds"].format(qualification=self.values.get(constants[0], constants[0]))
        if name == "parameter" and constants and isinstance(constants[0], str):
            return self.label(constants[0])
        return f"{name}（{'、'.join(self.node(arg) for arg in args)}）"


@lru_cache(maxsize=1024)  # a rulebook has a few hundred expressions
def _parsed(source: str) -> ast.Expression | None:
    try:
        with _PARSING:  # one parse at a time (see expressions._parse)
            return ast.parse(source.strip(), mode="eval")
    except SyntaxError:
        return None


def derived_labels(values: dict[str, str], conditions: list[tuple[str, str]]) -> dict[str, str]:
    """Labels of a rule's derived values: the label of the condition that tests one (研发投入增量 for
    `rd_increment > 1000000`); a value no condition tests is described by its formula."""
    labels: dict[str, str] = {}
    for label, test in conditions:
        tree = _parsed(test)
        node = tree.body if tree is not None else None
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id in values:
            labels.setdefault(node.left.id, label)
    return labels


def parameter_title(label: str, unit: str) -> str:
    """A parameter under its label with its unit, the unit left out where the label already says it
    (奖励比例, not 奖励比例（比例）)."""
    said = label.endswith(unit) or (unit in ("比例", "年利率") and label.endswith(("比例", "率")))
    return label if said else f"{label}（{unit}）"
