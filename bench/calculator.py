"""Benchmark of the policy calculator: every encoded rule over 100,000 synthetic enterprises, one year.

    .venv/bin/python -m bench.calculator [--entities 100000] [--year 2024] [--sample 10000]

Measures
- the city-wide batch path: `kechuang benefits --entities FILE.jsonl` semantics (read JSON lines,
  validate, evaluate with explanations for every item received, write one JSON line per entity),
  in a child process so that its wall time, CPU time and peak resident memory are its own; once in
  one process and once split over two worker processes (`--workers 2`);
- the same batch from snapshots already decoded in memory (what a registry-backed run hands over);
- the straightforward path: the single-entity explained evaluation (JSON in, every rule examined,
  near misses explained, JSON out) called entity by entity on a deterministic sample, extrapolated to
  the whole population; the ratio to the batch path; and the latency of one explained evaluation.
- `kechuang benefits --entities` as a user runs it against the floor of reading and writing the same
  lines with the standard json module; and five Weihai rules (bench.comparators.FIVE_RULES) in
  Kechuang restricted to them, in OpenFisca and in zen-engine when installed, each checked against
  Kechuang on every entity before it is timed.
The synthetic population is a stress test: 1.5 events per enterprise in the year and about two in
three enterprises receiving something, far more than a real city.
Writes bench/results/calculator.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from bench.comparators import FIVE_RULES, installed
from bench.comparators.agreement import (
    Agreement,
    compare,
    five_rule_rulebook,
    kechuang_amounts,
    write_five_rule_folder,
)
from benefits.calculator import Calculator, load_rulebook, parse_snapshot
from benefits.calculator.batch import decode, dumps, evaluate_blocks_in_workers, evaluate_stream
from benefits.calculator.explain import phrases
from benefits.management.commands.benefits import default_workers

RESULTS = Path(__file__).resolve().parent / "results" / "calculator.json"
WEIHAI = ["371002", "371003", "371082", "371083"]
ZIBO = ["370302", "370303", "370304", "370305", "370306", "370321", "370322", "370323"]
ELSEWHERE = ["371602", "370102", "520402"]
PLATFORM_TYPES = [
    "key_laboratory",
    "technology_innovation_center",
    "clinical_medical_research_center",
    "enterprise_technology_center",
    "engineering_technology_research_center",
    "manufacturing_innovation_center",
    "incubator",
    "maker_space",
    "university_science_park",
    "innovation_community",
    "innovation_consortium",
    "new_rd_institution",
    "pilot_base",
    "public_service_platform",
    "technology_transfer_institution",
    "agricultural_high_tech_zone",
    "foreign_expert_studio",
]
LEVELS = ["national", "provincial", "municipal", "county"]
GRADES = ["excellent", "good", "pass", "fail"]
LOAN_PRODUCTS = ["ip_pledge_loan", "tech_bank_loan", "achievement_transformation_loan"]
EXPENSE_ITEMS = ["ip_appraisal_fee", "ip_pledge_insurance_premium", "rd_loss_insurance_premium"]
QUALIFICATIONS = ["high_tech_enterprise", "tech_sme", "specialized_sme", "little_giant", "gazelle"]


def synthetic_enterprise(rng: random.Random, number: int, year: int) -> dict:
    """One deterministic enterprise snapshot with two years of data and 0–4 events in the year."""
    place = rng.random()
    region = rng.choice(WEIHAI if place < 0.45 else ZIBO if place < 0.9 else ELSEWHERE)
    revenue = rng.randint(5, 800) * 1_000_000
    rd_before = revenue * rng.randint(1, 8) // 100
    rd_now = int(rd_before * (1 + rng.uniform(-0.2, 0.4)))
    employees = rng.randint(10, 2500)
    qualifications = [
        {"type": q, "granted": f"{year - 1}-{rng.randint(1, 12):02d}-01", "expires": f"{year + 2}-12-31"}
        for q in QUALIFICATIONS
        if rng.random() < 0.2
    ]
    events = [synthetic_event(rng, year) for _ in range(min(rng.choice([0, 0, 1, 1, 1, 2, 2, 3, 4]), 4))]
    return {
        "name": f"合成企业{number:06d}",
        "uscc": valid_uscc(f"91{region}{number:09d}"),
        "kind": "enterprise",
        "region": region,
        "above_designated_size": revenue >= 20_000_000,
        "qualifications": qualifications,
        "annual": {
            str(year - 3): {"revenue": int(revenue * 0.75)},
            str(year - 1): {"revenue": int(revenue * 0.9), "rd_expense": rd_before, "employees": employees},
            str(year): {
                "revenue": revenue,
                "rd_expense": rd_now,
                "employees": employees,
                "instrument_service_yuan": rng.choice([0, 0, 0, 500_000, 2_000_000]),
            },
        },
        "events": events,
    }


def valid_uscc(first_17: str) -> str:
    """A USCC with its GB 32100 check digit, as snapshots must carry."""
    from stdnum.cn import uscc

    return first_17 + uscc.calc_check_digit(first_17)


def synthetic_event(rng: random.Random, year: int) -> dict:
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    kind = rng.choice(
        [
            "platform_approved",
            "platform_evaluated",
            "contract_registered",
            "voucher_used",
            "loan_issued",
            "expense_paid",
            "award_received",
            "incubator_space_built",
            "qualification_granted",
            "competition_placed",
        ]
    )
    if kind == "platform_approved":
        return {
            "type": kind,
            "date": date,
            "platform_type": rng.choice(PLATFORM_TYPES),
            "level": rng.choice(LEVELS),
            "role": rng.choice(["lead", "participant"]),
        }
    if kind == "platform_evaluated":
        return {
            "type": kind,
            "date": date,
            "platform_type": rng.choice(PLATFORM_TYPES),
            "level": rng.choice(LEVELS),
            "grade": rng.choice(GRADES),
        }
    if kind == "contract_registered":
        return {
            "type": kind,
            "date": date,
            "contract_type": rng.choice(["development", "transfer", "service"]),
            "amount_yuan": rng.randint(1, 800) * 10_000,
            "counterparty_kind": rng.choice(["university", "research_institute", "enterprise"]),
            "counterparty_region": rng.choice(WEIHAI + ZIBO),
        }
    if kind == "voucher_used":
        cost = rng.randint(1, 50) * 10_000
        return {"type": kind, "date": date, "cost_yuan": cost, "provincial_subsidy_yuan": cost * 4 // 10}
    if kind == "loan_issued":
        return {
            "type": kind,
            "date": date,
            "product": rng.choice(LOAN_PRODUCTS),
            "amount_yuan": rng.randint(1, 50) * 1_000_000,
            "rate": Decimal("0.035"),
            "days": 365,
            "first_time": rng.random() < 0.5,
            "repaid_on_time": True,
        }
    if kind == "expense_paid":
        return {
            "type": kind,
            "date": date,
            "item": rng.choice(EXPENSE_ITEMS),
            "amount_yuan": rng.randint(1, 60) * 10_000,
        }
    if kind == "award_received":
        return {
            "type": kind,
            "date": date,
            "award": rng.choice(
                ["science_technology_award", "shandong_brand_incubator", "zibo_demonstration_incubator"]
            ),
            "level": rng.choice(["national", "provincial"]),
            "grade": rng.choice(["first", "second"]),
            "role": "first_unit",
            "amount_yuan": 200_000,
        }
    if kind == "incubator_space_built":
        return {
            "type": kind,
            "date": date,
            "area_m2": rng.randint(500, 15000),
            "construction": rng.choice(["new", "renovation"]),
        }
    if kind == "qualification_granted":
        return {"type": kind, "date": date, "qualification": "high_tech_enterprise"}
    return {
        "type": kind,
        "date": date,
        "competition": "china_innovation_entrepreneurship_competition",
        "level": rng.choice(["national", "provincial"]),
        "place": "excellent_enterprise",
    }


def population(count: int, year: int) -> list[dict]:
    rng = random.Random(20240513)
    return [synthetic_enterprise(rng, number, year) for number in range(count)]


def setup_django() -> None:
    """Settings only (no database): explanations use the vocabulary's translated labels, as under
    `kechuang benefits`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kechuang.settings")
    import django

    django.setup()


