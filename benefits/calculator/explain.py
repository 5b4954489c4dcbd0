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

from registry.adcodes import region_name

from .events import EVENTS, gettext_noop
from .expressions import CONTEXT_KEY
from .money import format_yuan, format_yuan_english, json_number
from .rules import Condition, Rule
from .snapshot import Event, Snapshot
from .wording import NAME_LABELS, PHRASES, Wording, derived_labels

if TYPE_CHECKING:
    from collections.abc import Callable

    from .engine import Item


KIND_LABELS = {
    "fixed": gettext_noop("定额"),
    "cap": gettext_noop("上限，最高可得"),
    "formula": gettext_noop("按公式计算"),
}
FIELD_LABELS = {
    "platform_type": gettext_noop("平台类型"),
    "level": gettext_noop("级别"),
    "role": gettext_noop("角色"),
    "grade": gettext_noop("评价等次"),
    "contract_type": gettext_noop("合同类型"),
    "qualification": gettext_noop("资质"),
    "product": gettext_noop("贷款产品"),
    "award": gettext_noop("奖项"),
    "competition": gettext_noop("赛事"),
    "place": gettext_noop("名次"),
    "item": gettext_noop("费用项目"),
    "construction": gettext_noop("建设方式"),
    "program": gettext_noop("人才计划"),
}
VALUE_LABELS: dict[Any, str] = {
    "lead": gettext_noop("牵头"),
    "participant": gettext_noop("参与"),
    "buyer": gettext_noop("购买方"),
    "seller": gettext_noop("出让方"),
    "new": gettext_noop("新建"),
    "renovation": gettext_noop("改扩建"),
    "first_unit": gettext_noop("第一完成单位"),
    "out_of_city_rd_institution": gettext_noop("市外研发机构（人才飞地）"),
    "university_hosted_rd_institution": gettext_noop("设在驻威高校院所的企业研发机构"),
    "foreign_expert_station_branch": gettext_noop("外国专家驿站分站（海外联络站）"),
    "special": gettext_noop("特等奖"),
    "first": gettext_noop("一等奖"),
    "second": gettext_noop("二等奖"),
    "youth": gettext_noop("青年奖"),
}
# "annual" is the trigger of rules on yearly data; the other triggers are the event types.
EVENT_LABELS = {"annual": gettext_noop("年度数据")} | {name: event.label for name, event in EVENTS.items()}
SENTENCES = {
    "summary": gettext_noop("{title}：{amount}（{kind}）"),
    "not_stacked": gettext_noop("；与“{winner}”不重复享受（就高不就低），本项不计入合计"),
    "item_cap": gettext_noop("单项上限 {cap}"),
    "year_cap": gettext_noop("本年度该项累计上限 {cap}，此前已计 {spent}，本项计 {amount}"),
    "region": gettext_noop("适用地区"),
    "region_text": gettext_noop("所在地区 {region}，适用于 {regions}"),
    "regions_except": gettext_noop("{regions}（不含 {excluded}）"),
    "window": gettext_noop("政策有效期"),
    "window_text": gettext_noop("按 {day} 有效的规则计算（有效期 {window}）"),
    "window_span": gettext_noop("{start} 至 {end}"),
    "open_end": gettext_noop("未规定"),
    "field_text": gettext_noop("{label}：{value}"),
    "yes": gettext_noop("是"),
    "no": gettext_noop("否"),
    "answer_text": gettext_noop("{label}：{answer}"),
    "equality_text": gettext_noop("{label}：{answer}（{source}：{value}）"),
    "not_filled": gettext_noop("未填写"),
    "missing_text": gettext_noop("{label}：缺少数据（{source}）"),
    "threshold_text": gettext_noop("{label}：{value}（需 {symbol} {threshold}）"),
    "computed_threshold_text": gettext_noop("{label}：{value}（需 {symbol} {threshold}，即{formula}）"),
    "missing": gettext_noop("缺少数据"),
    "amount": gettext_noop("金额"),
    "amount_missing": gettext_noop("缺少计算金额所需的数据（{amount}）"),
}


def vocabulary_labels() -> dict[str, str]:
    """The registry vocabulary's labels in the active language. Imported here, not at the top: the
    vocabulary needs Django's models, which a batch without explanations never loads."""
    from registry.vocabulary import (
        ContractType,
        EvaluationGrade,
        Level,
        OrganizationKind,
        PlatformType,
        QualificationType,
    )

    vocabularies = (OrganizationKind, Level, PlatformType, EvaluationGrade, ContractType, QualificationType)
    # The labels are lazy translations: resolve them once, in this language.
    return {choice.value: str(choice.label) for vocabulary in vocabularies for choice in vocabulary}


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
            self.values = vocabulary_labels()
            self.values.update((key, translate(text)) for key, text in VALUE_LABELS.items())
            self.names = {key: translate(text) for key, text in NAME_LABELS.items()}
            self.names.update(self.fields)
            self.phrases = {key: translate(text) for key, text in PHRASES.items()}
        self.region_name = region_name
        self.yuan: Callable[[Decimal | int], str] = format_yuan if source else format_yuan_english
        self.yes, self.no = self.sentences["yes"], self.sentences["no"]
        self.missing = self.sentences["missing"]

    def rule_words(self, rule: Rule) -> RuleWords:
        words = rule.phrase_cache.get(self.language)
        if words is None:
            words = rule.phrase_cache[self.language] = RuleWords(rule, self)
        return words


