"""Search benchmark (issue 11, point 7): the matching app's index at N records, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.search [--database sqlite|postgres] [--records N] [--requests N]

Without --database it runs SQLite, then PostgreSQL, each in its own process on a scratch database.
The records are real registry rows (organizations, people, achievements, platforms, instruments, needs),
written by bulk inserts from a vocabulary of Chinese technology words, with the judged relevance set's
200 resources and 200 need titles (bench/search_relevance_set.py) among them. The index is then rebuilt
through its own chunked path (matching.index.rebuild_now, what the background rebuild runs), which
gives the rebuild rate. Timed: a search as the header search box runs it (a page of hits with
highlights and facets) and a match as `kechuang match --need ID` runs it. Goals: search p95 < 50 ms,
match p95 < 200 ms.

Relevance: each of the 200 need titles is matched (match_need) and searched (search, resource kinds
only), and the first ten are scored against the judgments: nDCG@10 with gains 2^grade - 1 (grade 2 for
a resource of the need's own topic, 1 for one of the same family), and recall@10 of the five resources
of the need's own topic. Measured twice: the judged set alone in the index, then among the N records,
where a generated record counts as not relevant even if its words happen to fit.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench import (
    DATABASES,
    machine,
    percentile,
    record_run,
    scratch_database,
    setup_django,
)
from bench.search_relevance_set import judged

NAME = "search"
GOAL_SEARCH_P95_MS = 50
GOAL_MATCH_P95_MS = 200
TOP = 10
SEED_PROVINCES = {"370000", "520000"}

# The generated records' words: technology objects, what is done to them, what they are like. They
# share many words with the judged set (材料, 电池, 检测, 催化剂 …), so they compete for its queries.
QUALITIES = (
    "高性能 低成本 新型 智能 绿色 高效 轻量化 高精度 耐高温 环保型 数字化 模块化 自动化 柔性 纳米 "
    "复合 微型 大功率 长寿命 可降解 耐腐蚀 高强度 低能耗 在线 无损 快速 精密 大型 便携式 多功能"
).split()
OBJECTS = (
    "材料 涂层 传感器 电机 阀门 轴承 齿轮 水泵 催化剂 薄膜 纤维 陶瓷 合金 焊接接头 铸件 芯片 模具 "
    "控制器 机器人 减速器 变压器 电缆 管道 包装材料 饲料 肥料 疫苗 试剂 药物制剂 种子 果蔬 茶叶 面粉 "
    "纸张 玻璃 水泥 橡胶 塑料 树脂 染料 涂料 润滑油 锅炉 风机 压缩机 换热器 干燥设备 数控机床 激光器 "
    "光纤 显示屏 电源 储能装置 光伏组件 污水 废气 固体废物 土壤 电池 复合材料 铝合金 不锈钢 轮胎 "
    "液压系统 生产线 仓储 物流 软件平台 工业网络 无人机 农机 温室 养殖 中药材 医疗器械 检测设备"
).split()
ACTIONS = (
    "制备技术 关键技术研究 工艺优化 检测方法 设计与制造 国产化 产业化 性能提升 在线监测系统 质量控制 "
    "节能改造 智能控制 表面处理 失效分析 寿命评估 测试平台 中试放大 综合利用 成套装备 标准制定"
).split()
CLAIMS = (
    "成本降低三成 效率提高明显 已在多家企业应用 具备批量生产条件 获得发明专利 填补省内空白 "
    "指标达到国内先进水平 可按需定制 适合中小企业 已完成中试验证"
).split()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰鹏飞宇浩然思远晓东"
TITLES = ["教授", "副教授", "研究员", "副研究员", "高级工程师", "正高级工程师", "工程师", "讲师"]
PLATFORM_SUFFIXES = [
    "工程技术研究中心",
    "重点实验室",
    "技术创新中心",
    "新型研发机构",
    "中试基地",
    "企业技术中心",
]
INSTRUMENTS = (
    "扫描电子显微镜 气相色谱仪 液相色谱质谱联用仪 万能材料试验机 三坐标测量机 红外光谱仪 热重分析仪 "
    "激光粒度仪 原子吸收光谱仪 核磁共振波谱仪 X射线荧光光谱仪 电化学工作站 高低温试验箱 盐雾试验箱 "
    "动态力学分析仪 比表面积分析仪 紫外可见分光光度计 离子色谱仪 超声探伤仪 振动测试系统"
).split()
AGENCY_SUFFIXES = [
    "科技服务中心",
    "技术转移中心",
    "检验检测有限公司",
    "知识产权代理有限公司",
    "科技咨询有限公司",
]
BRAND = "华鑫泰恒瑞汇博创远宏盛达信诚金天海蓝立正中润德安嘉豪源通联智晟朗齐鲁东岳明星光晨阳启航"
# Shares of the generated records by kind (what a region's registry holds, roughly).
SHARES = {
    "organization": 0.15,
    "person": 0.25,
    "achievement": 0.3,
    "platform": 0.05,
    "instrument": 0.1,
    "need": 0.15,
}


class Writer:
    """Bulk inserts in batches, so a million records never sit in memory at once."""

    def __init__(self, model: type, batch: int = 5000) -> None:
        self.model, self.batch, self.rows = model, batch, []

    def add(self, row: Any) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.model.objects.bulk_create(self.rows, batch_size=1000)
            self.rows = []


def phrase(rng: random.Random) -> str:
    return f"{rng.choice(QUALITIES)}{rng.choice(OBJECTS)}{rng.choice(ACTIONS)}"


def description(rng: random.Random) -> str:
    return f"{phrase(rng)}，{rng.choice(OBJECTS)}{rng.choice(ACTIONS)}，{rng.choice(CLAIMS)}"


class Registry:
    """Where generated organizations are: the seed provinces' counties, USCC serials never reused."""

    def __init__(self, rng: random.Random) -> None:
        from registry.models import Region
        from registry.region_lookups import in_any_region
        from registry.regions import load_regions

        load_regions()
        self.rng = rng
        self.counties = list(
            Region.objects.filter(in_any_region(SEED_PROVINCES, "code"), level="county").values_list(
                "code", "name"
            )
        )
        self.serials = iter(range(10**8))

    def organization(self, name: str, kind: str, industry: str = "", text: str = "") -> Any:
        from registry.models import Organization
        from registry.validators import make_uscc

        code, county = self.rng.choice(self.counties)
        return Organization(
            name=name,
            uscc=make_uscc("91", code, next(self.serials)),
            kind=kind,
            region_id=code,
            industry=industry,
            address=f"{county}{self.rng.randint(1, 999)}号",
            description=text,
        )


