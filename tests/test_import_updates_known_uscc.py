"""Re-importing a row whose USCC is known updates that organization, with the importer in the audit trail."""

import pytest

from registry.io import import_rows
from registry.models import Organization


@pytest.mark.django_db
def test_known_uscc_updates_the_organization(enterprise, bureau_admin) -> None:
    report = import_rows(
        [
            {
                "名称": "淄博蓝海新材料股份有限公司",
                "统一社会信用代码": enterprise.uscc,
                "机构类型": "企业",
                "地区代码": "370303",
                "所属行业": "先进陶瓷",
                "规模以上": "是",
            }
        ],
        "organization",
        user=bureau_admin,
    )

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    enterprise.refresh_from_db()
    assert enterprise.name == "淄博蓝海新材料股份有限公司"
    assert (enterprise.region_id, enterprise.industry, enterprise.above_designated_size) == (
        "370303",
        "先进陶瓷",
        True,
    )
    latest = enterprise.history.latest()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        bureau_admin,
        "批量导入",
    )


@pytest.mark.django_db
def test_same_row_again_changes_nothing_and_leaves_no_history(enterprise) -> None:
    row = {
        "name": enterprise.name,
        "uscc": enterprise.uscc,
        "kind": "enterprise",
        "region": enterprise.region_id,
        "industry": enterprise.industry,
    }
    history_before = enterprise.history.count()

    report = import_rows([row], "organization")

    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert enterprise.history.count() == history_before


@pytest.mark.django_db
def test_columns_left_out_of_the_file_keep_their_values(enterprise) -> None:
    Organization.objects.filter(pk=enterprise.pk).update(address="淄博市张店区华光路1号")

    import_rows(
        [{"name": "新名称", "uscc": enterprise.uscc, "kind": "enterprise", "region": "370302"}],
        "organization",
    )

    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.address) == ("新名称", "淄博市张店区华光路1号")


@pytest.mark.django_db
def test_new_and_known_rows_in_one_file(enterprise, bureau_admin) -> None:
    from registry.validators import make_uscc

    new_uscc = make_uscc("91", "370300", 424242)
    report = import_rows(
        [
            {
                "name": enterprise.name,
                "uscc": enterprise.uscc,
                "kind": "enterprise",
                "region": "370302",
                "industry": "生物医药",
            },
            {"name": "淄博新设科技有限公司", "uscc": new_uscc, "kind": "enterprise", "region": "370322"},
        ],
        "organization",
        user=bureau_admin,
    )

    assert (report.created, report.updated) == (1, 1)
    created = Organization.objects.get(uscc=new_uscc)
    assert created.history.get().history_user == bureau_admin
    assert created.created_at is not None


@pytest.mark.django_db
def test_platform_known_by_name_and_host_is_updated_with_partners(enterprise, other_enterprise) -> None:
    row = {
        "name": "淄博市新材料工程技术研究中心",
        "host_uscc": enterprise.uscc,
        "platform_type": "工程技术研究中心",
        "region": "370302",
        "stage": "培育",
        "partner_usccs": other_enterprise.uscc,
    }
    assert import_rows([row], "platform").created == 1

    report = import_rows([{**row, "stage": "认定", "level": "市级", "partner_usccs": ""}], "platform")

    assert (report.created, report.updated) == (0, 1)
    platform = enterprise.hosted_platforms.get()
    assert (platform.stage, platform.level) == ("approved", "municipal")
    assert not platform.partners.exists()