def child_batch(path: str, year: int, workers: int) -> None:
    """The city-wide batch path over a JSONL file, in its own process; prints its figures as JSON."""
    setup_django()
    calculator = Calculator(load_rulebook())
    sink = open(os.devnull, "wb")  # noqa: SIM115 - the child's whole life
    started, cpu_started = time.perf_counter(), time.process_time()
    lines = 0
    with open(path, "rb") as stream:
        if workers == 1:
            blocks = evaluate_stream(stream, year, calculator, explain=True)
        else:
            blocks = evaluate_blocks_in_workers(stream, year, workers, explain=True)
        for block in blocks:
            sink.write(block)
            lines += block.count(b"\n")
    seconds = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "lines": lines,
                "cpu_seconds": time.process_time() - cpu_started + children.ru_utime + children.ru_stime,
                "peak_rss_mib": round(peak_rss_kib() / 1024, 1),
                "worker_peak_rss_mib": round(children.ru_maxrss / 1024, 1),
            }
        )
    )


def peak_rss_kib() -> int:
    """This process's own peak resident memory. ru_maxrss would do, except that Linux carries it over
    exec from the parent (which holds the whole synthetic population); VmHWM belongs to this image."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def batch_in_child(jsonl: str, year: int, workers: int) -> dict:
    command = [
        sys.executable,
        "-m",
        "bench.calculator",
        "--child-batch",
        jsonl,
        "--year",
        str(year),
        "--workers",
        str(workers),
    ]
    child = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603 - our own module
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    print(
        f"批量路径 JSONL → JSONL({workers} 个进程):{figures['seconds']:.2f} 秒,"
        f"CPU {figures['cpu_seconds']:.2f} 秒,峰值内存 {figures['peak_rss_mib']} MiB"
    )
    return figures


# What the standard library alone costs to read every line and write one line back: the floor that
# any engine reading and writing these lines pays.
FLOOR_SCRIPT = """
import json, sys
out = sys.stdout
for line in open(sys.argv[1], encoding="utf-8"):
    out.write(json.dumps(json.loads(line)) + "\\n")