def add_judged_set(registry: Registry) -> dict[str, Any]:
    """The relevance set's 200 resources (one owner for all) and 200 needs (one enterprise each)."""
    from registry.models import Achievement, Instrument, Person, Platform, TechnologyNeed
    from registry.vocabulary import AchievementMaturity, PlatformType, TransferMode

    rng, organization = registry.rng, registry.organization
    resources, queries = judged()
    owner = organization("山东省科创大学", "university")
    owner.save()
    keys: dict[tuple[str, int], str] = {}
    for resource in resources:
        title, text, field = resource["title"], resource["description"], resource["field"]
        kind = resource["kind"]
        if kind == "achievement":
            record = Achievement.objects.create(
                title=title,
                owner=owner,
                field=field,
                maturity=AchievementMaturity.PILOT,
                transfer_mode=TransferMode.COOPERATION,
                description=text,
            )
        elif kind == "person":
            # The line names the expert's field as the title (研究方向); the person gets a name.
            record = Person.objects.create(
                name=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2)),
                title="教授",
                fields=title,
                organization=owner,
                bio=text,
            )
        elif kind == "platform":
            record = Platform.objects.create(
                name=title,
                platform_type=PlatformType.TECHNOLOGY_INNOVATION_CENTER,
                stage="approved",
                level="provincial",
                host=owner,
                region_id=owner.region_id,
                field=field,
                description=text,
            )
        elif kind == "instrument":
            record = Instrument.objects.create(
                name=title, owner=owner, category=text, value_yuan=Decimal("800000")
            )
        else:
            record = organization(title, "service_agency", field, text)
            record.save()
        index_kind = "organization" if kind == "service_agency" else kind
        keys[(index_kind, record.pk)] = resource["key"]
    needs = []
    for number, query in enumerate(queries):
        enterprise = organization(f"{''.join(rng.sample(BRAND, 2))}实业第{number}有限公司", "enterprise")
        enterprise.save()
        need = TechnologyNeed.objects.create(
            title=query["title"], enterprise=enterprise, field=query["field"]
        )
        needs.append((need.pk, query))
    return {"keys": keys, "needs": needs}


