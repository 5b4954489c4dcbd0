"""The synonym and industry vocabulary shipped with the product; staff extend it on the vocabulary page."""

from __future__ import annotations

SHIPPED_SYNONYMS: list[tuple[str, str]] = [
    ("新能源", "动力电池、锂电池、锂离子电池"),
    ("新能源", "储能、储能电站、储能系统"),
    ("新能源", "光伏、太阳能电池"),
    ("新能源", "氢能、燃料电池"),
    ("新材料", "碳纤维、复合材料"),
    ("新材料", "石墨烯、碳材料"),
    ("新材料", "稀土、稀土材料"),
    ("新材料", "陶瓷、先进陶瓷、特种陶瓷"),
    ("新材料", "高分子、聚合物、塑料"),
    ("化工", "催化剂、催化"),
    ("化工", "涂料、涂层"),
    ("生物医药", "生物医药、医药、制药"),
    ("生物医药", "中药、中医药"),
    ("生物医药", "医疗器械、医疗设备"),
    ("装备制造", "数控机床、机床"),
    ("装备制造", "机器人、工业机器人"),
    ("装备制造", "轴承、滚动轴承"),
    ("装备制造", "减速器、减速机"),
    ("电子信息", "人工智能、ai、机器学习"),
    ("电子信息", "芯片、集成电路、半导体"),
    ("电子信息", "传感器、传感"),
    ("电子信息", "大数据、数据分析"),
    ("电子信息", "物联网、iot"),
    ("电子信息", "工业互联网、智能制造"),
    ("节能环保", "污水处理、废水处理、水处理"),
    ("节能环保", "固废、固体废物"),
    ("节能环保", "节能、降耗"),
    ("现代农业", "农业、种植"),
    ("现代农业", "育种、种业"),
    ("现代农业", "畜牧、养殖"),
    ("现代农业", "茶叶、茶"),
]


def load_shipped() -> int:
    """Add the shipped groups that are missing; returns how many were added."""
    from matching.models import Synonym

    known = set(Synonym.objects.values_list("words", flat=True))
    missing = [
        Synonym(industry=industry, words=words) for industry, words in SHIPPED_SYNONYMS if words not in known
    ]
    Synonym.objects.bulk_create(missing)
    return len(missing)
