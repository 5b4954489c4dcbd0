"""A confirmed policy document feeds the ledger and the indicators; running it again adds nothing twice."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.apps import apps

from planning.from_policy import create_indicators_from_document, create_tasks_from_document
from planning.models import Indicator, Task
from policies.models import Clause, PolicyDocument

pytestmark = pytest.mark.django_db

CLAUSES = [
    (
        "一",
        "总体要求。到2027年，科技型中小企业、高新技术企业分别突破3000家；规上高新技术产业产值占比达到60%以上。",
    ),
    ("五.10", "推动国有企业创新示范。支持市属企业建立研发机构。（市国资委、市财政局牵头，市科技局配合）"),
    ("六.13", "大力吸引海外高层次人才。每年引进外国专家300人次以上。（市科技局牵头）"),
    ("九", "深化科技创新治理改革。"),
]


@pytest.fixture
def document() -> PolicyDocument:
    document = PolicyDocument.objects.create(
        code="zibo-test", title="测试意见", region_id="370300", text="……"
    )
    for order, (path, text) in enumerate(CLAUSES):
        Clause.objects.create(document=document, path=path, text=text, order=order, start=0, end=len(text))
    return document


def test_clauses_naming_units_become_tasks_once(document, bureau_admin) -> None:
    tasks = create_tasks_from_document(document, bureau_admin)
    assert [(t.clause_path, t.title, t.lead_units, t.cooperating_units) for t in tasks] == [
        ("五.10", "推动国有企业创新示范", ["市国资委", "市财政局"], ["市科技局"]),
        ("六.13", "大力吸引海外高层次人才", ["市科技局"], []),
    ]
    assert tasks[0].clause.path == "五.10" and tasks[0].region_id == "370300"
    create_tasks_from_document(document, bureau_admin)
    assert Task.objects.filter(policy=document).count() == 2


def test_reviewed_extractions_win_over_the_text(document, bureau_admin) -> None:
    unit_model, deadline_model = (
        apps.get_model("policies", "ResponsibleUnit"),
        apps.get_model("policies", "Deadline"),
    )
    clause = document.clauses.get(path="九")
    unit_model.objects.create(document=document, clause=clause, start=0, end=2, name="市科技局", role="lead")
    for day, text in [(dt.date(2024, 6, 30), "6月底前"), (dt.date(2024, 12, 31), "年底前")]:
        deadline_model.objects.create(
            document=document, clause=clause, start=0, end=2, text=text, date=day, kind="deadline"
        )
    task = next(t for t in create_tasks_from_document(document, bureau_admin) if t.clause_path == "九")
    assert (task.lead_units, task.deadline, task.deadline_text) == (
        ["市科技局"],
        dt.date(2024, 12, 31),
        "年底前",
    )
    assert [m.due for m in task.milestones.all()] == [dt.date(2024, 6, 30), dt.date(2024, 12, 31)]


def test_targets_in_the_text_become_indicators_once(document, bureau_admin) -> None:
    created = create_indicators_from_document(document, bureau_admin)
    assert [(i.name, i.unit, i.kind) for i in created] == [
        ("科技型中小企业、高新技术企业", "家", "reported"),
        ("规上高新技术产业产值占比", "%", "reported"),
    ]
    assert [(t.year, t.value) for t in created[1].targets.all()] == [(2027, D(60))]
    create_indicators_from_document(document, bureau_admin)
    assert Indicator.objects.filter(policy=document).count() == 2


def test_extracted_targets_are_used_and_known_names_are_computed(document, bureau_admin) -> None:
    target_model = apps.get_model("policies", "PolicyTarget")
    clause = document.clauses.get(path="一")
    target_model.objects.create(
        document=document,
        clause=clause,
        start=0,
        end=9,
        text="科技型中小企业突破3000家",
        indicator="科技型中小企业",
        value=D(3000),
        unit="家",
        year=2027,
        comparator=">",
    )
    [indicator] = create_indicators_from_document(document, bureau_admin)
    assert (indicator.kind, indicator.definition_key, indicator.params) == (
        "computed",
        "qualified_organizations",
        {"qualification": "tech_sme"},
    )
    assert [(t.year, t.value, t.comparator) for t in indicator.targets.all()] == [(2027, D(3000), ">")]
