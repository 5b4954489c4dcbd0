"""The five Weihai rules as a small OpenFisca tax-benefit system, vectorised over a whole population.

Entities: an enterprise (a group entity) and its facts (the person entity: each event dated in the
year, and each qualification granted in the year, which contract 3 counts as that year's
`qualification_granted`). Variables hold the snapshot's fields; each rule is a variable with a
formula over whole arrays, per fact where the rule reads events and summed to the enterprise; the
numbers are dated parameters in `openfisca_weihai.yaml` with their unit and clause.

Money is float64 here: OpenFisca's default float32 holds about seven digits, so 5,061,728.35 yuan
cannot be written in it (`--float32` shows how many entities then differ at the fen). Each item is
rounded to the fen as Kechuang rounds it. Missing yearly figures read as 0 (OpenFisca has no missing
value); the synthetic population has every figure the five rules read. One qualification of each
type per enterprise.

    python -m bench.comparators.openfisca_weihai FILE.jsonl --year 2024 > amounts.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy
import orjson
from openfisca_core.entities import build_entity
from openfisca_core.parameters import load_parameter_file
from openfisca_core.periods import ETERNITY, YEAR
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

from bench.comparators import FIVE_RULES, amounts_line

PARAMETERS = Path(__file__).resolve().with_suffix(".yaml")
POLICY_REGION_PREFIX = "3710"  # 威海市 371000 and every county inside it
POLICY_START, POLICY_END = numpy.datetime64("2023-07-13"), numpy.datetime64("2028-07-12")
NEVER = dt.date(9999, 12, 31)
TECHNOLOGY_QUALIFICATIONS = (
    "high_tech_enterprise",
    "tech_sme",
    "tech_leading_enterprise",
    "specialized_sme",
    "little_giant",
    "gazelle",
)

Enterprise = build_entity(
    key="enterprise",
    plural="enterprises",
    label="企业:一个实体快照",
    roles=[{"key": "fact", "plural": "facts", "label": "当年的事实"}],
)
Fact = build_entity(
    key="fact",
    plural="facts",
    label="事实:当年的一个事件或一项当年认定的资质",
    is_person=True,
)


class Money(Variable):
    """Yuan. The dtype is chosen when the system is built (float64, or OpenFisca's float32)."""

    dtype_for_money: Any = numpy.float64

    def __init__(self, baseline_variable: Any = None) -> None:
        super().__init__(baseline_variable)
        self.dtype = Money.dtype_for_money


def to_fen(yuan: numpy.ndarray) -> numpy.ndarray:
    """Rounded half up to the fen, as Kechuang rounds each item."""
    return numpy.floor(yuan * 100 + 0.5) / 100


# Inputs: the enterprise.


class region(Variable):
    value_type = str
    entity = Enterprise
    definition_period = ETERNITY
    label = "行政区划代码"


class above_designated_size(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = ETERNITY
    label = "规模以上企业"


class revenue(Money):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "营业收入(元)"


class rd_expense(Money):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "研发投入(元)"


class employees(Variable):
    value_type = int
    entity = Enterprise
    definition_period = YEAR
    label = "从业人员"


def qualification_dates(kind: str) -> list[type[Variable]]:
    """`<kind>_granted` and `<kind>_expires`: the span of the enterprise's qualification of that kind
    (never granted, never expiring by default)."""
    return [
        type(
            f"{kind}_{end}",
            (Variable,),
            {
                "value_type": dt.date,
                "entity": Enterprise,
                "definition_period": ETERNITY,
                "default_value": NEVER,
                "label": f"资质 {kind}:{'认定日' if end == 'granted' else '有效期至'}",
            },
        )
        for end in ("granted", "expires")
    ]


# Inputs: the facts of the year.


def fact_field(name: str, value_type: type, label: str) -> type[Variable]:
    base = Money if value_type is float else Variable
    return type(
        name,
        (base,),
        {"value_type": value_type, "entity": Fact, "definition_period": YEAR, "label": label},
    )


FACT_FIELDS = {
    "fact_type": (str, "事件类型"),
    "platform_type": (str, "平台类型"),
    "level": (str, "级别"),
    "qualification": (str, "资质类型"),
    "contract_type": (str, "合同类型"),
    "counterparty_kind": (str, "合同相对方类型"),
    "counterparty_region": (str, "合同相对方地区"),
    "role": (str, "本单位角色"),
    "amount_yuan": (float, "合同金额(元)"),
    "cost_yuan": (float, "创新券购买服务费用(元)"),
    "provincial_subsidy_yuan": (float, "省级创新券补助(元)"),
}


class fact_date(Variable):
    value_type = dt.date
    entity = Fact
    definition_period = YEAR
    label = "事件日期"


# What the rules read.


class in_weihai(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = ETERNITY
    label = "位于威海市(政策适用地区)"

    def formula(enterprise, period, parameters):
        return numpy.char.startswith(enterprise("region", period).astype(str), POLICY_REGION_PREFIX)


class fact_in_force(Variable):
    value_type = bool
    entity = Fact
    definition_period = YEAR
    label = "事件日期在政策有效期内,且企业在威海"

    def formula(fact, period, parameters):
        day = fact("fact_date", period)
        return (day >= POLICY_START) & (day <= POLICY_END) & fact.enterprise("in_weihai", period)


class holds_high_tech_or_sme_in_year(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "当年任一天为国家高新技术企业或国家科技型中小企业"

    def formula(enterprise, period, parameters):
        first, last = numpy.datetime64(str(period.start)), numpy.datetime64(str(period.stop))
        holds = numpy.zeros(enterprise.count, dtype=bool)
        for kind in ("high_tech_enterprise", "tech_sme"):
            granted = enterprise(f"{kind}_granted", period)
            holds |= (granted <= last) & (enterprise(f"{kind}_expires", period) >= first)
        return holds


class holds_technology_qualification_on_fact_date(Variable):
    value_type = bool
    entity = Fact
    definition_period = YEAR
    label = "事件当日为科技型企业(高企、科技型中小企业、科技领军、专精特新、小巨人、瞪羚)"

    def formula(fact, period, parameters):
        day = fact("fact_date", period)
        holds = numpy.zeros(fact.count, dtype=bool)
        for kind in TECHNOLOGY_QUALIFICATIONS:
            granted = fact.enterprise(f"{kind}_granted", period)
            holds |= (granted <= day) & (fact.enterprise(f"{kind}_expires", period) >= day)
        return holds


class small_or_medium(Variable):
    value_type = bool
    entity = Enterprise
    definition_period = YEAR
    label = "中小微企业(从业人员1000人以下或营业收入4亿元以下)"

    def formula(enterprise, period, parameters):
        limits = parameters(period.stop).small_and_medium
        return (enterprise("employees", period) < limits.employees_below) | (
            enterprise("revenue", period) < limits.revenue_below
        )


# The five rules.


class rd_increment_subsidy(Money):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    end = "2027-12-31"  # yearly data are judged by the rules in force on 31 December
    label = "企业研发投入递增补助"
    reference = "威政发〔2023〕5号 二.(二).9"

    def formula_2023(enterprise, period, parameters):
        rule = parameters(period.stop).rd_increment
        now, before = enterprise("rd_expense", period), enterprise("rd_expense", period.offset(-1))
        increment = now - before
        growth = numpy.divide(increment, before, out=numpy.zeros_like(increment), where=before > 0)
        eligible = (
            enterprise("in_weihai", period)
            & enterprise("above_designated_size", period)
            & enterprise("holds_high_tech_or_sme_in_year", period)
            & (now > 0)
            & (before > 0)
            & (growth >= rule.growth_threshold)
            & (increment > rule.increment_threshold)
        )
        return eligible * to_fen(numpy.minimum(increment * rule.rate, rule.cap))


class high_tech_growth_reward_item(Money):
    value_type = float
    entity = Fact
    definition_period = YEAR
    label = "高新技术企业成长性奖励(每次认定)"
    reference = "威政发〔2023〕5号 二.(四).17"

    def formula_2023(fact, period, parameters):
        rule = parameters(period.stop).high_tech_growth
        first = fact.enterprise("revenue", period.offset(-3))
        last = fact.enterprise("revenue", period.offset(-1))
        grant = (fact("fact_type", period) == "qualification_granted") & (
            fact("qualification", period) == "high_tech_enterprise"
        )
        growth = numpy.sqrt(numpy.divide(last, first, out=numpy.zeros_like(last), where=first > 0)) - 1
        return (
            fact("fact_in_force", period) & grant & (first > 0) & (growth >= rule.growth_threshold)
        ) * rule.amount


class innovation_voucher_subsidy_item(Money):
    value_type = float
    entity = Fact
    definition_period = YEAR
    label = "创新券市级补助(每次使用)"
    reference = "威政发〔2023〕5号 二.(七).30"

    def formula_2023(fact, period, parameters):
        rate = parameters(period.stop).innovation_voucher.rate
        eligible = (
            fact("fact_in_force", period)
            & (fact("fact_type", period) == "voucher_used")
            & fact.enterprise("small_or_medium", period)
            & (fact("provincial_subsidy_yuan", period) > 0)
        )
        return eligible * to_fen(fact("cost_yuan", period) * rate)


class tech_contract_buyer_subsidy_item(Money):
    value_type = float
    entity = Fact
    definition_period = YEAR
    label = "技术开发、技术转让合同购买方补助(每份合同,年度上限前)"
    reference = "威政发〔2023〕5号 二.(三).14"

    def formula_2023(fact, period, parameters):
        rate = parameters(period.stop).tech_contract_buyer.rate
        counterparty = fact("counterparty_kind", period)
        eligible = (
            fact("fact_in_force", period)
            & (fact("fact_type", period) == "contract_registered")
            & numpy.isin(fact("contract_type", period), ["development", "transfer"])
            & fact("holds_technology_qualification_on_fact_date", period)
            & ((counterparty == "university") | (counterparty == "research_institute"))
            & numpy.char.startswith(fact("counterparty_region", period).astype(str), POLICY_REGION_PREFIX)
            & (fact("role", period) != "seller")
        )
        return eligible * to_fen(fact("amount_yuan", period) * rate)


class national_innovation_center_reward_item(Money):
    value_type = float
    entity = Fact
    definition_period = YEAR
    label = "国家级技术创新中心、临床医学研究中心奖励(每次获批)"
    reference = "威政发〔2023〕5号 二.(一).1"

    def formula_2023(fact, period, parameters):
        amount = parameters(period.stop).national_innovation_center.amount
        eligible = (
            fact("fact_in_force", period)
            & (fact("fact_type", period) == "platform_approved")
            & numpy.isin(
                fact("platform_type", period),
                ["technology_innovation_center", "clinical_medical_research_center"],
            )
            & (fact("level", period) == "national")
        )
        return eligible * amount


def enterprise_sum(item: str, label: str, reference: str) -> type[Variable]:
    """The enterprise's total of a per-fact item."""

    def formula(enterprise, period, parameters):
        return enterprise.sum(enterprise.members(item, period), role=Enterprise.FACT)

    return type(
        item.removesuffix("_item"),
        (Money,),
        {
            "value_type": float,
            "entity": Enterprise,
            "definition_period": YEAR,
            "label": label,
            "reference": reference,
            "formula": formula,
        },
    )


class tech_contract_buyer_subsidy(Money):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "技术开发、技术转让合同购买方补助(每家每年不超过30万元)"
    reference = "威政发〔2023〕5号 二.(三).14"

    def formula_2023(enterprise, period, parameters):
        cap = parameters(period.stop).tech_contract_buyer.cap_per_year
        items = enterprise.members("tech_contract_buyer_subsidy_item", period)
        return numpy.minimum(enterprise.sum(items, role=Enterprise.FACT), cap)


class weihai_five_rules_total(Money):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "五条威海规则合计"

    def formula(enterprise, period, parameters):
        return sum(enterprise(variable, period) for variable in RULE_VARIABLES.values())


# Rule id in Kechuang's rulebook → the variable that computes it here.
RULE_VARIABLES = {
    "weihai-2023.rd-increment": "rd_increment_subsidy",
    "weihai-2023.high-tech-growth": "high_tech_growth_reward",
    "weihai-2023.innovation-voucher": "innovation_voucher_subsidy",
    "weihai-2023.tech-contract-buyer": "tech_contract_buyer_subsidy",
    "weihai-2023.national-innovation-center": "national_innovation_center_reward",
}
assert tuple(RULE_VARIABLES) == FIVE_RULES  # the same five rules, in the same order


class WeihaiFiveRules(TaxBenefitSystem):
    def __init__(self, money: Any = numpy.float64) -> None:
        super().__init__([Enterprise, Fact])
        Money.dtype_for_money = money
        variables: list[type[Variable]] = [
            region,
            above_designated_size,
            revenue,
            rd_expense,
            employees,
            fact_date,
            in_weihai,
            fact_in_force,
            holds_high_tech_or_sme_in_year,
            holds_technology_qualification_on_fact_date,
            small_or_medium,
            rd_increment_subsidy,
            high_tech_growth_reward_item,
            innovation_voucher_subsidy_item,
            tech_contract_buyer_subsidy_item,
            national_innovation_center_reward_item,
            tech_contract_buyer_subsidy,
            weihai_five_rules_total,
            enterprise_sum(
                "high_tech_growth_reward_item", "高新技术企业成长性奖励", "威政发〔2023〕5号 二.(四).17"
            ),
            enterprise_sum(
                "innovation_voucher_subsidy_item", "创新券市级补助", "威政发〔2023〕5号 二.(七).30"
            ),
            enterprise_sum(
                "national_innovation_center_reward_item",
                "国家级技术创新中心、临床医学研究中心奖励",
                "威政发〔2023〕5号 二.(一).1",
            ),
        ]
        variables += [fact_field(name, kind, label) for name, (kind, label) in FACT_FIELDS.items()]
        for kind in TECHNOLOGY_QUALIFICATIONS:
            variables += qualification_dates(kind)
        for variable in variables:
            self.add_variable(variable)
        self.parameters = load_parameter_file(str(PARAMETERS))


class Population:
    """Snapshots (contract 3) laid out as the arrays the simulation takes, one pass over the lines."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.labels: list[str | None] = []
        self.enterprise: dict[str, list] = {"region": [], "above_designated_size": []}
        self.annual: dict[tuple[str, int], list] = {
            (key, offset): [] for key in ("revenue", "rd_expense", "employees") for offset in (0, -1, -3)
        }
        self.spans: dict[str, list] = {
            f"{k}_{end}": [] for k in TECHNOLOGY_QUALIFICATIONS for end in ("granted", "expires")
        }
        self.facts: dict[str, list] = {name: [] for name in (*FACT_FIELDS, "fact_date")}
        self.owner: list[int] = []

    def add(self, snapshot: dict[str, Any]) -> None:
        number, year = len(self.labels), self.year
        self.labels.append(snapshot.get("uscc") or snapshot.get("name"))
        self.enterprise["region"].append(snapshot["region"])
        self.enterprise["above_designated_size"].append(bool(snapshot.get("above_designated_size")))
        annual = snapshot.get("annual") or {}
        for (key, offset), values in self.annual.items():
            values.append((annual.get(str(year + offset)) or {}).get(key) or 0)
        held: dict[str, dict] = {}
        for qualification in snapshot.get("qualifications") or ():
            if qualification["type"] in held:
                raise ValueError(f"{self.labels[-1]}:同一类型的资质不止一项,本比较只记一项")
            held[qualification["type"]] = qualification
        for kind in TECHNOLOGY_QUALIFICATIONS:
            qualification = held.get(kind)
            self.spans[f"{kind}_granted"].append(qualification["granted"] if qualification else NEVER)
            expires = qualification and qualification.get("expires")
            self.spans[f"{kind}_expires"].append(expires or NEVER)
        prefix = str(year)
        events = [event for event in snapshot.get("events") or () if event["date"].startswith(prefix)]
        granted = {event.get("qualification") for event in events if event["type"] == "qualification_granted"}
        for kind, qualification in held.items():
            if kind not in granted and str(qualification["granted"]).startswith(prefix):
                events.append(
                    {"type": "qualification_granted", "date": qualification["granted"], "qualification": kind}
                )
        facts = self.facts
        for event in events:
            self.owner.append(number)
            facts["fact_type"].append(event["type"])
            facts["fact_date"].append(event["date"])
            for name in FACT_FIELDS:
                if name != "fact_type":
                    facts[name].append(event.get(name) or (0 if FACT_FIELDS[name][0] is float else ""))

    def simulation(self, system: WeihaiFiveRules) -> Simulation:
        builder = SimulationBuilder()
        builder.create_entities(system)
        builder.declare_person_entity("fact", range(len(self.owner)))
        enterprises = builder.declare_entity("enterprise", range(len(self.labels)))
        # Set directly rather than through join_with_persons, which numbers groups by the members it
        # sees and so misplaces facts after an enterprise with none.
        enterprises.members_entity_id = numpy.array(self.owner, dtype=numpy.int32)
        enterprises.members_role = numpy.repeat(Enterprise.FACT, len(self.owner))
        simulation = builder.build(system)
        year = str(self.year)
        for name, values in self.enterprise.items():
            simulation.set_input(name, year, numpy.array(values))
        for (key, offset), values in self.annual.items():
            simulation.set_input(key, str(self.year + offset), numpy.array(values))
        for name, values in self.spans.items():
            simulation.set_input(name, year, numpy.array(values, dtype="datetime64[D]"))
        for name, values in self.facts.items():
            dtype = (
                "datetime64[D]" if name == "fact_date" else object if FACT_FIELDS[name][0] is str else None
            )
            simulation.set_input(name, year, numpy.array(values, dtype=dtype))
        return simulation


def evaluate_lines(lines: Iterable[str | bytes], year: int, money: Any = numpy.float64) -> Iterator[dict]:
    """One amounts line (bench.comparators.amounts_line) per snapshot line, all computed at once."""
    population = Population(year)
    for line in lines:
        population.add(orjson.loads(line))
    simulation = population.simulation(WeihaiFiveRules(money))
    columns = [simulation.calculate(variable, str(year)).tolist() for variable in RULE_VARIABLES.values()]
    totals = simulation.calculate("weihai_five_rules_total", str(year)).tolist()
    for label, amounts, total in zip(population.labels, zip(*columns, strict=True), totals, strict=True):
        by_rule = {rule: amount for rule, amount in zip(FIVE_RULES, amounts, strict=True) if amount}
        yield amounts_line(label, by_rule, total)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="五条威海规则的 OpenFisca 税收福利系统:读入实体快照,写出各规则金额"
    )
    parser.add_argument("entities", metavar="FILE.jsonl")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--float32", action="store_true", help="金额用 OpenFisca 默认的 float32")
    args = parser.parse_args(argv)
    out = sys.stdout.buffer
    with open(args.entities, "rb") as stream:
        lines = evaluate_lines(stream, args.year, numpy.float32 if args.float32 else numpy.float64)
        out.write(b"".join(orjson.dumps(line) + b"\n" for line in lines))


if __name__ == "__main__":
    main()
