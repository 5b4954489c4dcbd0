"""The judged relevance set of bench/search: 200 technology-need titles against 200 resources.

The need titles are written in the wording enterprises use on provincial technology-need lists (a
problem in their plant, in their words); the resources in the wording universities, institutes and
agencies use for what they offer. Neither side was written from the other's words, and the judgments
were made here, by topic, before the search code was run on them:

- every resource of a need's own topic is relevant (grade 2);
- every resource of a topic in the same family (`FAMILIES`) is partly relevant (grade 1);
- everything else is not relevant (grade 0).

Each topic line: code, family, the field an enterprise would type, five resources
("kind|title|description"), five need titles.
"""

from __future__ import annotations

TOPICS: list[tuple[str, str, str, list[str], list[str]]] = [
    ("cathode", "battery", "新能源", [
        "achievement|高镍三元正极材料单晶化制备技术|单晶高镍正极，抑制颗粒开裂，提升循环稳定性",
        "achievement|磷酸铁锂正极材料碳包覆改性工艺|提高倍率性能和压实密度",
        "person|锂离子电池正极材料研究|教授，长期从事层状氧化物正极材料与表面包覆",
        "platform|山东省储能电池材料工程技术研究中心|正极材料合成、电池材料中试",
        "instrument|X射线衍射仪|晶体结构分析，电池材料物相鉴定",
    ], [
        "三元锂电池正极循环衰减快的解决方案", "动力电池正极材料克容量提升", "磷酸铁锂材料压实密度偏低问题",
        "高镍正极材料表面残碱控制", "新能源汽车电池正极材料国产化",
    ]),
    ("battery_safety", "battery", "新能源", [
        "achievement|锂离子电池热失控早期预警系统|多传感器融合，提前发现电芯异常温升",
        "achievement|电池包液冷热管理系统设计|均温性好，适用于储能和电动汽车",
        "person|电池安全与热管理|研究员，储能电站消防与电池热失控机理",
        "platform|新能源汽车动力电池检测中心|电池安全测试、针刺挤压过充试验",
        "service_agency|储能安全评估技术服务中心|提供储能电站安全评估与认证咨询",
    ], [
        "储能电站电池起火隐患监测", "电动汽车电池包温度不均匀", "锂电池热失控预警技术需求",
        "电池模组散热方案优化", "储能集装箱消防安全改造",
    ]),
    ("hydrogen", "energy", "新能源", [
        "achievement|质子交换膜燃料电池膜电极制备技术|低铂载量膜电极，提升功率密度",
        "achievement|碱性电解水制氢电极材料|镍基析氢电极，降低电耗",
        "person|氢能与燃料电池|教授，燃料电池催化剂与电堆集成",
        "platform|氢能产业技术创新中心|制氢、储氢、燃料电池测试",
        "instrument|燃料电池测试系统|单电池与电堆性能测试",
    ], [
        "氢燃料电池电堆寿命不足", "电解槽制氢能耗高", "燃料电池催化剂铂用量降低",
        "加氢站储氢瓶国产化", "绿氢生产成本控制技术",
    ]),
    ("solar", "energy", "新能源", [
        "achievement|钙钛矿太阳能电池大面积制备工艺|光电转换效率超过20%，稳定性提升",
        "achievement|光伏组件自清洁防尘涂层|减少灰尘遮挡造成的发电损失",
        "person|光伏材料与器件|副教授，晶硅电池钝化与光伏组件可靠性",
        "platform|光伏发电系统工程实验室|组件测试、电站运维技术",
        "service_agency|新能源电站运维技术服务公司|光伏电站巡检与发电量诊断",
    ], [
        "分布式光伏发电效率下降排查", "光伏板表面积灰清洗难题", "钙钛矿电池稳定性差",
        "屋顶光伏电站智能运维", "太阳能组件衰减检测需求",
    ]),
    ("carbon_fiber", "composite", "新材料", [
        "achievement|高强度碳纤维原丝干喷湿纺技术|T800级碳纤维原丝制备",
        "achievement|碳纤维复合材料热压罐成型工艺|航空结构件低孔隙率成型",
        "person|碳纤维复合材料|教授，树脂基复合材料界面与成型",
        "platform|先进复合材料制造业创新中心|复合材料设计、成型与检测",
        "instrument|万能材料试验机|拉伸压缩弯曲力学性能测试",
    ], [
        "碳纤维制品拉伸强度不达标", "复合材料构件成型气泡多", "轻量化车身碳纤维部件开发",
        "风电叶片用复合材料替代进口", "碳纤维原丝国产化生产",
    ]),
    ("ceramics", "composite", "新材料", [
        "achievement|氮化硅陶瓷轴承球制备技术|高致密度、高可靠性陶瓷球",
        "achievement|氧化锆结构陶瓷低温烧结工艺|降低能耗，提高断裂韧性",
        "person|先进陶瓷材料|研究员，特种陶瓷粉体与烧结",
        "platform|山东省先进陶瓷重点实验室|结构陶瓷、功能陶瓷研发",
        "instrument|高温烧结炉|陶瓷材料高温烧结与热处理",
    ], [
        "特种陶瓷烧结开裂问题", "陶瓷轴承球依赖进口", "耐高温陶瓷部件寿命短",
        "日用陶瓷釉面缺陷改进", "陶瓷粉体粒度分布控制",
    ]),
    ("polymer", "chemistry", "新材料", [
        "achievement|生物可降解聚乳酸改性技术|提高耐热性和韧性，用于包装",
        "achievement|高分子材料阻燃改性配方|无卤阻燃，满足电子电器要求",
        "person|高分子材料改性|教授，塑料共混改性与加工",
        "platform|高分子材料工程技术研究中心|改性塑料配方与注塑成型",
        "instrument|熔体流动速率仪|塑料熔融指数测定",
    ], [
        "塑料制品耐热性不足", "可降解包装材料开发", "电器外壳阻燃等级提升",
        "改性塑料配方优化", "塑料粒子加工流动性差",
    ]),
    ("coating", "chemistry", "化工", [
        "achievement|水性工业防腐涂料|低VOC排放，耐盐雾1000小时",
        "achievement|石墨烯改性重防腐涂层|提高海洋钢结构防腐寿命",
        "person|表面防护与涂层|研究员，金属腐蚀与防护",
        "platform|海洋腐蚀与防护重点实验室|涂层评价、海洋环境腐蚀试验",
        "instrument|盐雾试验箱|涂层耐腐蚀性能加速试验",
    ], [
        "钢结构防腐涂层寿命短", "油漆生产VOC排放超标", "海上平台设备锈蚀严重",
        "水性漆附着力差", "管道外防腐技术改进",
    ]),
    ("catalyst", "chemistry", "化工", [
        "achievement|丙烷脱氢制丙烯催化剂|高选择性、长寿命铂锡催化剂",
        "achievement|VOCs催化燃烧催化剂|低温起燃，处理有机废气",
        "person|工业催化|教授，分子筛催化材料与反应工程",
        "platform|精细化工催化技术研究院|催化剂评价与放大",
        "instrument|化学吸附仪|催化剂活性位表征",
    ], [
        "化工装置催化剂失活快", "有机废气治理效率低", "加氢反应选择性不高",
        "进口催化剂国产替代", "炼化催化剂再生技术",
    ]),
    ("fine_chem", "chemistry", "化工", [
        "achievement|医药中间体连续流合成技术|微通道反应器，安全高效",
        "achievement|高纯电子化学品提纯工艺|金属离子含量达到ppb级",
        "person|精细化工工艺|研究员，有机合成与工艺放大",
        "platform|精细化工中试基地|公斤级到吨级工艺放大",
        "service_agency|化工安全评价技术服务中心|危险工艺安全评价与HAZOP分析",
    ], [
        "硝化反应釜安全风险高", "电子级化学品纯度提升", "中间体合成收率偏低",
        "间歇工艺改连续化生产", "化工产品杂质超标",
    ]),
    ("rare_earth", "metal", "新材料", [
        "achievement|稀土永磁材料晶界扩散技术|减少重稀土用量，提高矫顽力",
        "achievement|稀土抛光粉制备工艺|用于光学玻璃精密抛光",
        "person|稀土功能材料|教授，钕铁硼永磁与稀土发光材料",
        "platform|稀土材料技术创新中心|稀土分离、永磁材料制备",
        "instrument|振动样品磁强计|磁性材料磁性能测量",
    ], [
        "钕铁硼磁体矫顽力不足", "永磁电机磁钢成本高", "稀土分离废水处理",
        "重稀土减量化技术", "稀土抛光材料性能提升",
    ]),
    ("alloy", "metal", "装备制造", [
        "achievement|高强韧铝合金挤压型材|用于轨道交通车体，强度提升15%",
        "achievement|镁合金压铸件表面处理技术|提高耐蚀性",
        "person|金属材料成形|教授，轻合金塑性成形与热处理",
        "platform|轻合金材料工程研究中心|铝镁合金熔铸与加工",
        "instrument|金相显微镜|金属显微组织观察",
    ], [
        "铝型材挤压表面划伤", "压铸件气孔缺陷多", "汽车轻量化铝合金零件",
        "合金热处理变形控制", "镁合金零件腐蚀问题",
    ]),
    ("welding", "metal", "装备制造", [
        "achievement|厚板窄间隙激光焊接技术|减少焊接变形，提高效率",
        "achievement|焊缝缺陷智能识别系统|基于图像识别的焊缝质量检测",
        "person|焊接技术|研究员，激光焊接与焊接自动化",
        "platform|焊接工程技术研究中心|焊接工艺评定与焊接机器人",
        "instrument|超声波探伤仪|焊缝内部缺陷无损检测",
    ], [
        "压力容器焊缝质量检测", "钢结构焊接变形大", "焊接工位自动化改造",
        "不锈钢焊接裂纹问题", "焊工短缺需要机器人焊接",
    ]),
    ("machine_tool", "equipment", "装备制造", [
        "achievement|五轴联动数控机床误差补偿技术|提高加工精度",
        "achievement|机床主轴热变形补偿方法|减少温升引起的精度漂移",
        "person|数控加工与机床|教授，精密加工与机床动力学",
        "platform|高档数控机床工程技术研究中心|数控系统与机床可靠性",
        "instrument|激光干涉仪|机床定位精度检测",
    ], [
        "加工中心精度保持性差", "数控设备国产化替代", "复杂曲面零件加工效率低",
        "机床长时间运行精度下降", "精密零件加工尺寸超差",
    ]),
    ("bearing", "equipment", "装备制造", [
        "achievement|高速精密轴承寿命提升技术|材料与热处理优化，寿命提高一倍",
        "achievement|风电主轴轴承设计与制造|大型回转支承国产化",
        "person|轴承与摩擦学|研究员，滚动轴承疲劳寿命与润滑",
        "platform|轴承产业技术研究院|轴承设计、检测与失效分析",
        "instrument|轴承振动测量仪|轴承振动噪声检测",
    ], [
        "轴承早期磨损失效", "风电轴承依赖进口", "高速电主轴轴承温升高",
        "轴承异响问题分析", "轴承钢热处理工艺改进",
    ]),
    ("robot", "equipment", "装备制造", [
        "achievement|工业机器人视觉引导抓取系统|无序分拣，识别准确率99%",
        "achievement|协作机器人力控打磨技术|适用于铸件打磨",
        "person|机器人技术|教授，机器人控制与机器视觉",
        "platform|智能机器人工程技术研究中心|机器人集成与应用示范",
        "service_agency|智能制造系统集成服务商|产线自动化改造方案与实施",
    ], [
        "人工上下料效率低需要自动化", "铸件打磨粉尘大招工难", "仓库分拣环节人工成本高",
        "装配线机器换人改造", "机械臂定位精度不够",
    ]),
    ("reducer", "equipment", "装备制造", [
        "achievement|RV减速器精密制造技术|机器人关节减速器国产化",
        "achievement|齿轮修形降噪设计方法|降低齿轮箱噪声",
        "person|齿轮传动|教授，精密传动与齿轮设计",
        "platform|精密传动工程实验室|减速器性能测试与寿命试验",
        "instrument|齿轮测量中心|齿轮精度检测",
    ], [
        "齿轮箱噪声大", "机器人减速机进口依赖", "传动系统效率偏低",
        "减速器回差精度下降", "齿轮断齿失效分析",
    ]),
    ("hydraulic", "equipment", "装备制造", [
        "achievement|电液比例控制阀设计|响应快、泄漏少",
        "achievement|液压系统节能控制技术|负载敏感，降低能耗30%",
        "person|流体传动与控制|研究员，液压元件与系统",
        "platform|液压元件检测中心|泵阀性能试验",
        "instrument|液压综合试验台|液压泵马达性能测试",
    ], [
        "液压系统发热严重", "工程机械液压阀泄漏", "液压油缸爬行问题",
        "注塑机液压节能改造", "高压柱塞泵国产化",
    ]),
    ("ic", "electronics", "电子信息", [
        "achievement|功率半导体器件封装技术|IGBT模块低热阻封装",
        "achievement|碳化硅MOSFET器件工艺|高压大功率器件",
        "person|微电子与集成电路|教授，功率器件设计与可靠性",
        "platform|集成电路设计公共服务平台|EDA工具、流片服务",
        "instrument|半导体参数分析仪|器件电学特性测试",
    ], [
        "IGBT模块散热失效", "芯片国产化替代设计", "功率器件可靠性验证",
        "碳化硅器件应用开发", "电源芯片选型与设计",
    ]),
    ("sensor", "electronics", "电子信息", [
        "achievement|MEMS压力传感器制造技术|高精度、低温漂",
        "achievement|光纤光栅温度应变传感系统|用于结构健康监测",
        "person|传感技术|研究员，智能传感与信号处理",
        "platform|智能传感器工程技术研究中心|传感器设计与标定",
        "instrument|传感器标定系统|压力温度传感器校准",
    ], [
        "压力变送器精度漂移", "桥梁结构在线监测", "高温环境测温不准",
        "气体泄漏检测传感", "生产线参数实时采集",
    ]),
    ("ai_vision", "digital", "电子信息", [
        "achievement|基于深度学习的表面缺陷检测系统|钢板、纺织品表面缺陷识别",
        "achievement|工业大模型质量知识问答|基于企业知识库的智能问答",
        "person|人工智能与机器视觉|教授，图像识别与深度学习",
        "platform|人工智能创新中心|算法训练平台与行业应用",
        "service_agency|工业视觉检测技术服务公司|视觉检测方案与设备集成",
    ], [
        "产品外观瑕疵人工目检效率低", "布匹疵点自动识别", "质检环节引入人工智能",
        "钢材表面缺陷在线检测", "设备故障智能诊断模型",
    ]),
    ("iiot", "digital", "电子信息", [
        "achievement|工业互联网设备数据采集网关|多协议接入，边缘计算",
        "achievement|制造执行系统MES|生产排程、质量追溯",
        "person|工业互联网|研究员，工业数据平台与数字孪生",
        "platform|工业互联网公共服务平台|标识解析、上云服务",
        "service_agency|数字化转型咨询服务中心|企业数字化诊断与方案设计",
    ], [
        "车间设备联网数据孤岛", "生产过程无法追溯", "中小企业数字化转型诊断",
        "工厂能耗在线监控", "订单排产靠人工经验",
    ]),
    ("software", "digital", "电子信息", [
        "achievement|国产化工业控制软件|PLC组态与监控",
        "achievement|供应链协同管理平台|采购、库存、物流协同",
        "person|软件工程|教授，工业软件与系统架构",
        "platform|软件评测中心|软件测试与信息安全评估",
        "service_agency|信息安全等级保护测评机构|等保测评与安全加固",
    ], [
        "工控系统网络安全防护", "ERP系统与生产系统集成", "组态软件国产化替换",
        "企业信息系统等保测评", "库存管理信息化",
    ]),
    ("drug", "bio", "生物医药", [
        "achievement|抗肿瘤小分子靶向药物|临床前研究完成",
        "achievement|缓控释制剂制备技术|延长药效，减少服药次数",
        "person|药物化学|教授，创新药物设计与合成",
        "platform|新药创制公共服务平台|药效评价、药代动力学研究",
        "instrument|高效液相色谱仪|药物含量与杂质分析",
    ], [
        "仿制药一致性评价", "药品杂质检测方法开发", "缓释片溶出度不合格",
        "创新药临床前评价", "原料药晶型研究",
    ]),
    ("tcm", "bio", "生物医药", [
        "achievement|中药配方颗粒质量标准研究|指纹图谱控制质量",
        "achievement|中药材道地性鉴别技术|DNA条形码鉴别",
        "person|中药学|研究员，中药化学与质量控制",
        "platform|中药现代化工程技术研究中心|中药提取与制剂",
        "instrument|液相色谱质谱联用仪|中药成分分析",
    ], [
        "中药饮片质量不稳定", "中药提取工艺优化", "道地药材真伪鉴别",
        "中药复方有效成分研究", "中药配方颗粒标准制定",
    ]),
    ("device", "bio", "生物医药", [
        "achievement|可降解心血管支架|镁合金支架，植入后可吸收",
        "achievement|便携式超声诊断设备|掌上超声，基层医疗使用",
        "person|生物医学工程|教授，医疗器械设计与评价",
        "platform|医疗器械检验检测中心|注册检验、生物相容性评价",
        "service_agency|医疗器械注册咨询服务公司|注册申报与质量体系辅导",
    ], [
        "医疗器械注册检验", "骨科植入物材料改进", "基层医疗便携诊断设备",
        "一次性医用耗材生产工艺", "医疗设备国产化研发",
    ]),
    ("fermentation", "bio", "生物医药", [
        "achievement|高产菌株定向选育技术|提高发酵产物得率",
        "achievement|酶法合成工艺|绿色生物催化替代化学合成",
        "person|发酵工程|教授，微生物代谢工程",
        "platform|生物发酵中试基地|发酵工艺放大",
        "instrument|发酵罐系统|菌种发酵工艺研究",
    ], [
        "发酵产品收率低", "菌种退化问题", "生物酶制剂生产",
        "氨基酸发酵工艺改进", "益生菌规模化培养",
    ]),
    ("wastewater", "environment", "节能环保", [
        "achievement|高盐有机废水催化氧化处理技术|COD去除率90%以上",
        "achievement|膜生物反应器污水处理工艺|出水达到一级A标准",
        "person|水污染控制|教授，工业废水处理与回用",
        "platform|水污染控制工程技术研究中心|废水处理工艺研发",
        "service_agency|环保工程咨询服务公司|污水处理设计与运营",
    ], [
        "印染废水色度难降解", "化工园区污水达标排放", "高氨氮废水处理",
        "工业废水回用降低成本", "污水厂污泥减量",
    ]),
    ("solid_waste", "environment", "节能环保", [
        "achievement|工业固废制备建筑材料技术|粉煤灰、钢渣综合利用",
        "achievement|废旧锂电池回收湿法冶金工艺|镍钴锂高效回收",
        "person|固体废物资源化|研究员，固废处理与资源循环",
        "platform|资源循环利用工程技术研究中心|固废资源化技术",
        "instrument|X射线荧光光谱仪|固废成分分析",
    ], [
        "钢渣堆存占地综合利用", "退役动力电池回收", "危险废物无害化处置",
        "建筑垃圾再生利用", "赤泥资源化",
    ]),
    ("energy_saving", "environment", "节能环保", [
        "achievement|工业余热回收利用系统|烟气余热发电与供暖",
        "achievement|高效节能电机系统|永磁同步电机，能效提升",
        "person|节能技术|教授，热能工程与能源系统优化",
        "platform|节能技术服务中心|能源审计与节能改造",
        "service_agency|合同能源管理服务公司|节能改造投资与运营",
    ], [
        "窑炉烟气余热浪费", "工厂电费高节能改造", "空压机系统能耗高",
        "锅炉热效率低", "企业碳排放核算与减排",
    ]),
    ("air", "environment", "节能环保", [
        "achievement|烟气脱硫脱硝一体化技术|超低排放",
        "achievement|除尘器滤袋长寿命材料|耐高温耐腐蚀",
        "person|大气污染控制|研究员，烟气治理与颗粒物控制",
        "platform|大气污染防治工程技术研究中心|烟气治理技术",
        "instrument|烟气分析仪|二氧化硫氮氧化物检测",
    ], [
        "锅炉烟气氮氧化物超标", "除尘效率达不到超低排放", "车间粉尘治理",
        "窑炉尾气脱硫", "异味气体治理",
    ]),
    ("seed", "agri", "现代农业", [
        "achievement|小麦高产抗病新品种选育|抗赤霉病，亩产提高8%",
        "achievement|分子标记辅助育种技术|缩短育种周期",
        "person|作物遗传育种|研究员，小麦玉米育种",
        "platform|现代种业创新中心|育种材料创制与品种测试",
        "instrument|基因测序仪|作物基因组分析",
    ], [
        "小麦品种抗病性不足", "玉米种子纯度鉴定", "蔬菜新品种引进选育",
        "种业育种周期长", "耐盐碱作物品种",
    ]),
    ("tea", "agri", "现代农业", [
        "achievement|茶叶清洁化加工生产线|连续化揉捻烘干",
        "achievement|茶园病虫害绿色防控技术|生物防治，减少农药使用",
        "person|茶学|教授，茶叶加工与品质化学",
        "platform|茶叶工程技术研究中心|茶叶加工工艺与标准",
        "service_agency|农产品质量检测服务中心|农残检测与品质分级",
    ], [
        "茶叶加工品质不稳定", "茶园虫害防治", "绿茶农残超标",
        "茶叶深加工产品开发", "山地茶园机械化采摘",
    ]),
    ("livestock", "agri", "现代农业", [
        "achievement|畜禽粪污资源化利用技术|发酵制有机肥",
        "achievement|生猪智能化养殖管理系统|环境监测与精准饲喂",
        "person|动物营养与饲料|教授，饲料配方与养殖",
        "platform|畜牧兽医技术服务中心|疫病检测与养殖技术指导",
        "instrument|PCR扩增仪|动物疫病检测",
    ], [
        "养殖场粪污处理", "生猪养殖成本高", "禽类疫病快速检测",
        "饲料配方优化降本", "奶牛养殖数字化管理",
    ]),
    ("food", "agri", "食品", [
        "achievement|果蔬低温保鲜技术|气调包装延长货架期",
        "achievement|食品非热杀菌技术|超高压杀菌，保留营养",
        "person|食品科学|教授，食品加工与保藏",
        "platform|食品工程技术研究中心|食品工艺与安全检测",
        "instrument|气相色谱质谱仪|食品风味与污染物分析",
    ], [
        "水果储运损耗大", "食品保质期短", "肉制品防腐剂减量",
        "预制菜工艺开发", "食品添加剂检测",
    ]),
    ("textile", "industry", "纺织", [
        "achievement|功能性纺织面料整理技术|抗菌、防紫外",
        "achievement|印染废水少水染色工艺|节水60%",
        "person|纺织工程|教授，纤维材料与染整",
        "platform|纺织服装产业创新中心|面料开发与检测",
        "instrument|色牢度测试仪|纺织品色牢度检测",
    ], [
        "面料色牢度不达标", "纺织品抗菌功能开发", "染色用水量大",
        "化纤面料舒适性改进", "服装面料质量检测",
    ]),
    ("auto_parts", "industry", "汽车零部件", [
        "achievement|汽车底盘零件轻量化设计|拓扑优化减重20%",
        "achievement|制动系统NVH优化|降低刹车噪声",
        "person|车辆工程|教授，汽车结构与NVH",
        "platform|汽车零部件检测中心|耐久性与可靠性试验",
        "instrument|振动试验台|零部件振动耐久测试",
    ], [
        "汽车刹车异响", "底盘件减重降本", "零部件耐久试验",
        "新能源汽车电驱系统噪声", "汽车零部件疲劳断裂",
    ]),
    ("pump", "equipment", "装备制造", [
        "achievement|高效离心泵水力模型|效率提升5个百分点",
        "achievement|磁力驱动泵密封技术|零泄漏输送危险介质",
        "person|流体机械|研究员，泵与风机设计",
        "platform|流体机械工程技术研究中心|泵阀性能测试",
        "instrument|泵性能试验台|流量扬程效率测试",
    ], [
        "水泵效率偏低能耗大", "化工泵密封泄漏", "真空泵国产化",
        "泵汽蚀问题分析", "循环水系统节能",
    ]),
    ("glass", "composite", "新材料", [
        "achievement|玄武岩纤维连续拉丝技术|耐高温、耐腐蚀纤维",
        "achievement|超薄电子玻璃成型工艺|用于显示面板",
        "person|无机非金属材料|教授，玻璃与无机纤维",
        "platform|玻璃新材料工程技术研究中心|特种玻璃研发",
        "instrument|热膨胀仪|材料热膨胀系数测定",
    ], [
        "玻璃纤维拉丝断头多", "特种玻璃依赖进口", "玄武岩纤维产品开发",
        "光伏玻璃透光率提升", "玻璃窑炉节能",
    ]),
    ("testing", "service", "检验检测", [
        "achievement|材料失效分析方法体系|断口分析与失效原因判断",
        "achievement|产品可靠性加速寿命试验方法|缩短试验周期",
        "person|检测与质量工程|研究员，可靠性工程与质量管理",
        "platform|产品质量检验检测公共服务平台|综合检测与认证",
        "service_agency|第三方检测认证机构|CMA检测、CNAS认可实验室",
    ], [
        "产品出口认证检测", "零件失效原因分析", "产品可靠性测试",
        "企业实验室建设与认可", "原材料进厂检验",
    ]),
    ("ip_transfer", "service", "科技服务", [
        "achievement|高校专利转化运营模式|专利评估与许可",
        "achievement|技术合同登记与成果评价方法|科技成果第三方评价",
        "person|技术经纪人|高级技术经理人，成果转化与技术交易",
        "platform|技术转移服务平台|技术交易与成果对接",
        "service_agency|知识产权代理服务公司|专利申请、布局与维权",
    ], [
        "专利布局与申请", "科技成果评价", "寻找高校技术合作",
        "技术合同登记咨询", "知识产权侵权维权",
    ]),
]

# Topics close enough that a resource of one partly answers a need of the other.
FAMILIES_PARTIAL = {"battery", "energy", "composite", "chemistry", "metal", "equipment", "electronics",
                    "digital", "bio", "environment", "agri", "industry", "service"}

RESOURCE_KINDS = {"achievement", "person", "platform", "instrument", "service_agency"}


def judged() -> tuple[list[dict], list[dict]]:
    """(resources, queries); each query carries its graded judgments {resource key: grade}."""
    resources, queries = [], []
    for topic, family, field, lines, _titles in TOPICS:
        for n, line in enumerate(lines):
            kind, title, description = line.split("|")
            assert kind in RESOURCE_KINDS, line
            resources.append({"key": f"{topic}-{n}", "topic": topic, "family": family, "kind": kind,
                              "title": title, "description": description, "field": field})
    for topic, family, field, _lines, titles in TOPICS:
        for title in titles:
            grades = {}
            for resource in resources:
                if resource["topic"] == topic:
                    grades[resource["key"]] = 2
                elif resource["family"] == family and family in FAMILIES_PARTIAL:
                    grades[resource["key"]] = 1
            queries.append({"title": title, "field": field, "topic": topic, "grades": grades})
    return resources, queries