def add_generated(registry: Registry, records: int) -> dict[str, Any]:
    """About `records` generated rows of every kind the match draws on, by bulk inserts (no signals)."""
    from registry.models import Achievement, Instrument, Organization, Person, Platform, TechnologyNeed
    from registry.vocabulary import AchievementMaturity, InstrumentStatus, PlatformType, TransferMode

    rng = registry.rng
    started = time.perf_counter()
    counts = {kind: round(records * share) for kind, share in SHARES.items()}
    organizations = Writer(Organization)
    for _ in range(counts["organization"]):
        kind = "service_agency" if rng.random() < 0.1 else "enterprise"
        industry = rng.choice(OBJECTS)
        suffix = rng.choice(AGENCY_SUFFIXES) if kind == "service_agency" else "有限公司"
        name = f"{''.join(rng.sample(BRAND, 2))}{industry}{suffix}"
        text = description(rng) if rng.random() < 0.5 else ""
        organizations.add(registry.organization(name, kind, industry, text))
    organizations.flush()
    hosts = list(Organization.objects.values_list("pk", "region_id"))
    people, achievements, platforms = Writer(Person), Writer(Achievement), Writer(Platform)
    instruments, technology_needs = Writer(Instrument), Writer(TechnologyNeed)
    for _ in range(counts["person"]):
        people.add(
            Person(
                name=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
                title=rng.choice(TITLES),
                fields="、".join(f"{rng.choice(QUALITIES)}{rng.choice(OBJECTS)}" for _ in range(2)),
                organization_id=rng.choice(hosts)[0],
                bio=f"长期从事{phrase(rng)}，{rng.choice(CLAIMS)}",
            )
        )
    maturities, modes = AchievementMaturity.values, TransferMode.values
    for _ in range(counts["achievement"]):
        achievements.add(
            Achievement(
                title=phrase(rng),
                owner_id=rng.choice(hosts)[0],
                field=rng.choice(OBJECTS),
                maturity=rng.choice(maturities),
                transfer_mode=rng.choice(modes),
                description=description(rng),
            )
        )
    for _ in range(counts["platform"]):
        host, region = rng.choice(hosts)
        platforms.add(
            Platform(
                name=f"{rng.choice(QUALITIES)}{rng.choice(OBJECTS)}{rng.choice(PLATFORM_SUFFIXES)}",
                platform_type=rng.choice(PlatformType.values),
                stage="approved",
                level=rng.choice(["county", "municipal", "provincial", "national"]),
                host_id=host,
                region_id=region,
                field=rng.choice(OBJECTS),
                description=description(rng),
            )
        )
    for _ in range(counts["instrument"]):
        instruments.add(
            Instrument(
                name=f"{rng.choice(BRAND)}{rng.choice(INSTRUMENTS)}",
                owner_id=rng.choice(hosts)[0],
                category=f"{rng.choice(OBJECTS)}分析",
                model_number=f"KC-{rng.randint(100, 9999)}",
                value_yuan=Decimal(rng.randint(50_000, 5_000_000)),
                status=rng.choice(InstrumentStatus.values),
            )
        )
    for _ in range(counts["need"]):
        technology_needs.add(
            TechnologyNeed(
                title=f"{rng.choice(OBJECTS)}{rng.choice(ACTIONS)}需求",
                enterprise_id=rng.choice(hosts)[0],
                field=rng.choice(OBJECTS),
                description=description(rng),
            )
        )
    for writer in (people, achievements, platforms, instruments, technology_needs):
        writer.flush()
    return {
        "generated": counts,
        "generation_seconds": round(time.perf_counter() - started, 1),
    }


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def relevance(needs: list[tuple[int, dict]], keys: dict[tuple[str, int], str]) -> dict[str, dict[str, float]]:
    """nDCG@10 and recall@10 of match and of search over the judged needs."""
    from matching.scoring import NEED_CANDIDATE_KINDS, match_need
    from matching.search import search
    from registry.models import TechnologyNeed

    records = TechnologyNeed.objects.select_related("enterprise").in_bulk([pk for pk, _query in needs])
    resource_kinds = set(NEED_CANDIDATE_KINDS)
    ranked_by: dict[str, Callable[[Any], list[tuple[str, int]]]] = {
        "match": lambda need: [(c.kind, c.id) for c in match_need(need, limit=TOP)],
        "search": lambda need: [
            (hit.kind, hit.id) for hit in search(need.title, limit=50).hits if hit.kind in resource_kinds
        ][:TOP],
    }
    figures = {}
    for name, ranked in ranked_by.items():
        ndcg_sum = recall_sum = 0.0
        for pk, query in needs:
            grades = query["grades"]
            found = [keys.get(key) for key in ranked(records[pk])]
            gained = [grades.get(key, 0) if key else 0 for key in found]
            ideal = dcg(sorted(grades.values(), reverse=True)[:TOP])
            ndcg_sum += dcg(gained) / ideal if ideal else 0.0
            own = [key for key, grade in grades.items() if grade == 2]
            recall_sum += sum(1 for key in found if key in own) / len(own)
        figures[name] = {
            "ndcg_at_10": round(ndcg_sum / len(needs), 3),
            "recall_at_10": round(recall_sum / len(needs), 3),
        }
    return figures


