"""The four seed cities as the demo sees them: their leading industries (as the seed policies name
them), universities, institutes, hospitals, banks and government departments.

Institution and department names are the real public ones; every enterprise is invented (see plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from registry.demo.words import OCEAN_INSTRUMENTS


@dataclass(frozen=True)
class Industry:
    label: str  # Organization.industry
    trades: tuple[str, ...]  # the 行业词 of a company name: 淄博鑫泰「新材料科技」有限公司
    fields: tuple[str, ...]  # technical fields of platforms, people and needs
    subjects: tuple[str, ...]  # products and processes that achievements and needs are about
    weight: int


@dataclass(frozen=True)
class Department:
    pattern: str  # the full name with the city's name left out: {city}市科学技术局
    short: str  # how the seed policies write it: 市科技局
    office: str  # which ministry line it belongs to, for approval document numbers

    def name_in(self, city: str) -> str:
        return self.pattern.format(city=city)


# The departments the seed policies name as lead or cooperating units, in their full official names.
COMMON_DEPARTMENTS = (
    Department("{city}市科学技术局", "市科技局", "science"),
    Department("{city}市发展和改革委员会", "市发展改革委", "development"),
    Department("{city}市工业和信息化局", "市工业和信息化局", "industry"),
    Department("{city}市财政局", "市财政局", "finance"),
    Department("{city}市教育局", "市教育局", "education"),
    Department("{city}市人力资源和社会保障局", "市人力资源社会保障局", "human_resources"),
    Department("{city}市市场监督管理局", "市市场监管局", "market"),
    Department("{city}市地方金融监督管理局", "市地方金融监管局", "finance_regulation"),
    Department("{city}市农业农村局", "市农业农村局", "agriculture"),
    Department("{city}市卫生健康委员会", "市卫生健康委", "health"),
    Department("{city}市自然资源和规划局", "市自然资源和规划局", "land"),
    Department("{city}市生态环境局", "市生态环境局", "environment"),
    Department("{city}市商务局", "市商务局", "commerce"),
    # Not a government department but a lead unit of the seeds' tasks, which report like one.
    Department("{city}市科学技术协会", "市科协", "science_association"),
)


@dataclass(frozen=True)
class City:
    code: str
    name: str  # 淄博
    seat: str  # adcode of the district where the city government, banks and agencies sit
    province: str  # 山东
    doc: str  # the one-character abbreviation in document numbers: 淄科字〔2022〕12号
    province_doc: str  # 鲁
    industries: tuple[Industry, ...]
    # County adcode → industries that cluster there (weighted up when placing enterprises).
    clusters: dict[str, tuple[str, ...]]
    universities: tuple[tuple[str, str], ...]  # (name, county adcode)
    institutes: tuple[tuple[str, str], ...]
    hospitals: tuple[tuple[str, str], ...]
    programmes: tuple[str, ...]  # city and provincial talent programmes
    enterprises: int  # at full scale
    extra_departments: tuple[Department, ...] = ()
    roads: tuple[str, ...] = field(default=("人民路", "创业路", "科技大道", "世纪路", "工业大道", "新华路"))
    # Instruments only this city has (a coastal city's ocean instruments), on top of words.INSTRUMENTS.
    extra_instruments: tuple[tuple[str, str, tuple[str, ...], int, int], ...] = ()

    @property
    def departments(self) -> tuple[Department, ...]:
        return COMMON_DEPARTMENTS + self.extra_departments


SHANDONG_PROGRAMMES = ("泰山学者特聘专家", "泰山学者青年专家", "泰山产业领军人才", "齐鲁首席技师")
GUIZHOU_PROGRAMMES = ("贵州省“千”层次创新型人才", "贵州省省管专家", "贵州省优秀青年科技人才")

ZIBO = City(
    code="370300",
    seat="370303",
    name="淄博",
    province="山东",
    doc="淄",
    province_doc="鲁",
    enterprises=400,
    industries=(
        Industry(
            "新材料",
            ("新材料科技", "新材料", "材料科技", "高分子材料", "耐火材料", "陶瓷", "硅业", "氟材料"),
            ("先进陶瓷", "高分子材料", "氟硅材料", "耐火材料", "特种玻璃", "功能膜材料"),
            (
                "高纯氧化铝粉体",
                "碳化硅陶瓷膜",
                "含氟聚合物",
                "有机硅密封胶",
                "高性能聚氨酯",
                "陶瓷纤维保温材料",
                "玄武岩纤维",
                "特种耐火浇注料",
                "聚酰亚胺薄膜",
            ),
            6,
        ),
        Industry(
            "精细化工",
            ("化工", "精细化工", "化学", "化工科技", "石化"),
            ("精细化学品", "催化材料", "绿色化工工艺", "电子化学品"),
            (
                "电子级氢氟酸",
                "加氢催化剂",
                "水性涂料树脂",
                "锂电池电解液添加剂",
                "环氧丙烷绿色合成",
                "聚碳酸酯",
                "高纯异丁烯",
            ),
            5,
        ),
        Industry(
            "医药",
            ("制药", "医药", "生物科技", "药业", "生物医药"),
            ("化学制药", "生物制药", "中药现代化", "医药中间体"),
            ("缓控释制剂", "原料药连续化合成", "中药配方颗粒", "兽用疫苗", "手性药物中间体", "药用辅料"),
            3,
        ),
        Industry(
            "装备制造",
            ("机械", "装备", "泵业", "智能装备", "电机", "机床", "重工"),
            ("智能装备", "节能电机", "流体机械", "数控装备", "工业机器人"),
            (
                "高效节能永磁电机",
                "磁力驱动离心泵",
                "智能分拣机器人",
                "高精度数控机床",
                "罗茨真空泵",
                "液压元件",
                "智能巡检装备",
            ),
            4,
        ),
        Industry(
            "汽车零部件",
            ("汽车零部件", "汽车部件", "车桥", "制动系统"),
            ("汽车零部件", "新能源汽车", "轻量化材料"),
            (
                "新能源汽车驱动电机",
                "铝合金轮毂轻量化",
                "电动汽车热管理系统",
                "商用车制动盘",
                "氢燃料电池双极板",
            ),
            2,
        ),
        Industry(
            "电子信息",
            ("电子", "信息技术", "软件", "光电", "微电子"),
            ("电子信息", "集成电路", "工业软件", "光电子"),
            ("功率半导体器件", "MEMS传感器", "工业互联网平台", "制造执行系统", "激光器件"),
            2,
        ),
        Industry(
            "现代农业",
            ("农业科技", "生态农业", "种业", "食品"),
            ("现代农业", "食品加工", "果蔬种植"),
            ("小麦新品种选育", "蔬菜无土栽培", "果蔬冷链保鲜", "沂源苹果标准化种植"),
            1,
        ),
    ),
    clusters={
        "370302": ("新材料", "装备制造"),
        "370303": ("电子信息", "医药", "装备制造"),
        "370304": ("新材料", "装备制造"),
        "370305": ("精细化工",),
        "370306": ("新材料",),
        "370321": ("精细化工", "新材料"),
        "370322": ("现代农业", "精细化工"),
        "370323": ("医药", "现代农业"),
    },
    universities=(("山东理工大学", "370303"), ("淄博职业学院", "370303"), ("山东工业职业学院", "370306")),
    institutes=(
        ("淄博产业技术研究院", "370303"),
        ("淄博市农业科学研究院", "370303"),
        ("淄博市新材料研究院", "370302"),
    ),
    hospitals=(("淄博市中心医院", "370303"), ("淄博市第一医院", "370303"), ("淄博市中医医院", "370303")),
    programmes=SHANDONG_PROGRAMMES + ("淄博英才计划",),
    extra_departments=(
        Department("{city}市人民政府国有资产监督管理委员会", "市国资委", "assets"),
        Department("中共{city}市委组织部", "市委组织部", "party"),
    ),
    roads=("人民路", "柳泉路", "华光路", "鲁泰大道", "共青团路", "联通路"),
)

BINZHOU = City(
    code="371600",
    seat="371602",
    name="滨州",
    province="山东",
    doc="滨",
    province_doc="鲁",
    enterprises=340,
    industries=(
        Industry(
            "高端铝业",
            ("铝业", "铝材", "铝合金", "轻合金", "铝制品"),
            ("铝合金材料", "铝精深加工", "轻量化材料", "电解铝节能"),
            (
                "高强韧铝合金型材",
                "汽车轻量化铝板",
                "航空用铝合金锻件",
                "铝液直供短流程",
                "电解槽节能改造",
                "再生铝保级利用",
            ),
            5,
        ),
        Industry(
            "生态纺织",
            ("纺织", "家纺", "服饰", "纺织科技", "棉业", "印染"),
            ("功能纺织材料", "纺织智能制造", "绿色印染"),
            ("抗菌功能面料", "高支高密纺纱", "无水染色", "再生纤维素纤维", "智能化纺纱车间"),
            4,
        ),
        Industry(
            "高端化工",
            ("化工", "石化", "化学", "化工科技"),
            ("高端化工", "盐化工", "石油化工", "精细化学品"),
            ("环氧氯丙烷清洁生产", "高纯氢", "聚醚多元醇", "溴系阻燃剂", "烧碱节能工艺"),
            4,
        ),
        Industry(
            "高端装备",
            ("机械", "装备", "重工", "汽车零部件", "活塞"),
            ("高端装备", "汽车零部件", "智能制造"),
            ("内燃机活塞", "智能农机", "数控折弯机", "新能源汽车减速器", "高压储氢瓶"),
            3,
        ),
        Industry(
            "粮食加工",
            ("食品", "粮油", "粮业", "生物科技"),
            ("粮食精深加工", "功能食品", "食品安全"),
            ("玉米淀粉精深加工", "功能性低聚糖", "小麦蛋白提取", "冷冻面制品", "大豆肽"),
            3,
        ),
        Industry(
            "畜牧水产",
            ("畜牧", "养殖", "水产", "牧业"),
            ("畜禽健康养殖", "水产养殖", "饲料"),
            ("生物饲料", "肉牛良种繁育", "黄河口大闸蟹生态养殖", "畜禽粪污资源化利用"),
            1,
        ),
        Industry(
            "智能制造与大数据",
            ("信息技术", "软件", "大数据", "智能科技", "网络科技"),
            ("大数据", "智能制造", "工业互联网"),
            ("工业大数据平台", "能源管理系统", "智能仓储系统", "5G工业网关"),
            2,
        ),
    ),
    clusters={
        "371681": ("高端铝业", "生态纺织"),
        "371625": ("高端装备", "粮食加工"),
        "371623": ("高端化工",),
        "371603": ("高端化工", "畜牧水产"),
        "371622": ("畜牧水产",),
        "371621": ("生态纺织",),
        "371602": ("高端装备", "智能制造与大数据"),
    },
    universities=(("山东航空学院", "371602"), ("滨州医学院", "371602"), ("滨州职业学院", "371602")),
    institutes=(
        ("滨州魏桥国科高等技术研究院", "371681"),
        ("滨州市农业科学院", "371602"),
        ("滨州市产业技术研究院", "371602"),
    ),
    hospitals=(("滨州医学院附属医院", "371602"), ("滨州市人民医院", "371602"), ("滨州市中医医院", "371602")),
    programmes=SHANDONG_PROGRAMMES + ("渤海英才·领军人才",),
    roads=("黄河五路", "渤海七路", "长江一路", "黄河十二路", "渤海十八路", "新立河西路"),
)

ANSHUN = City(
    code="520400",
    seat="520402",
    name="安顺",
    province="贵州",
    doc="安",
    province_doc="黔",
    enterprises=300,
    industries=(
        Industry(
            "航空装备",
            ("航空科技", "航空装备", "航空零部件", "精密制造"),
            ("航空发动机零部件", "航空材料", "精密加工"),
            ("航空发动机叶片", "高温合金精密铸件", "工业级无人机", "航空紧固件", "钛合金锻件"),
            3,
        ),
        Industry(
            "装备制造",
            ("机械", "装备制造", "汽车零部件", "电气", "重工"),
            ("装备制造", "智能制造", "新能源汽车"),
            ("矿用装备", "新能源汽车电池托盘", "智能配电柜", "山地农机装备"),
            3,
        ),
        Industry(
            "大数据",
            ("大数据", "信息技术", "数据科技", "网络科技", "软件"),
            ("大数据", "云计算", "人工智能", "数字乡村"),
            ("政务数据共享平台", "智慧旅游平台", "农产品溯源系统", "设备预测性维护系统"),
            3,
        ),
        Industry(
            "生物医药",
            ("药业", "制药", "生物科技", "民族药业"),
            ("民族医药", "中药材", "生物制药"),
            ("苗药新药研发", "中药饮片炮制", "石斛提取物", "天麻精深加工", "中药配方颗粒"),
            3,
        ),
        Industry(
            "特色农业",
            ("农业", "茶业", "生态农业", "农业科技", "果蔬", "种业"),
            ("茶叶", "精品水果", "蔬菜", "中药材种植", "畜禽养殖"),
            (
                "瀑布毛峰茶加工",
                "金刺梨深加工",
                "精品蔬菜育苗",
                "食用菌栽培",
                "关岭牛良种繁育",
                "紫云红芯红薯种植",
            ),
            4,
        ),
        Industry(
            "新型建材",
            ("建材", "新型建材", "石材", "水泥"),
            ("新型建材", "石材加工", "固废利用"),
            ("装配式建筑构件", "石材废料综合利用", "磷石膏建材", "绿色混凝土"),
            2,
        ),
        Industry(
            "文化旅游",
            ("文化旅游", "旅游开发", "文化传媒"),
            ("文化旅游", "康养旅游"),
            ("屯堡文化数字化展示", "智慧景区管理", "蜡染工艺创新"),
            1,
        ),
    ),
    clusters={
        "520402": ("航空装备", "大数据", "生物医药"),
        "520403": ("航空装备", "装备制造"),
        "520422": ("新型建材", "特色农业"),
        "520423": ("特色农业", "文化旅游"),
        "520424": ("特色农业",),
        "520425": ("特色农业",),
    },
    universities=(("安顺学院", "520402"), ("安顺职业技术学院", "520402"), ("贵州航空职业技术学院", "520402")),
    institutes=(
        ("安顺市农业科学院", "520402"),
        ("安顺市林业科学研究所", "520402"),
        ("安顺市中药材研究所", "520402"),
    ),
    hospitals=(("安顺市人民医院", "520402"), ("安顺市中医院", "520402"), ("安顺市西秀区人民医院", "520402")),
    programmes=GUIZHOU_PROGRAMMES + ("安顺市高层次创新型人才",),
    extra_departments=(
        Department("{city}市投资促进局", "市投促局", "investment"),
        Department("{city}市民政局", "市民政局", "civil"),
    ),
    roads=("中华东路", "黄果树大街", "西秀路", "若飞南路", "虹山湖路", "塔山西路"),
)

WEIHAI = City(
    code="371000",
    seat="371002",
    name="威海",
    province="山东",
    doc="威",
    province_doc="鲁",
    enterprises=360,
    industries=(
        Industry(
            "医疗器械",
            ("医疗器械", "医用制品", "医疗科技", "生物材料", "医疗设备"),
            ("高端医疗器械", "医用高分子材料", "体外诊断", "骨科植入物"),
            (
                "一次性使用输液器",
                "骨科植入器械",
                "血液净化设备",
                "可吸收缝合线",
                "医用导管",
                "体外诊断试剂",
                "药物洗脱支架",
            ),
            5,
        ),
        Industry(
            "海洋生物",
            ("海洋生物", "海洋科技", "海洋食品", "水产", "海藻"),
            ("海洋生物医药", "海洋食品", "海水养殖", "海洋生物制品"),
            ("海藻酸盐", "海参精深加工", "鱼胶原蛋白肽", "甲壳素衍生物", "深远海养殖工船", "海带育苗"),
            4,
        ),
        Industry(
            "碳纤维",
            ("碳纤维", "复合材料", "新材料", "碳材料"),
            ("碳纤维及复合材料", "先进复合材料"),
            ("T800级碳纤维", "碳纤维预浸料", "风电叶片碳梁", "碳纤维复合材料气瓶", "碳纤维自行车架"),
            3,
        ),
        Industry(
            "新一代信息技术",
            ("电子", "信息技术", "智能科技", "光电", "通信"),
            ("打印机及办公设备", "电子元器件", "工业软件", "通信技术"),
            ("激光打印机核心部件", "微型电机", "北斗定位终端", "智能网联终端", "柔性电路板"),
            3,
        ),
        Industry(
            "船舶与海洋工程装备",
            ("船舶", "海洋工程", "造船", "游艇"),
            ("船舶与海洋工程装备", "海洋装备"),
            ("客滚船", "海洋牧场平台", "船用压载水处理系统", "远洋渔船"),
            2,
        ),
        Industry(
            "轮胎橡胶",
            ("轮胎", "橡胶", "橡胶科技"),
            ("橡胶材料", "轮胎制造"),
            ("全钢子午线轮胎", "低滚阻轮胎", "绿色轮胎配方"),
            2,
        ),
        Industry(
            "纺织服装",
            ("纺织", "服饰", "针织", "家纺"),
            ("纺织服装", "功能面料"),
            ("海洋纤维面料", "高端针织服装"),
            1,
        ),
    ),
    clusters={
        "371002": ("医疗器械", "新一代信息技术"),
        "371071": ("医疗器械", "碳纤维", "新一代信息技术"),
        "371072": ("新一代信息技术", "轮胎橡胶"),
        "371003": ("船舶与海洋工程装备", "纺织服装"),
        "371082": ("海洋生物", "船舶与海洋工程装备"),
        "371083": ("海洋生物",),
        "371073": ("碳纤维",),
    },
    universities=(
        ("山东大学（威海）", "371002"),
        ("哈尔滨工业大学（威海）", "371002"),
        ("威海职业学院", "371002"),
    ),
    institutes=(
        ("威海市产业技术研究院", "371071"),
        ("威海市海洋生物产业研究院", "371082"),
        ("威海市农业科学研究院", "371002"),
    ),
    hospitals=(("威海市立医院", "371002"), ("威海市中心医院", "371003"), ("威海市中医院", "371002")),
    programmes=SHANDONG_PROGRAMMES + ("威海英才计划",),
    extra_departments=(
        Department("{city}市海洋发展局", "市海洋发展局", "ocean"),
        Department("{city}市住房和城乡建设局", "市住房城乡建设局", "housing"),
    ),
    roads=("文化西路", "世昌大道", "青岛路", "统一路", "海滨路", "沈阳路"),
    extra_instruments=OCEAN_INSTRUMENTS,
)

CITIES = (ZIBO, BINZHOU, ANSHUN, WEIHAI)
