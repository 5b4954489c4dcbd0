"""The five seed policies as shipped data: ingested with the pipeline, stored confirmed, once each.

Their metadata (title, number, issuer, dates) was reviewed by hand against the published texts and
wins over what the parser read, as a reviewer's correction would; everything else is the parser's."""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from django.core.exceptions import ImproperlyConfigured

from policies.actions import open_rule_drafts
from policies.models import PolicyDocument
from policies.seeds import SEED_POLICIES
from policies.store import StoreError, store_parsed
from registry.models import Region

REVIEWED_METADATA: dict[str, dict[str, Any]] = {
    "zibo-2020-platforms": {
        "title": "关于加强科技创新平台建设加速新旧动能转换的意见",
        "doc_number": "淄政办字〔2020〕43号",
        "issuer": "淄博市人民政府办公室",
        "issued_date": dt.date(2020, 4, 10),
    },
    "binzhou-2020-integrated-system": {
        # The published text carries neither a number nor an issuing office nor a date.
        "title": "关于建立“产学研金服用”一体化科创体系实施方案",
    },
    "anshun-2021-platforms": {
        "title": "安顺市科技创新平台量质双提升三年行动方案（2021-2023年）",
        "issuer": "安顺市人民政府办公室",
        "issued_date": dt.date(2021, 12, 24),
    },
    "zibo-2023-sci-province": {
        "title": "关于贯彻落实《山东省人民政府关于加快推进新时代科技强省建设的实施意见》的意见",
        "doc_number": "淄科发〔2023〕22号",
        "issuer": "、".join(
            [
                "淄博市科学技术局",
                "中共淄博市委组织部",
                "淄博市科协",
                "淄博市发展改革委",
                "淄博市教育局",
                "淄博市工业和信息化局",
                "淄博市财政局",
                "淄博市人力资源和社会保障局",
                "淄博市自然资源和规划局",
                "淄博市生态环境局",
                "淄博市农业农村局",
                "淄博市人民政府国有资产监督管理委员会",
                "淄博市市场监督管理局",
                "淄博市地方金融监督管理局",
                "中国人民银行淄博市分行",
                "国家金融监督管理总局淄博监管分局",
            ]
        ),
        "issued_date": dt.date(2023, 12, 20),
        "effective_from": dt.date(2024, 1, 20),
        "effective_until": dt.date(2028, 12, 31),
    },
    "weihai-2023-innovation-city": {
        "title": "关于强化科技创新支撑国家创新型城市建设的实施意见",
        "doc_number": "威政发〔2023〕5号",
        "issuer": "威海市人民政府",
        "issued_date": dt.date(2023, 7, 13),
        "effective_from": dt.date(2023, 7, 13),
        "effective_until": dt.date(2028, 7, 12),
    },
}


def load(stdout: TextIO) -> None:
    """Store each seed that is not stored yet (matched by code), confirmed, with its rule drafts."""
    try:
        from policies.ingest import parse_file
    except ImportError as error:
        raise ImproperlyConfigured(
            "政策文件解析器（policies.ingest.parse_file）不可用，无法导入种子政策文件。"
        ) from error

    for seed in SEED_POLICIES:
        if PolicyDocument.objects.filter(code=seed.code).exists():
            stdout.write(f"政策文件 {seed.code} 已存在，跳过\n")
            continue
        if not seed.path.is_file():
            raise ImproperlyConfigured(f"找不到种子政策文件 {seed.path}（可用 KECHUANG_SEEDS_DIR 指定目录）")
        parsed = parse_file(seed.path).model_copy(update=REVIEWED_METADATA[seed.code])
        region = Region.objects.get(code=seed.region)
        try:
            document = store_parsed(parsed, code=seed.code, region=region, confirmed=True)
        except StoreError as error:
            raise ImproperlyConfigured(f"种子政策文件 {seed.code} 无法导入：{error}") from error
        drafts = open_rule_drafts(document, user=None)
        stdout.write(
            f"政策文件 {seed.code}：{document.clauses.count()} 条款，"
            f"{document.moneyprovisions.count()} 项资金，{document.policytargets.count()} 项目标，"
            f"{len(drafts)} 份规则草稿\n"
        )
