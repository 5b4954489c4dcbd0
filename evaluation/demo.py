"""The evaluation part of `kechuang demo`: the seed index systems, last year's round of Weihai's municipal
key laboratories and innovation centres run to publication (forms pre-filled from the demo registry and
the other apps' data, experts assigned under the conflict rules, scores, 公示 with one objection answered,
grades and their consequences in the ledger), and Zibo's incubator round open for its forms.
Idempotent: a round that exists is left as it is.
"""

from __future__ import annotations

import random
from typing import TextIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from evaluation import rounds, systems
from evaluation.models import IndexSystem, Round
from evaluation.vocabulary import Method

PUBLISHED = ("weihai-municipal-key-laboratories", "371000")
OPEN = ("zibo-incubators", "370300")
DOCUMENT = "威科字〔{year}〕12号"


def _system(code: str) -> IndexSystem:
    return IndexSystem.objects.filter(code=code).order_by("-version").first()


def _marks(seed: int, codes: list[str]) -> dict[str, str]:
    rng = random.Random(seed)
    return {code: str(rng.randint(62, 98)) for code in codes}


@transaction.atomic
def _published(year: int, stdout: TextIO) -> None:
    system = _system(PUBLISHED[0])
    if Round.objects.filter(system__code=system.code, year=year, region_id=PUBLISHED[1]).exists():
        return
    round_ = rounds.create_round(system, year, PUBLISHED[1], by=None)
    rounds.open_round(round_, by=None)
    rng = random.Random(year)
    for submission in round_.submissions.all():
        missing = {
            v.indicator.code: str(rng.randint(0, 600))
            for v in submission.values.select_related("indicator")
            if v.value is None and v.indicator.method != Method.EXPERT
        }
        rounds.save_values(submission, missing, dict.fromkeys(missing, "平台填报，附仪器使用台账"))
        rounds.submit(submission, by=None)
    rounds.start_review(round_)
    rounds.assign_panel(round_, by=None, seeds=rng)  # the same panel on every demo
    codes = [i.code for i in rounds.expert_indicators(round_)]
    for submission in round_.submissions.prefetch_related("reviews"):
        for review in submission.reviews.all():
            rounds.record_review(
                review, _marks(submission.platform_id * 31 + review.reviewer_id, codes), "材料齐全"
            )
    results = rounds.compute_results(round_)
    today = timezone.localdate()
    rounds.start_publicity(round_, today, today)
    last = max(results, key=lambda result: result.rank)
    objection = rounds.file_objection(last, "本单位研发人员数与社保缴纳名单不一致，请核实。", by=None)
    rounds.handle_objection(objection, False, "经核实，填报数据与年度统计一致，异议不成立。", by=None)
    rounds.publish(round_, by=None, document=DOCUMENT.format(year=today.year))
    stdout.write(f"绩效评价：{round_.title} 已发布，{len(results)} 个平台。\n")


@transaction.atomic
def _open(year: int, stdout: TextIO) -> None:
    system = _system(OPEN[0])
    if Round.objects.filter(system__code=system.code, year=year, region_id=OPEN[1]).exists():
        return
    round_ = rounds.create_round(system, year, OPEN[1], by=None)
    rounds.open_round(round_, by=None)
    stdout.write(f"绩效评价：{round_.title} 填报中，{round_.submissions.count()} 个平台。\n")


def load(stdout: TextIO) -> None:
    systems.load_all()
    year = timezone.localdate().year - 1
    for part in (_published, _open):
        try:
            part(year, stdout)
        except ValidationError as error:  # a demo population without such platforms
            stdout.write(f"绩效评价：跳过（{'；'.join(error.messages)}）\n")
