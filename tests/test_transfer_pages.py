"""The contract pages: a seller drafts, uploads and files; the office accepts, asks for material (the clock
stops and restarts), registers; a refused act shows its form again with what was typed; uploads are
checked and served as downloads; the statistics page agrees with the records it links to; a matched
need's agreement becomes a draft without re-entry."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from matching import loop
from matching.models import MatchCandidate
from registry.models import TechnologyNeed
from tests.factories import persona
from tests.transfer_helpers import PDF, draft, office, weihai_enterprise, weihai_university
from transfer import registration
from transfer.models import Attachment, Contract, Step
from transfer.vocabulary import ContractStatus, StepKind

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def university():
    return weihai_university()


@pytest.fixture
def buyer():
    return weihai_enterprise()


@pytest.fixture
def seller_user(university):
    return persona("enterprise_user", university)


@pytest.fixture
def registrar(department):
    office(host=department)
    return persona("department_officer", department)


def test_a_seller_drafts_uploads_and_files_and_the_office_registers_on_the_clock(
    client, university, buyer, seller_user, registrar
):
    client.force_login(seller_user)
    response = client.post(
        reverse("transfer:contract_create"),
        {
            "title": "海洋涂层防腐技术开发",
            "buyer_organization": buyer.uscc,
            "contract_type": "development",
            "field": "新材料",
            "signed": "2025-09-01",
            "amount_yuan": "80万",
            "technical_amount_yuan": "72万",
        },
    )
    contract = Contract.objects.get()
    assert response.status_code == 302 and response.url == contract.get_absolute_url()
    assert (contract.seller, contract.buyer, contract.amount_yuan) == (university, buyer, Decimal(800_000))
    assert contract.office.region_id == "371000" and contract.seller_uscc == university.uscc

    refused = client.post(
        reverse("transfer:attachment_upload", args=[contract.pk]),
        {"kind": "contract_text", "file": SimpleUploadedFile("合同.pdf", b"<script>", "application/pdf")},
    )
    assert refused.status_code == 400 and "附件内容与扩展名“.pdf”不符" in refused.content.decode()
    client.post(
        reverse("transfer:attachment_upload", args=[contract.pk]),
        {"kind": "contract_text", "file": SimpleUploadedFile("合同.pdf", PDF, "application/pdf")},
    )
    download = client.get(reverse("transfer:attachment", args=[contract.pk, contract.attachments.get().pk]))
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"

    client.post(reverse("transfer:act", args=[contract.pk, "file"]), {"file-on": "2025-09-25"})
    contract.refresh_from_db()
    assert contract.status == ContractStatus.FILED
    # The seller cannot accept its own application.
    assert (
        client.post(
            reverse("transfer:act", args=[contract.pk, "accept"]), {"accept-on": "2025-09-26"}
        ).status_code
        == 403
    )

    client.force_login(registrar)
    client.post(reverse("transfer:act", args=[contract.pk, "accept"]), {"accept-on": "2025-09-26"})
    contract.refresh_from_db()
    # 15 working days after 26 September 2025, the National Day holiday (1–8 October) skipped.
    assert contract.decision_due == dt.date(2025, 10, 23)
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "2025-10-23" in page and "15 个工作日" in page

    client.post(
        reverse("transfer:act", args=[contract.pk, "request_material"]),
        {"request_material-on": "2025-10-09", "request_material-note": "请补充技术附件"},
    )
    assert "计时暂停" in client.get(contract.get_absolute_url()).content.decode()
    client.post(
        reverse("transfer:act", args=[contract.pk, "receive_material"]), {"receive_material-on": "2025-10-20"}
    )
    contract.refresh_from_db()
    assert contract.clock_started_on == dt.date(2025, 10, 20) and contract.decision_due == dt.date(
        2025, 11, 10
    )

    client.post(reverse("transfer:act", args=[contract.pk, "register"]), {"register-on": "2025-10-24"})
    contract.refresh_from_db()
    assert contract.status == ContractStatus.REGISTERED and contract.registration_no == "2025371000000001"
    assert list(contract.steps.values_list("kind", flat=True)) == [
        StepKind.FILED,
        StepKind.SUBMITTED,
        StepKind.MATERIAL_REQUESTED,
        StepKind.MATERIAL_RECEIVED,
        StepKind.REGISTERED,
    ]
    assert contract.history.first().history_user == registrar
    certificate = client.get(reverse("transfer:certificate", args=[contract.pk]))
    assert certificate["Content-Type"] == "application/pdf" and certificate.content.startswith(b"%PDF")


def test_a_refused_act_keeps_what_was_typed_and_says_why_in_chinese(client, university, buyer, registrar):
    contract = registration.submit(
        draft(university, buyer, "6000000", filed_with=office()), dt.date(2025, 3, 3)
    )
    client.force_login(registrar)
    response = client.post(
        reverse("transfer:act", args=[contract.pk, "register"]),
        {"register-on": "2025-03-10", "register-note": "经审查符合登记条件"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "成交额500万元以上或有争议的合同须先经专家评审" in page and "经审查符合登记条件" in page
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SUBMITTED and not contract.registration_no


def test_change_and_an_upheld_objection_are_on_the_record_with_before_and_after(
    client, university, buyer, registrar
):
    contract = registration.register(
        registration.submit(draft(university, buyer, filed_with=office()), dt.date(2025, 3, 3)),
        dt.date(2025, 3, 10),
    )
    client.force_login(registrar)
    client.post(
        reverse("transfer:act", args=[contract.pk, "change"]),
        {
            "change-on": "2025-04-01",
            "change-note": "补充协议增加开发内容",
            "change-title": contract.title,
            "change-amount_yuan": "450万",
            "change-technical_amount_yuan": "400万",
        },
    )
    contract.refresh_from_db()
    assert contract.amount_yuan == Decimal(4_500_000)
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "4,000,000.00" in page and "4,500,000.00" in page  # the trail: before → after

    client.post(
        reverse("transfer:act", args=[contract.pk, "object"]),
        {"object-on": "2025-04-02", "object-raised_by": "某研究所", "object-reason": "技术成果权属有争议"},
    )
    objection = contract.objections.get()
    client.post(
        reverse("transfer:decide_objection", args=[contract.pk, objection.pk]),
        {"decide-on": "2025-04-10", "decide-upheld": "1", "decide-decision": "权属证明不足"},
    )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.CANCELLED
    assert Step.objects.filter(contract=contract, kind=StepKind.CANCELLED, by=registrar).exists()


def test_others_see_no_contract_and_cannot_act(client, university, buyer, enterprise_user):
    contract = draft(university, buyer, filed_with=office())
    client.force_login(enterprise_user)
    assert client.get(contract.get_absolute_url()).status_code == 404
    assert client.get(reverse("transfer:contracts")).status_code == 200
    assert client.get(reverse("transfer:statistics")).status_code == 403


def test_the_list_filters_by_region_type_year_status_and_search(client, university, buyer, bureau_admin):
    filed_with = office()
    kept = registration.register(
        registration.submit(draft(university, buyer, filed_with=filed_with), dt.date(2025, 3, 3)),
        dt.date(2025, 3, 10),
    )
    draft(university, buyer, contract_type="service", filed_with=filed_with)
    client.force_login(bureau_admin)
    for query in (
        {"region": "371000", "contract_type": "development", "year": "2025", "status": "registered"},
        {"q": kept.registration_no},
    ):
        response = client.get(reverse("transfer:contracts"), query)
        assert list(response.context["listing"].object_list) == [kept]


def test_statistics_rows_link_to_exactly_the_contracts_they_count(client, university, buyer, bureau_admin):
    filed_with = office()
    for amount, on in (("1000000", dt.date(2025, 3, 10)), ("3000000", dt.date(2025, 6, 2))):
        registration.register(
            registration.submit(draft(university, buyer, amount, filed_with=filed_with), on), on
        )
    dropped = registration.register(
        registration.submit(draft(university, buyer, "2000000", filed_with=filed_with), dt.date(2025, 4, 1)),
        dt.date(2025, 4, 2),
    )
    registration.cancel(dropped, dt.date(2025, 5, 6), "重复登记")
    client.force_login(bureau_admin)
    page = client.get(reverse("transfer:statistics"), {"year": "2025"})
    by_type = next(t for t in page.context["tables"] if t["table"].dimension.code == "type")
    row = by_type["rows"][0]
    assert (row["cell"].contracts, row["cell"].amount_yuan) == (2, Decimal(4_000_000))
    cell = client.get(row["url"])
    assert cell.context["count"] == 2 and cell.context["amount_yuan"] == Decimal(4_000_000)
    assert "4,000,000.00" in page.content.decode()
    assert client.get(reverse("transfer:cell")).status_code == 404
    assert client.get(reverse("transfer:cell"), {"by": "year", "code": "２０２５"}).status_code == 404


def test_an_agreement_of_a_matched_need_becomes_a_draft_without_re_entry(client, university, buyer):
    filed_with = office()
    need = TechnologyNeed.objects.create(
        enterprise=buyer, title="船舶涂层防腐", field="新材料", budget_yuan=Decimal(1_000_000)
    )
    candidate = MatchCandidate.objects.create(
        need=need,
        kind="organization",
        object_id=university.pk,
        title=university.name,
        organization=university,
        rank=1,
        score=0.9,
    )
    buyer_user = persona("enterprise_user", buyer)
    agreement = loop.accept(candidate, buyer_user, "transfer", Decimal("1200000"))
    client.force_login(buyer_user)
    page = client.get(reverse("matching:agreement", args=[agreement.pk])).content.decode()
    assert reverse("transfer:from_agreement", args=[agreement.pk]) in page

    response = client.post(reverse("transfer:from_agreement", args=[agreement.pk]))
    contract = Contract.objects.get()
    assert response.url == contract.get_absolute_url()
    assert (contract.seller, contract.buyer, contract.contract_type) == (university, buyer, "transfer")
    assert (contract.title, contract.amount_yuan, contract.need) == (
        agreement.title,
        Decimal(1_200_000),
        need,
    )
    assert contract.office == filed_with
    client.post(reverse("transfer:from_agreement", args=[agreement.pk]))
    assert Contract.objects.count() == 1

    Attachment.objects.create(
        contract=contract,
        kind="contract_text",
        name="合同.pdf",
        size=len(PDF),
        file=SimpleUploadedFile("合同.pdf", PDF),
    )
    contract = registration.register(registration.submit(contract, contract.signed), contract.signed)
    agreement.refresh_from_db()
    assert agreement.status == "registered" and agreement.registration_no == contract.registration_no


def test_the_contract_list_sorts_and_exports_what_it_shows(client, university, buyer, bureau_admin):
    filed_with = office()
    for amount in ("1000000", "3000000"):
        draft(university, buyer, amount, filed_with=filed_with)
    client.force_login(bureau_admin)
    page = client.get(reverse("transfer:contracts"), {"sort": "-amount"})
    assert [c.amount_yuan for c in page.context["listing"].object_list] == [
        Decimal(3_000_000),
        Decimal(1_000_000),
    ]
    export = client.get(reverse("transfer:contracts"), {"sort": "-amount", "export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(export.streaming_content).startswith(b"PK")
    export.close()
