"""Word lists shared by every city: personal names, trade names, titles, instruments and phrasing."""

from __future__ import annotations

from decimal import Decimal

# The most common Chinese surnames, roughly in order of frequency (earlier ones are drawn more often).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
)
GIVEN_NAME_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁"
    "建国志新春海波峰林欣瑞博文晨阳思雨嘉晓东亮立成永庆宏伦琳雪梅兰凤洁颖慧巧美娟莉倩婷"
)

# Two-character trade names (字号) are drawn as one character from each list.
BRAND_FIRST = "鑫泰瑞恒华金宏昌隆德信润博远汇嘉永康富万天东海森鼎翔凯航创宇正元坤瀚祥泽辰亿佳奥腾齐盛丰"
BRAND_SECOND = "源达兴诚通和安利力晟科新邦盛丰泰华宇茂隆润峰昊越威尔美联拓能益光明润程达固恒川嘉"

# The second part of an incubator's or maker space's name: 淄博「创新谷」众创空间.
PARK_WORDS = (
    "创新谷",
    "智谷",
    "科创园",
    "青创",
    "智汇",
    "云创",
    "创客邦",
    "星火",
    "众创园",
    "创业港",
    "梦工场",
    "科技城",
)

# National programmes come on top of each city's own list (cities.City.programmes).
NATIONAL_PROGRAMMES = (
    "国务院政府特殊津贴专家",
    "国家“万人计划”科技创新领军人才",
    "国家杰出青年科学基金获得者",
    "全国技术能手",
)
# Programmes that only go to people in industry, and those that only go to people in academia;
# skilled-worker honours go to 技师 only, and the senior ones to people with a senior title.
INDUSTRY_PROGRAMMES = {"泰山产业领军人才", "齐鲁首席技师", "全国技术能手"}
ACADEMIC_PROGRAMMES = {"泰山学者特聘专家", "泰山学者青年专家", "国家杰出青年科学基金获得者"}
SKILLED_PROGRAMMES = {"齐鲁首席技师", "全国技术能手"}
SENIOR_PROGRAMMES = {
    "泰山学者特聘专家",
    "泰山产业领军人才",
    "国务院政府特殊津贴专家",
    "贵州省省管专家",
    "国家“万人计划”科技创新领军人才",
    "国家杰出青年科学基金获得者",
}

# Titles by the kind of organization a person works in; the first one or two are the senior ones.
TITLES = {
    "university": ("教授", "研究员", "副教授", "讲师"),
    "research_institute": ("研究员", "正高级工程师", "副研究员", "高级工程师"),
    "hospital": ("主任医师", "教授", "副主任医师", "主治医师"),
    "enterprise": ("正高级工程师", "高级工程师", "工程师", "高级技师"),
}
SENIOR_TITLES = {"教授", "研究员", "正高级工程师", "主任医师"}

CLINICAL_FIELDS = (
    "心血管疾病",
    "肿瘤",
    "骨科疾病",
    "呼吸系统疾病",
    "神经系统疾病",
    "妇产疾病",
    "儿科疾病",
    "中医药",
    "内分泌代谢疾病",
    "眼科疾病",
)