"""


def timed(command: list[str], output: str, repeats: int = 3) -> float:
    """Median wall time of a whole command, start-up included, writing its standard output to `output`."""
    times = []
    for _ in range(repeats):
        with open(output, "w", encoding="utf-8") as sink:
            began = time.perf_counter()
            subprocess.run(command, stdout=sink, check=True)  # noqa: S603 - our own interpreter and module
            times.append(time.perf_counter() - began)
    return statistics.median(times)


def command_against_floor(jsonl: str, year: int, expected: list[dict], workers: int) -> dict:
    """`kechuang benefits --entities` as a user runs it (compact, in one process and on every core, and
    with --explain), each result checked to the fen against the in-process evaluation before its time
    counts, against the floor of reading and writing the same lines with the standard json module."""
    with tempfile.TemporaryDirectory() as scratch:
        output = str(Path(scratch) / "out.jsonl")
        floor = timed([sys.executable, "-c", FLOOR_SCRIPT, jsonl], output)
        base = [sys.executable, "-m", "kechuang.cli", "benefits", "--entities", jsonl, "--year", str(year)]
        figures = {"floor_seconds": round(floor, 3)}
        for name, extra in (
            ("one_process", ["--workers", "1"]),
            ("all_cores", ["--workers", str(workers)]),
            ("all_cores_explained", ["--workers", str(workers), "--explain"]),
        ):
            seconds = timed(base + extra, output)
            check_agreement(output, expected)
            figures[name] = {
                "seconds": round(seconds, 3),
                "ratio_to_floor": round(seconds / floor, 2),
                "workers": 1 if name == "one_process" else workers,
            }
            print(
                f"kechuang benefits --entities({' '.join(extra)}):{seconds:.2f} 秒,"
                f"为标准库 json 读写下限 {floor:.2f} 秒的 {seconds / floor:.2f} 倍(结果逐项核对一致)"
            )
    return figures


def comparators_against_floor(jsonl: str, year: int, snapshots: list[dict], floor: float) -> dict:
    """Five Weihai rules (bench.comparators.FIVE_RULES) in Kechuang restricted to them, in OpenFisca and
    in zen-engine when installed: each command's output checked against Kechuang in process on every
    entity (to the fen, and whether exact as written) in an untimed run, then timed like the floor."""
    expected = kechuang_amounts(snapshots, year, five_rule_rulebook())
    figures: dict = {"rules": list(FIVE_RULES), "floor_seconds": round(floor, 3)}
    with tempfile.TemporaryDirectory() as scratch:
        rules = write_five_rule_folder(Path(scratch) / "rules")
        output = str(Path(scratch) / "out.jsonl")
        kechuang = [
            sys.executable,
            "-m",
            "kechuang.cli",
            "benefits",
            "--entities",
            jsonl,
            "--year",
            str(year),
        ]
        engines = {
            "kechuang_five_rules": (None, [*kechuang, "--rules", str(rules), "--workers", "1"]),
            "openfisca": ("openfisca", [sys.executable, "-m", "bench.comparators.openfisca_weihai", jsonl]),
            "zen_engine": ("zen", [sys.executable, "-m", "bench.comparators.zen_weihai", jsonl]),
        }
        for name, (package, command) in engines.items():
            if package and not installed(package):
                print(f"{name}:未安装 {package}(pip install -e '.[bench]'),跳过")
                figures[name] = {"skipped": f"{package} 未安装"}
                continue
            if package:
                command = [*command, "--year", str(year)]
            agreement = agreement_of(command, output, expected)
            if not agreement.agrees:
                raise SystemExit(f"{name} 与科创的结果不一致:{agreement.first_difference}")
            seconds = timed(command, output)
            figures[name] = {
                "seconds": round(seconds, 3),
                "ratio_to_floor": round(seconds / floor, 2),
                "agreement": agreement.as_dict(),
            }
            exact = "逐项精确到分" if agreement.exact == agreement.entities else "四舍五入到分后一致"
            print(
                f"五条威海规则 {name}:{seconds:.2f} 秒,为标准库 json 读写下限的 {seconds / floor:.2f} 倍"
                f"({agreement.entities} 个实体与科创一致,{exact})"
            )
        if installed("openfisca"):
            command = [*engines["openfisca"][1], "--year", str(year), "--float32"]
            agreement = agreement_of(command, output, expected)
            figures["openfisca_float32"] = {
                "agreement": agreement.as_dict(),
                "note": "OpenFisca 默认的 float32 金额:只核对,不计时",
            }
            print(
                f"OpenFisca 用默认 float32 金额:{agreement.entities - agreement.agree_to_fen} / "
                f"{agreement.entities} 个实体与科创不一致(精确到分),如 {agreement.first_difference}"
            )
    return figures


def agreement_of(command: list[str], output: str, expected: list) -> Agreement:
    """Run a command once, untimed, and compare each line it writes with Kechuang's amounts."""
    with open(output, "w", encoding="utf-8") as sink:
        subprocess.run(command, stdout=sink, check=True)  # noqa: S603 - our own interpreter and modules
    with open(output, encoding="utf-8") as lines:
        return compare(expected, lines)


