"""Where a submission's pre-filled values come from: the facts every installed app holds about the
platform's host (kechuang.plugins.collect_facts, the same facts the benefit snapshots read), for the year
evaluated. Each source names the app that keeps the data and says what it counted, so the form shows the
source and the evidence beside each value.

An indicator names its source by key (`IndexIndicator.source`); one without a source is reported by the
platform with its evidence. A source with no data for the year gives no value (the platform fills it in).

在孵企业 of an incubator are recorded as the platform's partners (共建单位) in the registry: the count of
incubated high-tech enterprises reads their qualifications.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kechuang.plugins import Facts, collect_facts
from registry.models import Platform


@dataclass(frozen=True)
class Prefill:
    value: Decimal | None
    source: str
    evidence: str


@dataclass(frozen=True)
class Source:
    key: str
    label: Any  # lazy Chinese text
    app: Any  # the app that keeps the data
    read: Callable[[Facts, dict[int, Facts], int], tuple[Decimal | None, str]]


def _annual(key: str, unit: str) -> Callable[[Facts, dict[int, Facts], int], tuple[Decimal | None, str]]:
    def read(host: Facts, partners: dict[int, Facts], year: int) -> tuple[Decimal | None, str]:
        value = host.annual.get(year, {}).get(key)
        if value is None:
            return None, ""
        return Decimal(value), _("%(year)d年度数据：%(value)s%(unit)s") % {
            "year": year,
            "value": f"{Decimal(value).normalize():f}",
            "unit": unit,
        }

    return read


def _sold(host: Facts) -> list[dict[str, Any]]:
    return [
        e for e in host.events if e["type"] == "contract_registered" and e.get("role", "seller") == "seller"
    ]


def _contracts_count(host: Facts, partners: dict[int, Facts], year: int) -> tuple[Decimal | None, str]:
    sold = _sold(host)
    return Decimal(len(sold)), _("%(year)d年作为卖方登记技术合同 %(n)d 项") % {"year": year, "n": len(sold)}


def _contracts_amount(host: Facts, partners: dict[int, Facts], year: int) -> tuple[Decimal | None, str]:
    sold = _sold(host)
    total = sum((Decimal(e["amount_yuan"]) for e in sold), Decimal(0))
    return total, _("%(year)d年作为卖方登记技术合同 %(n)d 项，成交额合计 %(total)s 元") % {
        "year": year,
        "n": len(sold),
        "total": f"{total:,.2f}",
    }


def _talent(host: Facts, partners: dict[int, Facts], year: int) -> tuple[Decimal | None, str]:
    introduced = [e for e in host.events if e["type"] == "talent_introduced"]
    programs = "、".join(sorted({e["program"] for e in introduced}))
    text = _("%(year)d年引进人才 %(n)d 人次") % {"year": year, "n": len(introduced)}
    return Decimal(len(introduced)), f"{text}（{programs}）" if programs else text


def _holds_high_tech(facts: Facts, on: dt.date) -> bool:
    day = on.isoformat()
    return any(
        q["type"] == "high_tech_enterprise" and q["granted"] <= day and (q["expires"] or day) >= day
        for q in facts.qualifications
    )


def _incubated_high_tech(host: Facts, partners: dict[int, Facts], year: int) -> tuple[Decimal | None, str]:
    year_end = dt.date(year, 12, 31)
    count = sum(1 for facts in partners.values() if _holds_high_tech(facts, year_end))
    return Decimal(count), _("在孵企业 %(all)d 家中，%(year)d年末有效期内的高新技术企业 %(n)d 家") % {
        "all": len(partners),
        "year": year,
        "n": count,
    }


SOURCES: dict[str, Source] = {
    source.key: source
    for source in (
        Source(
            "rd_expense",
            gettext_lazy("研发费用"),
            gettext_lazy("创新资源库·年度数据"),
            _annual("rd_expense", "元"),
        ),
        Source(
            "rd_staff",
            gettext_lazy("研发人员"),
            gettext_lazy("创新资源库·年度数据"),
            _annual("rd_staff", "人"),
        ),
        Source(
            "invention_patents",
            gettext_lazy("有效发明专利"),
            gettext_lazy("创新资源库·年度数据"),
            _annual("invention_patents", "件"),
        ),
        Source(
            "revenue", gettext_lazy("营业收入"), gettext_lazy("创新资源库·年度数据"), _annual("revenue", "元")
        ),
        Source(
            "instrument_service_hours",
            gettext_lazy("仪器对外服务机时"),
            gettext_lazy("仪器共享·使用记录"),
            _annual("instrument_service_hours", "小时"),
        ),
        Source(
            "instrument_service_yuan",
            gettext_lazy("仪器对外服务收入"),
            gettext_lazy("仪器共享·使用记录"),
            _annual("instrument_service_yuan", "元"),
        ),
        Source(
            "contracts_count", gettext_lazy("登记技术合同数"), gettext_lazy("技术合同登记"), _contracts_count
        ),
        Source(
            "contracts_amount_yuan",
            gettext_lazy("技术合同成交额"),
            gettext_lazy("技术合同登记"),
            _contracts_amount,
        ),
        Source("talent_introduced", gettext_lazy("引进人才"), gettext_lazy("人才引进事件"), _talent),
        Source(
            "incubated_high_tech",
            gettext_lazy("孵化高新技术企业"),
            gettext_lazy("创新资源库·共建（在孵）单位资质"),
            _incubated_high_tech,
        ),
    )
}


def source_choices() -> list[tuple[str, str]]:
    return [(key, str(source.label)) for key, source in SOURCES.items()]


def prefill(platform: Platform, year: int, keys: list[str]) -> dict[str, Prefill]:
    """What the data say for each source key, for the platform's host in `year` (one fact collection)."""
    partner_ids = list(platform.partners.values_list("pk", flat=True))
    facts = collect_facts([platform.host_id, *partner_ids], year, [year])
    host, partners = facts[platform.host_id], {pk: facts[pk] for pk in partner_ids}
    found = {}
    for key in keys:
        source = SOURCES.get(key)
        if source is None:
            continue
        value, evidence = source.read(host, partners, year)
        found[key] = Prefill(value, f"{source.app}：{source.label}", evidence)
    return found
