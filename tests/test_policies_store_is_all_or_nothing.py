"""Storing a parsed document writes every part of it in one transaction, or nothing at all."""

from decimal import Decimal

import pytest
from django.core.files.storage import FileSystemStorage

from policies.ingest.schema import ParsedMoney
from policies.models import (
    Clause,
    Deadline,
    MoneyProvision,
    PolicyDocument,
    PolicyTarget,
    ResponsibleUnit,
    UnitRole,
)
from policies.store import SourceFile, StoreError, store_parsed
from registry.models import Region
from tests.policy_samples import TEXT, sample_parsed

STORED_MODELS = [PolicyDocument, Clause, ResponsibleUnit, MoneyProvision, PolicyTarget, Deadline]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def nothing_stored() -> bool:
    return all(not model.objects.exists() for model in STORED_MODELS)


@pytest.mark.django_db
def test_a_valid_document_is_stored_with_every_extraction_on_its_clause(bureau_admin, media):
    document = store_parsed(
        sample_parsed(),
        code="sample",
        region=Region.objects.get(code="370300"),
        user=bureau_admin,
        source=SourceFile("措施.txt", TEXT.encode()),
    )

    assert document.text == TEXT
    assert list(document.clauses.values_list("path", flat=True)) == ["一", "二"]
    lead, cooperating = document.responsibleunits.order_by("start")
    assert (lead.name, lead.role, lead.clause.path) == ("市科技局", UnitRole.LEAD, "一")
    assert (cooperating.name, cooperating.role) == ("市财政局", UnitRole.COOPERATING)
    money = document.moneyprovisions.get()
    assert money.amount_yuan == Decimal("500000") and money.clause.path == "一"
    assert money.span_text == "给予不超过50万元补助"
    assert document.policytargets.get().clause.path == "二"
    assert document.deadlines.get().span_text == "2024年6月底前"
    assert (media / document.source_file.name).read_bytes() == TEXT.encode()
    assert money.history.get().history_user == bureau_admin


@pytest.mark.django_db
def test_nested_clauses_point_at_their_parent(bureau_admin):
    parsed = sample_parsed()
    parsed.clauses[1].path = "一.(一)"
    parsed.targets[0].clause_path = parsed.dates[0].clause_path = "一.(一)"

    document = store_parsed(parsed, code="nested", region=Region.objects.get(code="370300"))

    assert document.clauses.get(path="一.(一)").parent == document.clauses.get(path="一")


@pytest.mark.django_db
def test_an_item_outside_the_text_stores_nothing():
    parsed = sample_parsed()
    parsed.money.append(
        ParsedMoney(
            clause_path="一",
            text="给予100万元",
            amount_yuan=Decimal("1000000"),
            kind="fixed",
            start=len(TEXT) - 2,
            end=len(TEXT) + 10,
        )
    )

    with pytest.raises(StoreError, match="超出正文范围"):
        store_parsed(parsed, code="broken", region=Region.objects.get(code="370300"))

    assert nothing_stored()


@pytest.mark.django_db
def test_an_item_on_an_unknown_clause_stores_nothing():
    parsed = sample_parsed()
    parsed.targets[0].clause_path = "九"

    with pytest.raises(StoreError, match="条款 九 不存在"):
        store_parsed(parsed, code="broken", region=Region.objects.get(code="370300"))

    assert nothing_stored()


@pytest.mark.django_db
def test_a_clause_number_written_twice_stores_nothing():
    parsed = sample_parsed()
    parsed.clauses[1].path = "一"

    with pytest.raises(StoreError, match="条款编号重复：一"):
        store_parsed(parsed, code="twice", region=Region.objects.get(code="370300"))

    assert nothing_stored()


@pytest.mark.django_db
def test_a_title_too_long_for_the_database_stores_nothing():
    with pytest.raises(StoreError, match="标题"):
        store_parsed(sample_parsed(title="长" * 400), code="long", region=Region.objects.get(code="370300"))

    assert nothing_stored()


@pytest.mark.django_db
def test_a_code_already_in_use_stores_nothing_new():
    region = Region.objects.get(code="370300")
    store_parsed(sample_parsed(), code="sample", region=region)

    with pytest.raises(StoreError, match="已被使用"):
        store_parsed(sample_parsed(title="另一份"), code="sample", region=region)

    assert PolicyDocument.objects.count() == 1
    assert MoneyProvision.objects.count() == 1


@pytest.mark.django_db
def test_a_failing_file_write_rolls_back_every_row(monkeypatch, media):
    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)

    with pytest.raises(OSError, match="No space"):
        store_parsed(
            sample_parsed(),
            code="sample",
            region=Region.objects.get(code="370300"),
            source=SourceFile("措施.txt", TEXT.encode()),
        )

    assert nothing_stored()
    assert not any(media.rglob("*.txt"))
