"""Explanations: each condition with the value that met or missed it, the clause quoted, the
calculation with its caps, and for rules missed only on a numeric threshold, how near the entity is.

Sentences are written in Chinese and marked for translation; they come out in the active Django
language (a web request's), Chinese by default. Each language's phrases are looked up once and kept
in a `Phrases` table, so the batch path pays one dictionary lookup per explanation, not a gettext
call per sentence. Rule text (titles, clauses, condition labels) is data and stays as written.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import translation
from django.utils.translation import gettext_noop as N_

from registry.vocabulary import ContractType, EvaluationGrade, Level, PlatformType, QualificationType

from .expressions import CONTEXT_KEY
from .money import format_yuan, format_yuan_english, json_number
from .rules import Condition, Rule
from .snapshot import Event, Snapshot

if TYPE_CHECKING:
    from collections.abc import Callable

    from .engine import Item

KIND_LABELS = {"fixed": N_("定额"), "cap": N_("上限,最高可得"), "formula": N_("按公式计算")}
FIELD_LABELS = {
    "platform_type": N_("平台类型"), "level": N_("级别"), "role": N_("角色"), "grade": N_("评价等次"),
    "contract_type": N_("合同类型"), "qualification": N_("资质"), "product": N_("贷款产品"),
    "award": N_("奖项"), "competition": N_("赛事"), "place": N_("名次"), "item": N_("费用项目"),
    "construction": N_("建设方式"), "program": N_("人才计划"),
}
VOCABULARIES = (Level, PlatformType, EvaluationGrade, ContractType, QualificationType)
VALUE_LABELS: dict[Any, str] = {
    "lead": N_("牵头"), "participant": N_("参与"), "buyer": N_("购买方"), "seller": N_("出让方"),
    "new": N_("新建"), "renovation": N_("改扩建"), "first_unit": N_("第一完成单位"),
    "out_of_city_rd_institution": N_("市外研发机构(人才飞地)"),
    "university_hosted_rd_institution": N_("设在驻威高校院所的企业研发机构"),
    "foreign_expert_station_branch": N_("外国专家驿站分站(海外联络站)"), "special": N_("特等奖"),
    "first": N_("一等奖"), "second": N_("二等奖"), "youth": N_("青年奖"),
}
EVENT_LABELS = {
    "annual": N_("年度数据"), "platform_approved": N_("平台获批"), "platform_evaluated": N_("平台绩效评价"),
    "qualification_granted": N_("资质认定"), "contract_registered": N_("技术合同登记"),
    "voucher_used": N_("使用创新券"), "incubator_space_built": N_("孵化用房建设"), "loan_issued": N_("贷款发放"),
    "award_received": N_("获奖"), "talent_introduced": N_("人才引进"), "competition_placed": N_("赛事获奖"),
    "expense_paid": N_("费用支出"),
}
SENTENCES = {
    "summary": N_("{title}:{amount}({kind})"),
    "not_stacked": N_(";与 {winner} 不重复享受(就高不就低),本项不计入合计"),
    "item_cap": N_("单项上限 {cap}"),
    "year_cap": N_("本年度该项累计上限 {cap},此前已计 {spent},本项计 {amount}"),
    "region": N_("适用地区"),
    "region_text": N_("所在地区 {region},适用于 {regions}"),
    "regions_except": N_("{regions}(不含 {excluded})"),
    "window": N_("政策有效期"),
    "window_text": N_("按 {day} 有效的规则计算(有效期 {window})"),
    "window_span": N_("{start} 至 {end}"),
    "open_end": N_("未规定"),
    "field_text": N_("{label}:{value}"),
    "yes": N_("是"),
    "no": N_("否"),
    "answer_text": N_("{label}:{answer}"),
    "equality_text": N_("{label}:{answer}({source} = {value})"),
    "not_filled": N_("未填写"),
    "missing_text": N_("{label}:缺少数据({source})"),
    "threshold_text": N_("{label}:{value}(需 {symbol} {threshold})"),
    "missing": N_("缺少数据"),
    "amount": N_("金额"),
    "amount_missing": N_("缺少计算金额所需的数据({amount})"),
}


class Phrases:
    """The explanation sentences and labels in one language, looked up once."""

    def __init__(self, language: str | None) -> None:
        self.language = language
        source = language is None or language.startswith("zh")
        translate: Callable[[str], str] = (lambda text: text) if source else translation.gettext
        with translation.override(language):
            self.sentences = {key: translate(text) for key, text in SENTENCES.items()}
            self.kinds = {key: translate(text) for key, text in KIND_LABELS.items()}
            self.fields = {key: translate(text) for key, text in FIELD_LABELS.items()}
            self.events = {key: translate(text) for key, text in EVENT_LABELS.items()}
            # The vocabulary's labels are lazy translations: resolve them once, in this language.
            self.values = {choice.value: str(choice.label) for vocabulary in VOCABULARIES for choice in vocabulary}
            self.values.update((key, translate(text)) for key, text in VALUE_LABELS.items())
        self.yuan: Callable[[Decimal | int], str] = format_yuan if source else format_yuan_english
        self.yes, self.no, self.missing = self.sentences["yes"], self.sentences["no"], self.sentences["missing"]

    def rule_words(self, rule: Rule) -> RuleWords:
        words = rule.phrase_cache.get(self.language)
        if words is None:
            words = rule.phrase_cache[self.language] = RuleWords(rule, self)
        return words


class RuleWords:
    """What every explanation of one rule says in one language about where and when it applies; the
    fact entries are kept per region and per day, since a city has few of each (callers copy them)."""

    def __init__(self, rule: Rule, words: Phrases) -> None:
        sentences = words.sentences
        regions = "、".join(rule.spec.regions or [rule.policy.region])
        if rule.spec.except_regions:
            excluded = "、".join(rule.spec.except_regions)
            regions = sentences["regions_except"].format(regions=regions, excluded=excluded)
        end = rule.effective_until.isoformat() if rule.effective_until else sentences["open_end"]
        self.regions = regions
        self.window = sentences["window_span"].format(start=rule.effective_from.isoformat(), end=end)
        self.kind = words.kinds[rule.spec.kind]
        self.sentences = sentences
        self.region_facts: dict[str, dict[str, Any]] = {}
        self.window_facts: dict[dt.date, dict[str, Any]] = {}

    def region_fact(self, region: str) -> dict[str, Any]:
        fact = self.region_facts.get(region)
        if fact is None:
            fact = self.region_facts[region] = {
                "label": self.sentences["region"], "met": True, "value": region, "needed": self.regions,
                "text": self.sentences["region_text"].format(region=region, regions=self.regions),
            }
        return fact

    def window_fact(self, day: dt.date) -> dict[str, Any]:
        fact = self.window_facts.get(day)
        if fact is None:
            fact = self.window_facts[day] = {
                "label": self.sentences["window"], "met": True, "value": str(day), "needed": self.window,
                "text": self.sentences["window_text"].format(day=day, window=self.window),
            }
        return fact


_phrases: dict[str | None, Phrases] = {}


def phrases() -> Phrases:
    """The phrases of the active language (a web request's, else settings.LANGUAGE_CODE)."""
    language = translation.get_language()
    table = _phrases.get(language)
    if table is None:
        table = _phrases[language] = Phrases(language)
    return table


def explain_item(item: Item, snapshot: Snapshot, words: Phrases | None = None) -> dict[str, Any]:
    words = words or phrases()
    sentences, yuan = words.sentences, words.yuan
    rule, spec = item.rule, item.rule.spec
    env = _environment(rule, item.env)
    conditions = _fact_conditions(rule, item.event, snapshot, env["year"], words)
    conditions += [_condition(c, env, words) for c in rule.conditions]
    computed = item.computed
    calculation = [f"{spec.amount} = {_format(computed, 'yuan', words)}"]
    if spec.cap is not None and computed is not None and Decimal(computed) > spec.cap:
        calculation.append(sentences["item_cap"].format(cap=yuan(spec.cap)))
    if item.year_cap is not None:
        cap, spent = item.year_cap
        calculation.append(sentences["year_cap"].format(cap=yuan(cap), spent=yuan(spent), amount=yuan(item.amount)))
    summary = sentences["summary"].format(title=spec.title, amount=yuan(item.amount), kind=words.kinds[spec.kind])
    if item.excluded_by:
        summary += sentences["not_stacked"].format(winner=item.excluded_by)
    return {
        "summary": summary,
        "trigger": _trigger(item.event, item.env.get("year"), words),
        "conditions": conditions,
        "calculation": calculation,
        **rule.explanation_text,
    }


def explain_near_miss(
    rule: Rule, event: Event | None, env: dict[str, Any], snapshot: Snapshot, words: Phrases | None = None
) -> dict[str, Any] | None:
    """A rule the entity missed only on numeric thresholds (or missing figures), with the gap; else None."""
    words = words or phrases()
    env = _environment(rule, env)
    results = [_condition(c, env, words) for c in rule.conditions]
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
        gaps.append({"label": words.sentences["amount"],
                     "text": words.sentences["amount_missing"].format(amount=rule.spec.amount)})
    spec = rule.spec
    return {
        "rule": spec.id, "policy": rule.policy.code, "clause": spec.clause, "title": spec.title,
        "kind": spec.kind,
        "clause_text": spec.text, "trigger": _trigger(event, env.get("year"), words),
        "conditions": [*_fact_conditions(rule, event, snapshot, env["year"], words), *results], "missing": gaps,
    }


def _environment(rule: Rule, env: dict[str, Any]) -> dict[str, Any]:
    env[CONTEXT_KEY].policy = rule.policy
    if not rule.values:
        return env
    env = dict(env)
    for name, expression in rule.values:
        env[name] = expression.call(env)
    return env


def _trigger(event: Event | None, year: Any, words: Phrases) -> dict[str, Any]:
    if event is None:
        return {"type": "annual", "label": words.events["annual"], "year": year}
    return {"type": event.type, "label": words.events.get(event.type, event.type),
            "date": event.date.isoformat(), "event": event.index}


def _fact_conditions(
    rule: Rule, event: Event | None, snapshot: Snapshot, year: int, words: Phrases
) -> list[dict[str, Any]]:
    rule_words = words.rule_words(rule)
    day = event.date if event else dt.date(year, 12, 31)
    facts = [dict(rule_words.region_fact(snapshot.region)), dict(rule_words.window_fact(day))]
    if event is not None:
        field_text, fields, values = words.sentences["field_text"], words.fields, words.values
        for name, allowed in rule.match.items():
            value = event.fields.get(name)
            label = fields.get(name, name)
            facts.append({
                "label": label, "met": value in allowed, "value": value, "needed": rule.match_lists[name],
                "text": field_text.format(label=label, value=values.get(value, value)),
            })
    return facts


def _condition(condition: Condition, env: dict[str, Any], words: Phrases) -> dict[str, Any]:
    sentences = words.sentences
    comparison = condition.comparison
    if comparison is None:
        met = bool(condition.expression.call(env))
        answer = words.yes if met else words.no
        return {"label": condition.label, "met": met,
                "text": sentences["answer_text"].format(label=condition.label, answer=answer)}
    value, needed = comparison.left.call(env), comparison.right.call(env)
    met = comparison.holds(value, needed)
    entry: dict[str, Any] = {"label": condition.label, "met": met, "value": _jsonable(value),
                             "needed": _jsonable(needed)}
    if not comparison.ordering:
        shown = sentences["not_filled"] if value is None else words.values.get(value, value)
        entry["text"] = sentences["equality_text"].format(
            label=condition.label, answer=words.yes if met else words.no, source=comparison.left.source,
            value=shown,
        )
    elif value is None:
        entry["text"] = sentences["missing_text"].format(label=condition.label, source=comparison.left.source)
    else:
        entry["text"] = sentences["threshold_text"].format(
            label=condition.label, value=_format(value, condition.format, words), symbol=comparison.symbol,
            threshold=_format(needed, condition.format, words),
        )
    return entry


def _format(value: Any, style: str, words: Phrases) -> str:
    if value is None:
        return words.missing
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return str(value)
    if style == "percent":
        return f"{Decimal(value) * 100:.2f}%"
    if style == "yuan":
        return words.yuan(value)
    return f"{Decimal(value).normalize():f}" if isinstance(value, Decimal) else str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    return value
