"""Explanations: each condition with the value that met or missed it, the clause quoted, the
calculation with its caps, and for rules missed only on a numeric threshold, how near the entity is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from registry.vocabulary import ContractType, EvaluationGrade, Level, PlatformType, QualificationType

from .expressions import CONTEXT_KEY
from .money import format_yuan, json_number
from .rules import Condition, Rule
from .snapshot import Event, Snapshot

if TYPE_CHECKING:
    from .engine import Item

KIND_LABELS = {"fixed": "定额", "cap": "上限,最高可得", "formula": "按公式计算"}
FIELD_LABELS = {
    "platform_type": "平台类型", "level": "级别", "role": "角色", "grade": "评价等次",
    "contract_type": "合同类型",
    "qualification": "资质", "product": "贷款产品", "award": "奖项", "competition": "赛事", "place": "名次",
    "item": "费用项目", "construction": "建设方式", "program": "人才计划",
}
VALUE_LABELS: dict[Any, str] = {
    **{choice.value: choice.label for vocabulary in (Level, PlatformType, EvaluationGrade, ContractType,
                                                     QualificationType) for choice in vocabulary},
    "lead": "牵头", "participant": "参与", "buyer": "购买方", "seller": "出让方", "new": "新建",
    "renovation": "改扩建", "first_unit": "第一完成单位",
    "out_of_city_rd_institution": "市外研发机构(人才飞地)",
    "university_hosted_rd_institution": "设在驻威高校院所的企业研发机构",
    "foreign_expert_station_branch": "外国专家驿站分站(海外联络站)", "special": "特等奖", "first": "一等奖",
    "second": "二等奖", "youth": "青年奖",
}
EVENT_LABELS = {
    "annual": "年度数据", "platform_approved": "平台获批", "platform_evaluated": "平台绩效评价",
    "qualification_granted": "资质认定", "contract_registered": "技术合同登记", "voucher_used": "使用创新券",
    "incubator_space_built": "孵化用房建设", "loan_issued": "贷款发放", "award_received": "获奖",
    "talent_introduced": "人才引进", "competition_placed": "赛事获奖", "expense_paid": "费用支出",
}


def explain_item(item: Item, snapshot: Snapshot) -> dict[str, Any]:
    rule, spec = item.rule, item.rule.spec
    env = _environment(rule, item.env)
    conditions = _fact_conditions(rule, item.event, snapshot, env["year"])
    conditions += [_condition(c, env) for c in rule.conditions]
    computed = rule.amount.call(env)
    calculation = [f"{spec.amount} = {_format(computed, 'yuan')}"]
    if spec.cap is not None and computed is not None and Decimal(computed) > spec.cap:
        calculation.append(f"单项上限 {format_yuan(spec.cap)}")
    if item.year_cap_note:
        calculation.append(item.year_cap_note)
    summary = f"{spec.title}:{format_yuan(item.amount)}({KIND_LABELS[spec.kind]})"
    if item.excluded_by:
        summary += f";与 {item.excluded_by} 不重复享受(就高不就低),本项不计入合计"
    return {
        "summary": summary,
        "trigger": _trigger(item.event, item.env.get("year")),
        "conditions": conditions,
        "calculation": calculation,
        **rule.explanation_text,
    }


def explain_near_miss(
    rule: Rule, event: Event | None, env: dict[str, Any], snapshot: Snapshot
) -> dict[str, Any] | None:
    """A rule the entity missed only on numeric thresholds (or missing figures), with the gap; else None."""
    env = _environment(rule, env)
    results = [_condition(c, env) for c in rule.conditions]
    gaps = []
    for condition, result in zip(rule.conditions, results, strict=True):
        if result["met"]:
            continue
        comparison = condition.comparison
        if comparison is None or not comparison.lower_bound:
            return None
        value, needed = comparison.left.call(env), comparison.right.call(env)
        gap: dict[str, Any] = {
            "label": condition.label, "value": _jsonable(value), "needed": _jsonable(needed),
        }
        if isinstance(value, (int, Decimal)) and isinstance(needed, (int, Decimal)) and needed > 0:
            gap["progress"] = round(float(max(Decimal(value), Decimal(0)) / Decimal(needed)), 4)
        gap["text"] = result["text"]
        gaps.append(gap)
    if not gaps:
        gaps.append({"label": "金额", "text": f"缺少计算金额所需的数据({rule.spec.amount})"})
    spec = rule.spec
    return {
        "rule": spec.id, "policy": rule.policy.code, "clause": spec.clause, "title": spec.title,
        "kind": spec.kind,
        "clause_text": spec.text, "trigger": _trigger(event, env.get("year")),
        "conditions": [*_fact_conditions(rule, event, snapshot, env["year"]), *results], "missing": gaps,
    }


def _environment(rule: Rule, env: dict[str, Any]) -> dict[str, Any]:
    env[CONTEXT_KEY].policy = rule.policy
    if not rule.values:
        return env
    env = dict(env)
    for name, expression in rule.values:
        env[name] = expression.call(env)
    return env


def _trigger(event: Event | None, year: Any) -> dict[str, Any]:
    if event is None:
        return {"type": "annual", "label": EVENT_LABELS["annual"], "year": year}
    return {"type": event.type, "label": EVENT_LABELS.get(event.type, event.type),
            "date": event.date.isoformat(), "event": event.index}


def _fact_conditions(rule: Rule, event: Event | None, snapshot: Snapshot, year: int) -> list[dict[str, Any]]:
    region_text = rule.region_text
    day = event.date if event else dt.date(year, 12, 31)
    facts = [
        {"label": "适用地区", "met": True, "value": snapshot.region, "needed": region_text,
         "text": f"所在地区 {snapshot.region},适用于 {region_text}"},
        {"label": "政策有效期", "met": True, "value": str(day), "needed": rule.window_text,
         "text": f"按 {day} 有效的规则计算(有效期 {rule.window_text})"},
    ]
    if event is not None:
        for name, allowed in rule.match.items():
            value = event.fields.get(name)
            label = FIELD_LABELS.get(name, name)
            facts.append({
                "label": label, "met": value in allowed, "value": value, "needed": rule.match_lists[name],
                "text": f"{label}:{VALUE_LABELS.get(value, value)}",
            })
    return facts


def _condition(condition: Condition, env: dict[str, Any]) -> dict[str, Any]:
    comparison = condition.comparison
    if comparison is None:
        met = bool(condition.expression.call(env))
        return {"label": condition.label, "met": met, "text": f"{condition.label}:{'是' if met else '否'}"}
    value, needed = comparison.left.call(env), comparison.right.call(env)
    met = comparison.holds(value, needed)
    entry: dict[str, Any] = {"label": condition.label, "met": met, "value": _jsonable(value),
                             "needed": _jsonable(needed)}
    if not comparison.ordering:
        shown = "未填写" if value is None else VALUE_LABELS.get(value, value)
        entry["text"] = f"{condition.label}:{'是' if met else '否'}({comparison.left.source} = {shown})"
    elif value is None:
        entry["text"] = f"{condition.label}:缺少数据({comparison.left.source})"
    else:
        shown = _format(value, condition.format)
        threshold = _format(needed, condition.format)
        entry["text"] = f"{condition.label}:{shown}(需 {comparison.symbol} {threshold})"
    return entry


def _format(value: Any, style: str) -> str:
    if value is None:
        return "缺少数据"
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return str(value)
    if style == "percent":
        return f"{Decimal(value) * 100:.2f}%"
    if style == "yuan":
        return format_yuan(value)
    return f"{Decimal(value).normalize():f}" if isinstance(value, Decimal) else str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    return value