# (name, category, model numbers, lowest and highest value in 万元). Categories follow the national
# catalogue of large research instruments (分析仪器, 物理性能测试仪器 …).
INSTRUMENTS: tuple[tuple[str, str, tuple[str, ...], int, int], ...] = (
    ("场发射扫描电子显微镜", "分析仪器", ("Zeiss Sigma 300", "Hitachi SU8010", "JEOL JSM-7800F"), 180, 450),
    ("X射线衍射仪", "分析仪器", ("Bruker D8 Advance", "Rigaku SmartLab", "PANalytical Empyrean"), 120, 380),
    ("液相色谱-质谱联用仪", "分析仪器", ("Agilent 6470", "Waters Xevo TQ-S", "SCIEX QTRAP 5500"), 150, 420),
    ("核磁共振波谱仪", "分析仪器", ("Bruker AVANCE NEO 400", "Bruker AVANCE III 600"), 300, 900),
    ("电感耦合等离子体质谱仪", "分析仪器", ("Thermo iCAP RQ", "Agilent 7900"), 120, 260),
    ("气相色谱仪", "分析仪器", ("Agilent 8890", "Shimadzu GC-2030"), 25, 60),
    ("傅里叶变换红外光谱仪", "分析仪器", ("Thermo Nicolet iS50", "Bruker INVENIO"), 40, 120),
    ("激光粒度分析仪", "分析仪器", ("Malvern Mastersizer 3000", "Microtrac S3500"), 45, 110),
    ("热重分析仪", "分析仪器", ("NETZSCH TG 209 F1", "TA TGA5500"), 30, 80),
    ("差示扫描量热仪", "分析仪器", ("NETZSCH DSC 214", "TA DSC2500"), 35, 90),
    ("X射线光电子能谱仪", "分析仪器", ("Thermo ESCALAB 250Xi", "Kratos AXIS Supra"), 350, 800),
    ("透射电子显微镜", "分析仪器", ("JEOL JEM-2100F", "FEI Talos F200X"), 500, 1500),
    ("万能材料试验机", "物理性能测试仪器", ("Instron 5985", "MTS Exceed E45", "ZwickRoell Z100"), 40, 160),
    ("动态热机械分析仪", "物理性能测试仪器", ("TA DMA850", "NETZSCH DMA 242 E"), 50, 120),
    ("电液伺服疲劳试验机", "物理性能测试仪器", ("MTS 810", "Instron 8801"), 120, 350),
    ("旋转流变仪", "物理性能测试仪器", ("Anton Paar MCR 302", "TA DHR-2"), 60, 150),
    ("三坐标测量机", "计量仪器", ("Hexagon Global S", "Zeiss CONTURA"), 80, 260),
    ("激光干涉仪", "计量仪器", ("Renishaw XL-80", "Keysight 5530"), 40, 100),
    ("矢量网络分析仪", "电子测量仪器", ("Keysight E5080B", "Rohde & Schwarz ZNB20"), 60, 220),
    ("工业CT检测系统", "特种检测仪器", ("YXLON FF35 CT", "Waygate phoenix v|tome|x"), 400, 1200),
    ("超声相控阵探伤仪", "特种检测仪器", ("Olympus OmniScan X3", "汕头超声 CTS-PA22T"), 30, 90),
    ("金属3D打印机", "工艺试验仪器", ("EOS M290", "铂力特 BLT-S310"), 250, 700),
    ("高温真空烧结炉", "工艺试验仪器", ("合肥科晶 GSL-1700X", "上海晨华 VHF-1800"), 30, 120),
    ("高性能计算集群", "计算机及其配套设备", ("曙光 TC6600", "浪潮 NF5280M6 集群"), 200, 900),
    ("流式细胞仪", "医学科研仪器", ("BD FACSCanto II", "Beckman CytoFLEX S"), 120, 350),
    ("激光共聚焦显微镜", "医学科研仪器", ("Zeiss LSM 900", "Leica STELLARIS 5"), 250, 600),
    ("实时荧光定量PCR仪", "医学科研仪器", ("Bio-Rad CFX96", "Roche LightCycler 480 II"), 25, 60),
    ("高通量测序仪", "医学科研仪器", ("Illumina NovaSeq 6000", "华大 DNBSEQ-T7"), 400, 1100),
)
OCEAN_INSTRUMENTS: tuple[tuple[str, str, tuple[str, ...], int, int], ...] = (
    ("多参数水质分析仪", "海洋仪器", ("YSI EXO2", "Hach Hydrolab HL7"), 25, 70),
    ("声学多普勒流速剖面仪", "海洋仪器", ("Teledyne RDI Workhorse 600", "Nortek Signature500"), 60, 180),
)
INSTRUMENT_ROOMS = ("分析测试中心", "实验楼", "科研楼", "中试车间", "检测中心", "公共实验平台")

ACHIEVEMENT_PATTERNS = (
    "{subject}关键技术及产业化",
    "{subject}关键技术研究与应用",
    "{subject}成套技术",
    "{subject}技术集成与示范",
    "{subject}工艺优化与应用",
    "{subject}质量控制技术",
)
ACHIEVEMENT_RESULTS = (
    "授权发明专利{n}项",
    "形成企业标准{n}项",
    "完成中试验证",
    "建成示范生产线{n}条",
    "获省科学技术奖",
)
NEED_PATTERNS = (
    "{subject}工艺优化",
    "{subject}关键技术攻关",
    "{subject}国产化替代",
    "{subject}质量提升",
    "{subject}智能化改造",
    "{subject}检测方法开发",
)
NEED_WAYS = ("委托开发", "合作攻关", "技术许可", "揭榜挂帅")

# Price ranges of achievements by maturity, in 万元.
ACHIEVEMENT_PRICES = {
    "research": (10, 80),
    "prototype": (30, 150),
    "pilot": (50, 300),
    "industrialization": (80, 600),
    "mature": (100, 800),
}

TEN_THOUSAND = Decimal("10000")