def check_agreement(output: str, expected: list[dict]) -> None:
    with open(output, encoding="utf-8") as lines:
        got = [json.loads(line, parse_float=Decimal) for line in lines]
    if len(got) != len(expected):
        raise SystemExit(f"结果行数 {len(got)} 与实体数 {len(expected)} 不符")
    for number, (line, wanted) in enumerate(zip(got, expected, strict=True), 1):
        amounts = [
            (item["rule"], Decimal(str(item["amount_yuan"])), item["excluded_by"]) for item in line["items"]
        ]
        if amounts != wanted["items"] or Decimal(str(line["total_yuan"])) != wanted["total"]:
            raise SystemExit(f"第 {number} 行的结果与进程内计算不一致:{line}")


def run(count: int, year: int, sample_size: int) -> dict:
    setup_django()
    print(f"生成 {count} 个合成企业(确定性随机种子)…", flush=True)
    load_at_start = os.getloadavg()[0]
    snapshots = population(count, year)
    rulebook = load_rulebook()
    calculator = Calculator(rulebook)

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        for snapshot in snapshots:
            handle.write(dumps(snapshot))
            handle.write("\n")
        jsonl = handle.name
    expected = []
    for data in snapshots:
        result = calculator.evaluate(parse_snapshot(data), year, explain=False)
        expected.append(
            {"items": [(i.rule.id, i.amount, i.excluded_by) for i in result.items], "total": result.total}
        )
    try:
        size_mib = Path(jsonl).stat().st_size / 2**20
        single = batch_in_child(jsonl, year, 1)
        parallel = batch_in_child(jsonl, year, 2)
        against_floor = command_against_floor(jsonl, year, expected, max(2, default_workers()))
        comparators = comparators_against_floor(jsonl, year, snapshots, against_floor["floor_seconds"])
    finally:
        os.unlink(jsonl)

    started, cpu_started = time.perf_counter(), time.process_time()
    items = winners = 0
    total = Decimal(0)
    words = phrases()
    for data in snapshots:
        result = calculator.evaluate(parse_snapshot(data), year, words=words)
        items += len(result.items)
        winners += sum(1 for item in result.items if item.excluded_by is None)
        total += result.total
    in_memory, in_memory_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"批量路径(内存中的快照):{in_memory:.2f} 秒,CPU {in_memory_cpu:.2f} 秒,{items} 项,合计 {total} 元")

    step = max(1, count // sample_size)
    sample = [dumps(data) for data in snapshots[::step][:sample_size]]
    latencies = []
    sink = io.StringIO()
    cpu_started = time.process_time()
    for line in sample:
        began = time.perf_counter()
        result = calculator.evaluate(parse_snapshot(decode(line)), year, nearly=True)
        sink.write(dumps(result.as_dict(with_nearly=True)))
        latencies.append(time.perf_counter() - began)
        sink.seek(0)
        sink.truncate()
    straightforward_cpu = (time.process_time() - cpu_started) / len(sample) * count
    straightforward = sum(latencies) / len(sample) * count
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
    ratio = straightforward / single["seconds"]
    cpu_ratio = straightforward_cpu / single["cpu_seconds"]
    print(
        f"逐个实体的完整解释路径:样本 {len(sample)} 个,外推 {count} 个约 {straightforward:.2f} 秒"
        f"(CPU {straightforward_cpu:.2f} 秒),为单进程批量路径的 {ratio:.1f} 倍(CPU {cpu_ratio:.1f} 倍)"
    )
    print(f"单次完整解释计算延迟:p50 {p50:.3f} 毫秒,p95 {p95:.3f} 毫秒")

    def batch_figures(figures: dict, workers: int) -> dict:
        return {
            "workers": workers,
            "seconds": round(figures["seconds"], 3),
            "cpu_seconds": round(figures["cpu_seconds"], 3),
            "entities_per_second": round(count / figures["seconds"]),
            "peak_rss_mib": figures["peak_rss_mib"],
            "worker_peak_rss_mib": figures["worker_peak_rss_mib"],
        }

    return {
        "entities": count,
        "year": year,
        "rules": len(rulebook.rules),
        "policies": [policy.code for policy in rulebook.policies],
        "items": items,
        "winning_items": winners,
        "total_yuan": str(total),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_average_at_start": load_at_start,
            "load_average_at_end": os.getloadavg()[0],
        },
        "input_mib": round(size_mib, 1),
        "command_against_floor": against_floor,
        "five_rules_against_floor": comparators,
        "batch_jsonl": batch_figures(single, 1),
        "batch_jsonl_two_workers": batch_figures(parallel, 2),
        "batch_note": "子进程内逐行读取 JSONL、校验、计算、为每个得到的项目生成解释、写出 JSON 行;"
        "不含解释器启动与规则加载(约 0.1 秒)",
        "batch_in_memory": {
            "seconds": round(in_memory, 3),
            "cpu_seconds": round(in_memory_cpu, 3),
            "note": "快照已解码在内存中(如由登记库构建):校验、计算、生成解释,不写 JSON",
        },
        "straightforward": {
            "method": f"单实体完整解释计算(读入 JSON、检查全部规则、解释接近符合的规则、写出 JSON)逐个调用 "
            f"{len(sample)} 次(每 {step} 个取 1 个),按平均耗时外推到 {count} 个",
            "sample": len(sample),
            "extrapolated_seconds": round(straightforward, 3),
            "extrapolated_cpu_seconds": round(straightforward_cpu, 3),
            "ratio_to_batch_jsonl": round(ratio, 2),
            "cpu_ratio_to_batch_jsonl": round(cpu_ratio, 2),
        },
        "explained_evaluation_ms": {
            "p50": round(p50, 3),
            "p95": round(p95, 3),
            "max": round(latencies[-1] * 1000, 3),
        },
        "goals": {"batch_seconds": 3, "peak_mib": 1024, "explained_ms": 20, "command_ratio_to_floor": 1.4},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--sample", type=int, default=10_000)
    parser.add_argument("--child-batch", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_batch:
        child_batch(args.child_batch, args.year, args.workers)
        return
    figures = run(args.entities, args.year, args.sample)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"结果已写入 {RESULTS}")


if __name__ == "__main__":
    main()
