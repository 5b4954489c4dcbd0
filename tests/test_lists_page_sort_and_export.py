"""Every list page pages, sorts by whitelisted keys and exports what it shows (kechuang.listing)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import RequestFactory
from django.urls import reverse

from kechuang.listing import PAGE_SIZES, Column, page_number, paged, sort_choice, sort_queryset, sort_rows
from registry.models import Organization
from tests.factories import OrganizationFactory

COLUMNS = (
    Column("名称", lambda row: row["name"], key="name"),
    Column("金额", lambda row: row["amount"], key="amount"),
    Column("备注", lambda row: row.get("note", "")),
)


def _row(pk: int, name: str, amount: int | None) -> dict:
    return {"pk": pk, "name": name, "amount": amount}


def _ids(rows: list[dict]) -> list[int]:
    return [row["pk"] for row in rows]


def test_only_a_columns_own_key_selects_a_sort() -> None:
    assert sort_choice(COLUMNS, "-amount") == (COLUMNS[1], True)
    assert sort_choice(COLUMNS, "name") == (COLUMNS[0], False)
    # A column without a key, a field name no column offers and an ORM path all fall back to the default.
    for requested in ("note", "备注", "uscc", "organization__password", "-pk", "name; DROP TABLE"):
        assert sort_choice(COLUMNS, requested, default="-amount") == (COLUMNS[1], True)
        assert sort_choice(COLUMNS, requested) == (None, False)


@pytest.mark.django_db
def test_unknown_sort_never_reaches_order_by() -> None:
    queryset = Organization.objects.all()
    sorted_by_password = sort_queryset(queryset, COLUMNS[:1], "password")
    assert sorted_by_password.query.order_by == queryset.query.order_by
    by_name = str(sort_queryset(queryset, COLUMNS[:1], "-name").query)
    assert (
        'ORDER BY "registry_organization"."name" DESC' in by_name
        and '"registry_organization"."id" ASC' in by_name
    )


def test_rows_sort_with_ties_in_id_order_and_missing_values_last() -> None:
    rows = [_row(3, "乙", 10), _row(1, "甲", None), _row(2, "丙", 10), _row(4, "丁", 5)]
    identity = lambda row: row["pk"]  # noqa: E731
    assert _ids(sort_rows(rows, COLUMNS, "amount", identity=identity)) == [4, 2, 3, 1]
    assert _ids(sort_rows(rows, COLUMNS, "-amount", identity=identity)) == [2, 3, 4, 1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, (1, True)),
        ("3", (3, True)),
        ("0", (1, False)),
        ("-2", (1, False)),
        ("abc", (1, False)),
        ("٣", (1, False)),
        ("99999999999999999999", (40_000_000, True)),
    ],
)
def test_page_numbers_that_name_no_page_are_read_as_the_first(text, expected) -> None:
    assert page_number(text) == expected


def _listing(query: dict, rows: list[dict]):
    request = RequestFactory().get("/list/", query)
    return paged(request, rows, COLUMNS, title="测试", identity=lambda row: row["pk"])


def test_a_page_beyond_the_end_shows_the_last_page_and_says_so() -> None:
    rows = [_row(pk, f"机构{pk}", pk) for pk in range(1, 61)]
    listing = _listing({"page": "9"}, rows)
    assert listing.number == 3 and len(listing.object_list) == 10 and not listing.has_next
    assert listing.notice == "第 9 页超出范围（共 3 页），已显示最后一页。"


def test_a_bad_page_number_shows_the_first_page_and_says_so() -> None:
    listing = _listing({"page": "二"}, [_row(1, "甲", 1)])
    assert listing.number == 1 and listing.notice == "页码“二”无效，已显示第 1 页。"


def test_page_size_is_one_of_the_offered_sizes() -> None:
    rows = [_row(pk, f"机构{pk}", pk) for pk in range(1, 120)]
    assert _listing({"size": "100"}, rows).size == 100
    assert _listing({"size": "100000"}, rows).size == PAGE_SIZES[0]
    assert _listing({"size": "50", "page": "2"}, rows).object_list[0]["pk"] == 51


def test_numbered_pages_name_the_first_the_last_and_the_neighbours() -> None:
    rows = [_row(pk, f"机构{pk}", pk) for pk in range(1, 63 * 25 + 1)]
    assert _listing({"page": "30"}, rows).numbers == [1, None, 28, 29, 30, 31, 32, None, 63]
    assert _listing({}, rows).numbers == [1, 2, 3, None, 63]


@pytest.mark.django_db
def test_registry_list_sorts_pages_and_jumps(client) -> None:
    for name in ("丙公司", "甲公司", "乙公司"):
        OrganizationFactory(name=f"淄博{name}")
    url = reverse("registry:organization_list")
    page = client.get(url, {"sort": "-name", "size": "25"}).content.decode()
    assert (
        page.index("淄博甲公司") < page.index("淄博乙公司") < page.index("淄博丙公司")
    )  # code points, descending
    assert 'aria-sort="descending"' in page and 'href="?sort=name&amp;size=25"' in page
    # The filter form keeps the sort and the page size when the reader filters.
    assert '<input type="hidden" name="sort" value="-name">' in page
    assert client.get(url, {"sort": "organization__password"}).status_code == 200


def _sheet(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return list(workbook.worksheets[0].iter_rows(values_only=True))


@pytest.mark.django_db
def test_policy_list_searches_title_number_and_issuer_and_exports_what_it_shows(client, bureau_admin) -> None:
    from policies.models import DocumentStatus, PolicyDocument

    def document(title: str, number: str, issuer: str, code: str) -> PolicyDocument:
        return PolicyDocument.objects.create(
            code=code,
            title=title,
            doc_number=number,
            issuer=issuer,
            region_id="370300",
            text="一、总则",
            status=DocumentStatus.CONFIRMED,
        )

    document("关于加快科技创新的若干措施", "淄政发〔2020〕5号", "淄博市人民政府", "zibo-a")
    document('=HYPERLINK("http://x")科技金融办法', "淄科发〔2023〕1号", "淄博市科学技术局", "zibo-b")
    document("人才引进办法", "", "淄博市人才办", "zibo-c")
    client.force_login(bureau_admin)
    url = reverse("policies:document_list")
    for query, found in (("科技", 2), ("淄科发", 1), ("人才办", 1), ("淄博 科学技术局", 1), ("威海", 0)):
        assert client.get(url, {"q": query}).context["listing"].total == found, query
    rows = _sheet(client.get(url, {"q": "科技", "sort": "-number", "export": "xlsx"}))
    assert rows[0][:3] == ("标题", "文号", "发文机关")
    assert [row[1] for row in rows[1:]] == ["淄科发〔2023〕1号", "淄政发〔2020〕5号"]
    # A title that reads as a formula is stored as text, never evaluated.
    assert rows[1][0].startswith("=HYPERLINK")
    workbook = openpyxl.load_workbook(
        io.BytesIO(
            b"".join(client.get(url, {"q": "科技", "sort": "-number", "export": "xlsx"}).streaming_content)
        )
    )
    assert workbook.worksheets[0]["A2"].data_type == "s"


@pytest.mark.django_db
def test_cultivation_pool_exports_the_filtered_sorted_list(client) -> None:
    from tests.factories import PlatformFactory

    PlatformFactory(name="乙孵化器", platform_type="incubator", stage="applying", target_level="national")
    PlatformFactory(name="甲孵化器", platform_type="incubator", stage="reserve", target_level="provincial")
    PlatformFactory(name="丙工程中心", stage="cultivating", target_level="provincial")
    rows = _sheet(
        client.get(
            reverse("registry:cultivation_pool"),
            {"platform_type": "incubator", "sort": "target", "export": "xlsx"},
        )
    )
    assert rows[0][:3] == ("平台名称", "平台类型", "培育目标")
    assert [(row[0], row[2]) for row in rows[1:]] == [("乙孵化器", "国家级"), ("甲孵化器", "省级")]


@pytest.mark.django_db
def test_finder_winners_list_and_export_one_rule_by_amount(client, bureau_admin) -> None:
    from decimal import Decimal

    from benefits.models import BenefitAward, BenefitRun

    run = BenefitRun.objects.create(year=2024, total=0, started_by=bureau_admin)
    for name, rule, amount, excluded in (
        ("甲公司", "growth", "500000", ""),
        ("乙公司", "growth", "2250000", ""),
        ("丙公司", "growth", "900000", "other"),  # lost a stacking conflict: not a winner
        ("丁公司", "platform", "100000", ""),
    ):
        BenefitAward.objects.create(
            run=run,
            organization=OrganizationFactory(name=name),
            rule_id=rule,
            policy="weihai",
            title=f"{rule} 奖励",
            department="市科技局",
            budget_line="",
            amount=Decimal(amount),
            excluded_by=excluded,
        )
    client.force_login(bureau_admin)
    url = reverse("benefits:winners", args=[run.pk])
    page = client.get(url, {"rule": "growth"}).content.decode()
    assert page.index("乙公司") < page.index("甲公司") and "丙公司" not in page and "丁公司" not in page
    assert "2,250,000 元" in page or "225 万元" in page
    rows = _sheet(client.get(url, {"rule": "growth", "sort": "amount", "export": "xlsx"}))
    assert rows[0][0] == "受益机构"
    assert [(row[0], row[5]) for row in rows[1:]] == [("甲公司", "500000.00"), ("乙公司", "2250000.00")]


@pytest.mark.django_db
def test_a_list_with_its_own_export_layout_links_to_it_and_sorts_it(client) -> None:
    for name in ("淄博乙公司", "淄博甲公司"):
        OrganizationFactory(name=name)
    listing = client.get(reverse("registry:organization_list"), {"sort": "-name"}).context["listing"]
    assert listing.export_url == reverse("registry:export", args=["organization"]) + "?sort=-name"
    # The list's own address does not write a second, different file.
    page = client.get(reverse("registry:organization_list"), {"export": "xlsx"})
    assert page["Content-Type"].startswith("text/html")
    rows = _sheet(client.get(listing.export_url))
    assert [row[0] for row in rows[1:]] == ["淄博甲公司", "淄博乙公司"]


def test_an_export_titled_with_characters_a_sheet_name_refuses_still_downloads(db) -> None:
    """`db`: closing the response sends request_finished, which looks at the database connection."""
    from kechuang.listing import export_response

    listing = _listing({}, [_row(1, "甲", 1)])
    listing.title = "R&D/GDP: 研发[投入]强度?"
    response = export_response(listing)
    content = b"".join(response.streaming_content)
    response.close()
    assert openpyxl.load_workbook(io.BytesIO(content)).sheetnames == ["R&D－GDP－ 研发－投入－强度－"]
    assert "/" not in response["Content-Disposition"].split("filename")[1]


def test_loan_list_filters_sorts_and_exports_what_it_shows(client, run_demo, bureau_admin) -> None:
    from finance import demo as finance_demo

    run_demo()
    finance_demo.load(io.StringIO())
    client.force_login(bureau_admin)
    url = reverse("finance:loans")
    listing = client.get(url, {"sort": "-amount"}).context["listing"]
    amounts = [loan.amount_yuan for loan in listing.object_list]
    assert len(amounts) > 1 and amounts == sorted(amounts, reverse=True)
    rows = _sheet(client.get(url, {"status": "bad", "sort": "-amount", "export": "xlsx"}))
    assert rows[0][:3] == ("借款合同编号", "贷款品种", "借款企业")
    assert {row[7] for row in rows[1:]} == {"不良"}
    assert len(rows) - 1 == client.get(url, {"status": "bad"}).context["listing"].total


def test_booking_list_sorts_by_start_and_exports_the_times_as_shown(client, enterprise_user) -> None:
    from sharing import booking
    from tests.sharing_helpers import at, lab, shared_instrument

    instrument = shared_instrument(lab())
    for day in (3, 1, 2):
        booking.request(enterprise_user, instrument, booking.Slot(at(day, 9), at(day, 11)), f"测试{day}")
    client.force_login(enterprise_user)
    url = reverse("sharing:bookings")
    assert [item.purpose for item in client.get(url).context["listing"].object_list] == [
        "测试3",
        "测试2",
        "测试1",
    ]
    rows = _sheet(client.get(url, {"sort": "start", "export": "xlsx"}))
    assert rows[0] == ("仪器", "时间", "预约单位", "用途", "状态")
    assert [row[3] for row in rows[1:]] == ["测试1", "测试2", "测试3"]
    assert rows[1][1] == f"{at(1, 9):%Y-%m-%d} 09:00–11:00"


def test_need_list_sorts_by_title_links_each_need_to_its_candidates_and_exports(
    client, enterprise_user
) -> None:
    from registry.models import TechnologyNeed

    for title in ("锂电池隔膜涂覆", "动力电池回收", "高温合金铸造"):
        TechnologyNeed.objects.create(enterprise=enterprise_user.organization, title=title, field="新材料")
    client.force_login(enterprise_user)
    url = reverse("matching:needs")
    page = client.get(url, {"sort": "title"})
    titles = [need.title for need in page.context["listing"].object_list]
    assert titles == sorted(titles)
    first = page.context["listing"].object_list[0]
    assert reverse("matching:need_candidates", args=[first.pk]) in page.content.decode()
    rows = _sheet(client.get(url, {"sort": "-title", "export": "xlsx"}))
    assert rows[0] == ("需求名称", "需求企业", "技术领域")
    assert [row[0] for row in rows[1:]] == sorted(titles, reverse=True)
