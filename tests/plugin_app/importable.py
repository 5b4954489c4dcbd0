"""A kind of the test app's own that `kechuang import/export` reads and writes, registered from this
folder alone (kechuang.plugins, `importable.py`). It files certificates as qualifications."""

from registry.io.columns import KindColumns, field_columns, name_column, organization_column
from registry.models import Qualification

LAYOUTS = [
    KindColumns(
        "plugin_certificate",
        "测试证书",
        Qualification,
        (
            organization_column("organization_uscc", "统一社会信用代码", "organization", required=True),
            name_column("organization_name", "机构名称", "organization.name"),
            *field_columns(Qualification, ["type", "granted", "certificate_no"]),
        ),
        key=("organization_uscc", "type", "granted"),
        related=("organization",),
        organization_lookup="organization",
        staff_only=True,
    )
]