def timed(calls: list[Callable[[], Any]], requests: int) -> dict[str, Any]:
    for call in calls[:3]:
        call()
    gc.freeze()
    timings, cpu = [], []
    for number in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        calls[number % len(calls)]()
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return {
        "requests": requests,
        "p50_ms": round(percentile(timings, 0.50), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "max_ms": round(max(timings), 1),
        # This process's CPU time: on a busy machine it shows the work apart from waiting for a CPU
        # (on PostgreSQL the server's own work is not in it).
        "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
    }


def measure(needs: list[tuple[int, dict]], requests: int, rng: random.Random) -> dict[str, Any]:
    from matching.scoring import match_need
    from matching.search import search
    from matching.views import PAGE_SIZE
    from registry.models import TechnologyNeed

    def page(text: str) -> Callable[[], Any]:
        # What the search page asks of the index (its rendering is the template's, not measured here).
        return lambda: search(text, limit=PAGE_SIZE, facets=True)

    titles = [query["title"] for _pk, query in needs]
    words = [rng.choice(OBJECTS) for _ in range(100)] + ["zibo", "锂电池", "滋博 陶瓷", "dldc"]
    records = TechnologyNeed.objects.select_related("enterprise").in_bulk([pk for pk, _query in needs])
    match_calls = [lambda need=need: match_need(need, limit=20) for need in records.values()]
    rng.shuffle(titles)
    return {
        "search_need_title": timed([page(text) for text in titles], requests),
        "search_short": timed([page(text) for text in words], requests),
        "match": timed(match_calls, requests),
    }


def run(database: str, records: int, requests: int) -> dict[str, Any]:
    """One database's run on a scratch database of its own."""
    load_before = machine()["load_average_1_5_15_min"]
    with scratch_database(database, NAME):
        setup_django()
        result = measure_index(records, requests)
    return {
        "database": database,
        **result,
        "load_average_before_after": [load_before, machine()["load_average_1_5_15_min"]],
    }


def measure_index(records: int, requests: int) -> dict[str, Any]:
    """Every figure of the benchmark, on the database Django is set up on (empty registry and index)."""
    from matching import vocabulary
    from matching.index import rebuild_now

    rng = random.Random(2026)
    vocabulary.load_shipped()
    registry = Registry(rng)
    judged_set = add_judged_set(registry)
    rebuild_now()
    alone = relevance(judged_set["needs"], judged_set["keys"])
    built = add_generated(registry, records)
    analyze()
    started = time.perf_counter()
    indexed = rebuild_now()
    rebuild_seconds = time.perf_counter() - started
    analyze()
    among = relevance(judged_set["needs"], judged_set["keys"])
    timings = measure(judged_set["needs"], requests, rng)
    return {
        "records": indexed,
        "generated": built["generated"],
        "generation_seconds": built["generation_seconds"],
        "rebuild": {
            "records": indexed,
            "seconds": round(rebuild_seconds, 1),
            "records_per_second": round(indexed / rebuild_seconds),
        },
        "search_p95_ms": max(timings["search_need_title"]["p95_ms"], timings["search_short"]["p95_ms"]),
        "match_p95_ms": timings["match"]["p95_ms"],
        "timings": timings,
        "relevance_judged_set_alone": alone,
        "relevance_among_records": among,
    }


def print_run(result: dict[str, Any]) -> None:
    before, after = result["load_average_before_after"]
    print(
        f"\n{result['database']}: {result['records']:,} records indexed "
        f"(load average {before[0]} before, {after[0]} after)"
    )
    rebuild = result["rebuild"]
    print(f"rebuild: {rebuild['seconds']} s, {rebuild['records_per_second']:,} records/s")
    print(f"{'timed':<20}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'cpu p95':>9}")
    for label, row in result["timings"].items():
        goal = GOAL_MATCH_P95_MS if label == "match" else GOAL_SEARCH_P95_MS
        verdict = "" if row["p95_ms"] < goal else "  ← over goal"
        print(
            f"{label:<20}{row['p50_ms']:>9}{row['p95_ms']:>9}{row['max_ms']:>9}{row['cpu_p95_ms']:>9}{verdict}"
        )
    print(f"{'relevance':<32}{'nDCG@10':>9}{'recall@10':>11}")
    for scope in ("relevance_judged_set_alone", "relevance_among_records"):
        for name, figures in result[scope].items():
            label = f"{name}, {scope.removeprefix('relevance_').replace('_', ' ')}"
            print(f"{label:<32}{figures['ndcg_at_10']:>9}{figures['recall_at_10']:>11}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=DATABASES, help="one database; without it both")
    parser.add_argument("--records", type=int, default=1_000_000, help="generated records besides the set")
    parser.add_argument("--requests", type=int, default=200, help="timed calls of each kind")
    parser.add_argument(
        "--output", type=Path, help="write this run's JSON here instead of bench/results/search.json"
    )
    args = parser.parse_args(argv)
    if args.database is None:
        import subprocess

        failed = 0
        for database in DATABASES:
            command = [sys.executable, "-m", "bench.search", "--database", database]
            command += ["--records", str(args.records), "--requests", str(args.requests)]
            failed += subprocess.run(command, check=False).returncode != 0  # noqa: S603 - our own module
        return 1 if failed else 0
    result = run(args.database, args.records, args.requests)
    shared = {
        "goals": {"search_p95_ms_below": GOAL_SEARCH_P95_MS, "match_p95_ms_below": GOAL_MATCH_P95_MS},
        "machine": {key: value for key, value in machine().items() if not key.startswith("load")},
    }
    if args.output:
        path = args.output
        path.write_text(
            json.dumps({**shared, "runs": {args.database: result}}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    else:
        path = record_run(NAME, args.database, result, shared)
    print_run(result)
    print(f"→ {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