class RuleWords:
    """What explanations of one rule say in one language about where and when it applies and which
    event fields it matched. The entries are kept per region, day and field value (a city has few of
    each) and shared between explanations, which nobody changes once built."""

    def __init__(self, rule: Rule, words: Phrases) -> None:
        sentences = words.sentences
        codes = rule.spec.regions or [rule.policy.region]
        self.regions = "、".join(codes)
        regions = "、".join(map(words.region_name, codes))
        if rule.spec.except_regions:
            excluded = "、".join(map(words.region_name, rule.spec.except_regions))
            regions = sentences["regions_except"].format(regions=regions, excluded=excluded)
        end = rule.effective_until.isoformat() if rule.effective_until else sentences["open_end"]
        self.region_words = regions
        spec = rule.spec
        self.labels = {
            **words.names,
            **derived_labels(spec.values, [(c.label, c.test) for c in spec.conditions]),
        }
        # Derived values a condition does not name read as their formula.
        self.formulas = dict(spec.values)
        self.window = sentences["window_span"].format(start=rule.effective_from.isoformat(), end=end)
        self.sentences = sentences
        self.rule, self.words = rule, words
        self.region_facts: dict[str, dict[str, Any]] = {}
        self.window_facts: dict[dt.date, dict[str, Any]] = {}
        self.match_facts: dict[tuple[str, Any, type], dict[str, Any]] = {}

    def region_fact(self, region: str) -> dict[str, Any]:
        fact = self.region_facts.get(region)
        if fact is None:
            fact = self.region_facts[region] = {
                "label": self.sentences["region"],
                "met": True,
                "value": region,
                "needed": self.regions,
                "text": self.sentences["region_text"].format(
                    region=self.words.region_name(region), regions=self.region_words
                ),
            }
        return fact

    def match_fact(self, name: str, value: Any) -> dict[str, Any]:
        fact = self.match_facts.get((name, value, type(value)))
        if fact is None:
            label = self.words.fields.get(name, name)
            text = self.sentences["field_text"].format(label=label, value=self.words.values.get(value, value))
            fact = self.match_facts[name, value, type(value)] = {
                "label": label,
                "met": value in self.rule.match[name],
                "value": value,
                "needed": self.rule.match_lists[name],
                "text": text,
            }
        return fact

    def wording(self, env: dict[str, Any], *, expand: bool = False) -> Wording:
        """Expressions of this rule in words; parameters show their value in `env`. With `expand`, the
        rule's derived values read as their formulas (what a missing figure is made of)."""
        parameters = self.rule.policy.parameters
        yuan, labels = self.words.yuan, self.labels
        formulas = self.formulas if expand else {}
        wording: Wording

        def parameter(name: str) -> str | None:
            if name in formulas:
                return wording(formulas[name])
            spec = parameters.get(name)
            if spec is None:
                return None
            return _parameter_value(env.get(name), spec.unit, yuan) or spec.label

        labels = {key: value for key, value in labels.items() if key not in formulas}
        wording = Wording(labels, self.words.values, self.words.phrases, parameter)
        return wording

    def amount_words(self, env: dict[str, Any]) -> str:
        """The amount's formula in words; a fixed amount is named by its parameter's label."""
        source = self.rule.spec.amount.strip()
        spec = self.rule.policy.parameters.get(source)
        return spec.label if spec is not None else self.wording(env)(source)

    def window_fact(self, day: dt.date) -> dict[str, Any]:
        fact = self.window_facts.get(day)
        if fact is None:
            fact = self.window_facts[day] = {
                "label": self.sentences["window"],
                "met": True,
                "value": str(day),
                "needed": self.window,
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
    conditions += [_condition(c, rule, env, words) for c in rule.conditions]
    computed = item.computed
    formula, computed_text = words.rule_words(rule).amount_words(env), _format(computed, "yuan", words)
    calculation = [
        computed_text if formula in (computed_text, str(computed)) else f"{formula} = {computed_text}"
    ]
    if spec.cap is not None and computed is not None and Decimal(computed) > spec.cap:
        calculation.append(sentences["item_cap"].format(cap=yuan(spec.cap)))
    if item.year_cap is not None:
        cap, spent = item.year_cap
        calculation.append(
            sentences["year_cap"].format(cap=yuan(cap), spent=yuan(spent), amount=yuan(item.amount))
        )
    kind = words.kinds[spec.kind]
    summary = sentences["summary"].format(title=spec.title, amount=yuan(item.amount), kind=kind)
    if item.excluded_by:
        summary += sentences["not_stacked"].format(winner=item.excluded_title or item.excluded_by)
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
    results = [_condition(c, rule, env, words) for c in rule.conditions]
    gaps = []
    for condition, result in zip(rule.conditions, results, strict=True):
        if result["met"]:
            continue
        comparison = condition.comparison
        if comparison is None or not comparison.lower_bound:
            return None
        value, needed = comparison.left.call(env), comparison.right.call(env)
        gap: dict[str, Any] = {
            "label": condition.label,
            "value": _jsonable(value),
            "needed": _jsonable(needed),
        }
        if isinstance(value, (int, Decimal)) and isinstance(needed, (int, Decimal)) and needed > 0:
            gap["progress"] = round(float(max(Decimal(value), Decimal(0)) / Decimal(needed)), 4)
        gap["text"] = result["text"]
        gaps.append(gap)
    if not gaps:
        gaps.append(
            {
                "label": words.sentences["amount"],
                "text": words.sentences["amount_missing"].format(
                    amount=words.rule_words(rule).wording(env, expand=True)(rule.spec.amount)
                ),
            }
        )
    spec = rule.spec
    return {
        "rule": spec.id,
        "policy": rule.policy.code,
        "clause": spec.clause,
        "title": spec.title,
        "kind": spec.kind,
        "clause_text": spec.text,
        "trigger": _trigger(event, env.get("year"), words),
        "conditions": [*_fact_conditions(rule, event, snapshot, env["year"], words), *results],
        "missing": gaps,
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
    return {
        "type": event.type,
        "label": words.events.get(event.type, event.type),
        "date": event.date.isoformat(),
        "event": event.index,
    }


def _fact_conditions(
    rule: Rule, event: Event | None, snapshot: Snapshot, year: int, words: Phrases
) -> list[dict[str, Any]]:
    rule_words = words.rule_words(rule)
    if event is None:
        return [rule_words.region_fact(snapshot.region), rule_words.window_fact(dt.date(year, 12, 31))]
    facts = [rule_words.region_fact(snapshot.region), rule_words.window_fact(event.date)]
    match_fact, fields = rule_words.match_fact, event.fields
    for name in rule.match:
        facts.append(match_fact(name, fields.get(name)))
    return facts


def _condition(condition: Condition, rule: Rule, env: dict[str, Any], words: Phrases) -> dict[str, Any]:
    sentences = words.sentences
    comparison = condition.comparison
    if comparison is None:
        met = bool(condition.expression.call(env))
        answer = words.yes if met else words.no
        return {
            "label": condition.label,
            "met": met,
            "text": sentences["answer_text"].format(label=condition.label, answer=answer),
        }
    value, needed = comparison.left.call(env), comparison.right.call(env)
    met = comparison.holds(value, needed)
    entry: dict[str, Any] = {
        "label": condition.label,
        "met": met,
        "value": _jsonable(value),
        "needed": _jsonable(needed),
    }
    if not comparison.ordering:
        shown = sentences["not_filled"] if value is None else words.values.get(value, value)
        entry["text"] = sentences["equality_text"].format(
            label=condition.label,
            answer=words.yes if met else words.no,
            source=words.rule_words(rule).wording(env, expand=True)(comparison.left.source),
            value=shown,
        )
    elif value is None:
        source = words.rule_words(rule).wording(env, expand=True)(comparison.left.source)
        entry["text"] = sentences["missing_text"].format(label=condition.label, source=source)
    elif comparison.right.names - {"date"}:
        # A threshold computed from the entity's own figures (择优名额 from the round's size) says how.
        entry["text"] = sentences["computed_threshold_text"].format(
            label=condition.label,
            value=_format(value, condition.format, words),
            symbol=comparison.symbol,
            threshold=_format(needed, condition.format, words),
            formula=words.rule_words(rule).wording(env, expand=True)(comparison.right.source),
        )
    else:
        entry["text"] = sentences["threshold_text"].format(
            label=condition.label,
            value=_format(value, condition.format, words),
            symbol=comparison.symbol,
            threshold=_format(needed, condition.format, words),
        )
    return entry


def _parameter_value(value: Any, unit: str, yuan: Callable[[Decimal | int], str]) -> str | None:
    """A parameter's value as a person reads it: 5% for a rate, 1,000,000 元 for an amount."""
    if not isinstance(value, (int, Decimal)) or isinstance(value, bool):
        return None
    if unit in ("比例", "年利率"):
        return f"{(Decimal(value) * 100).normalize():f}%"
    if unit == "元":
        return yuan(value)
    return f"{Decimal(value).normalize():f} {unit}"


_AS_IS = frozenset({int, str, bool, type(None)})  # what JSON takes unchanged, the usual values


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
    if type(value) in _AS_IS:
        return value
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(value)
    return value
