"""CSV saved by Chinese Excel (GBK, Chinese headers) imports like UTF-8 with or without its BOM."""

import pytest

from registry.io import import_file
from registry.models import Organization
from registry.validators import make_uscc

USCC = make_uscc("91", "370300", 777)
TEXT = f"名称*,统一社会信用代码*,机构类型,地区代码,规模以上\r\n淄博鑫磊陶瓷有限公司,{USCC},企业,370303,是\r\n"


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_chinese_csv_in_any_common_encoding_imports(tmp_path, encoding) -> None:
    path = tmp_path / "机构.csv"
    path.write_bytes(TEXT.encode(encoding))

    report = import_file(path, "organization")

    assert report.ok, report.errors
    organization = Organization.objects.get(uscc=USCC)
    assert (organization.name, organization.kind, organization.region_id) == (
        "淄博鑫磊陶瓷有限公司",
        "enterprise",
        "370303",
    )
    assert organization.above_designated_size is True
