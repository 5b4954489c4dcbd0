"""The seeds' targets and tasks, as reviewed in planning/data/, load with the numbers the texts give."""

import datetime as dt
import io
from decimal import Decimal as D

import pytest

from planning import demo
from planning.models import Indicator, Milestone, ProgressReport, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> None:
    demo.load(io.StringIO())


def targets_of(code: str) -> dict[int, tuple[D, str]]:
    return {t.year: (t.value, t.comparator) for t in Indicator.objects.get(code=code).targets.all()}


def test_anshun_annex_is_complete_year_by_year(loaded: None) -> None:
    annex = {
        "anshun-academician-workstations": (5, [5, 5, 6], 10, ["市科技局"]),
        "anshun-engineering-technology-centers": (8, [8, 9, 10], 10, ["市科技局"]),
        "anshun-enterprise-technology-centers": (11, [13, 14, 16], 13, ["市发展改革委", "市工业和信息化局"]),
        "anshun-enterprise-technology-centers-national": (
            4,
            [4, 4, 5],
            None,
            ["市发展改革委", "市工业和信息化局"],
        ),
        "anshun-enterprise-technology-centers-provincial": (
            7,
            [9, 10, 11],
            None,
            ["市发展改革委", "市工业和信息化局"],
        ),
        "anshun-industrial-design-centers": (2, [2, 3, 3], 15, ["市工业和信息化局"]),
        "anshun-engineering-research-centers": (4, [5, 6, 7], 12, ["市发展改革委"]),
    }
    for code, (baseline, yearly, growth, units) in annex.items():
        indicator = Indicator.objects.get(code=code)
        assert (indicator.baseline_year, indicator.baseline_value) == (2020, baseline), code
        assert [targets_of(code)[year][0] for year in (2021, 2022, 2023)] == yearly, code
        assert indicator.growth_rate == (D(growth) if growth else None), code
        assert indicator.responsible_units == units
        assert indicator.region_id == "520400" and indicator.policy_code == "anshun-2021-platforms"
    total = Indicator.objects.get(code="anshun-provincial-platforms-total")
    assert targets_of(total.code) == {2023: (D(42), ">=")}
    # The five annex rows add up to the action goal of 42 by 2023.
    rows = [code for code in annex if not code.endswith(("national", "provincial"))]
    assert sum(targets_of(code)[2023][0] for code in rows) == 42
    assert sorted(part.code for part in total.parts.all()) == sorted(rows)


def test_zibo_2020_sets_2022_totals(loaded: None) -> None:
    expected = {
        "zibo2020-municipal-laboratories": (310, ">=", 180),
        "zibo2020-provincial-laboratories": (60, ">=", 40),
        "zibo2020-enterprise-innovation-platforms": (350, ">", 310),
        "zibo2020-enterprise-innovation-platforms-national": (17, ">=", None),
        "zibo2020-incubators-maker-spaces": (50, ">=", 37),
        "zibo2020-academician-workstations": (60, ">=", 50),
        "zibo2020-expert-workstations": (40, ">=", 30),
        "zibo2020-international-cooperation-bases-built": (10, ">=", 0),
    }
    for code, (value, comparator, baseline) in expected.items():
        assert targets_of(code) == {2022: (D(value), comparator)}, code
        assert Indicator.objects.get(code=code).baseline_value == (None if baseline is None else D(baseline))


def test_zibo_2023_sets_2027_targets(loaded: None) -> None:
    assert targets_of("zibo2023-tech-smes") == {2027: (D(3000), ">")}
    assert targets_of("zibo2023-high-tech-enterprises") == {2027: (D(2000), ">")}
    assert targets_of("zibo2023-high-tech-output-share") == {2027: (D(60), ">=")}
    assert targets_of("zibo2023-provincial-innovation-platforms") == {2027: (D(600), ">=")}
    assert targets_of("zibo2023-rd-intensity") == {year: (D(3), ">=") for year in range(2024, 2028)}
    assert Indicator.objects.get(code="zibo2023-rd-intensity").unit == "%"


def test_zibo_2023_has_25_tasks_with_lead_and_cooperating_units(loaded: None) -> None:
    tasks = Task.objects.filter(policy_code="zibo-2023-sci-province")
    assert tasks.count() == 25
    by_path = {task.clause_path: task for task in tasks}
    assert by_path["二.2"].lead_units == ["市科技局"]
    assert by_path["二.2"].cooperating_units == ["市发展改革委", "市工业和信息化局"]
    assert by_path["五.10"].lead_units == ["市国资委", "市财政局"]
    assert by_path["五.10"].cooperating_units == ["市科技局"]
    assert by_path["八.20"].lead_units == [
        "市科技局",
        "市地方金融监管局",
        "人民银行淄博市分行",
        "国家金融监督管理总局淄博监管分局",
    ]
    assert by_path["十.25"].cooperating_units == ["市发展改革委", "市财政局", "市自然资源和规划局"]
    assert "本意见自" not in by_path["十.25"].text
    assert all(task.lead_units for task in tasks)


def test_binzhou_dates_resolve_to_2020(loaded: None) -> None:
    tasks = {t.clause_path: t for t in Task.objects.filter(policy_code="binzhou-2020-integrated-system")}
    assert len(tasks) == 17
    recruit = tasks["三.(二).3"]
    assert recruit.deadline == dt.date(2020, 12, 31)
    assert list(Milestone.objects.filter(task=recruit).values_list("due", "due_text")) == [
        (dt.date(2020, 6, 30), "6月底前"),
        (dt.date(2020, 12, 31), "12月底前"),
    ]
    assert tasks["三.(一).2"].deadline == dt.date(2020, 12, 31)
    assert tasks["三.(六).2"].deadline_text == "年内"


def test_every_seed_task_is_in_the_ledger(loaded: None) -> None:
    counts = {
        code: Task.objects.filter(policy_code=code).count()
        for code in [
            "zibo-2020-platforms",
            "binzhou-2020-integrated-system",
            "anshun-2021-platforms",
            "zibo-2023-sci-province",
            "weihai-2023-innovation-city",
        ]
    }
    assert counts == {
        "zibo-2020-platforms": 17,
        "binzhou-2020-integrated-system": 17,
        "anshun-2021-platforms": 10,
        "zibo-2023-sci-province": 25,
        "weihai-2023-innovation-city": 32,
    }


def test_loading_again_changes_nothing_and_keeps_reports(loaded: None, bureau_admin) -> None:
    task = Task.objects.get(policy_code="zibo-2023-sci-province", clause_path="二.1")
    ProgressReport.objects.create(task=task, text="已启动", percentage=10, reported_by=bureau_admin)
    before = (Indicator.objects.count(), Task.objects.count(), Milestone.objects.count())
    demo.load(io.StringIO())
    assert (Indicator.objects.count(), Task.objects.count(), Milestone.objects.count()) == before
    assert task.reports.count() == 1


def test_plans_link_to_the_policy_document_and_clause_when_loaded(bureau_admin) -> None:
    from policies.models import Clause, PolicyDocument

    document = PolicyDocument.objects.create(
        code="anshun-2021-platforms", title="安顺方案", region_id="520400", text="……"
    )
    clause = Clause.objects.create(document=document, path="附件", text="附件表", order=1, start=0, end=3)
    demo.load(io.StringIO())
    indicator = Indicator.objects.get(code="anshun-academician-workstations")
    assert (indicator.policy, indicator.clause) == (document, clause)
    assert Task.objects.filter(policy=document).count() == 10
    assert Task.objects.get(policy_code="zibo-2023-sci-province", clause_path="二.1").policy is None
