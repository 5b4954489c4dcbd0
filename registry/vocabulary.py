"""The canonical vocabulary of DESIGN.md: English codes stored everywhere, Chinese labels shown.

Extend a list when a document needs more; never rename a code.
"""

from django.db import models


class Level(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    MUNICIPAL = "municipal", "市级"
    COUNTY = "county", "县级"


LEVEL_RANK = {Level.COUNTY: 1, Level.MUNICIPAL: 2, Level.PROVINCIAL: 3, Level.NATIONAL: 4}


class OrganizationKind(models.TextChoices):
    ENTERPRISE = "enterprise", "企业"
    UNIVERSITY = "university", "高等院校"
    RESEARCH_INSTITUTE = "research_institute", "科研院所"
    HOSPITAL = "hospital", "医疗机构"
    FINANCIAL_INSTITUTION = "financial_institution", "金融机构"
    SERVICE_AGENCY = "service_agency", "服务机构"
    GOVERNMENT_DEPARTMENT = "government_department", "政府部门"
    OTHER = "other", "其他"


class QualificationType(models.TextChoices):
    HIGH_TECH_ENTERPRISE = "high_tech_enterprise", "高新技术企业"
    TECH_SME = "tech_sme", "科技型中小企业"
    SPECIALIZED_SME = "specialized_sme", "专精特新中小企业"
    LITTLE_GIANT = "little_giant", "专精特新“小巨人”企业"
    TECH_LEADING_ENTERPRISE = "tech_leading_enterprise", "科技领军企业"
    GAZELLE = "gazelle", "瞪羚企业"


class PlatformType(models.TextChoices):
    LABORATORY = "laboratory", "实验室"
    KEY_LABORATORY = "key_laboratory", "重点实验室"
    ENGINEERING_LABORATORY = "engineering_laboratory", "工程实验室"
    TECHNOLOGY_INNOVATION_CENTER = "technology_innovation_center", "技术创新中心"
    INDUSTRY_INNOVATION_CENTER = "industry_innovation_center", "产业创新中心"
    MANUFACTURING_INNOVATION_CENTER = "manufacturing_innovation_center", "制造业创新中心"
    ENTERPRISE_TECHNOLOGY_CENTER = "enterprise_technology_center", "企业技术中心"
    ENGINEERING_RESEARCH_CENTER = "engineering_research_center", "工程研究中心"
    ENGINEERING_TECHNOLOGY_RESEARCH_CENTER = "engineering_technology_research_center", "工程技术研究中心"
    CLINICAL_MEDICAL_RESEARCH_CENTER = "clinical_medical_research_center", "临床医学研究中心"
    INDUSTRIAL_DESIGN_CENTER = "industrial_design_center", "工业设计中心"
    INCUBATOR = "incubator", "科技企业孵化器"
    MAKER_SPACE = "maker_space", "众创空间"
    UNIVERSITY_SCIENCE_PARK = "university_science_park", "大学科技园"
    NEW_RD_INSTITUTION = "new_rd_institution", "新型研发机构"
    ACADEMICIAN_WORKSTATION = "academician_workstation", "院士工作站"
    EXPERT_WORKSTATION = "expert_workstation", "专家工作站"
    POSTDOCTORAL_STATION = "postdoctoral_station", "博士后科研工作站"
    INTERNATIONAL_COOPERATION_BASE = "international_cooperation_base", "国际合作基地"
    TECHNOLOGY_TRANSFER_INSTITUTION = "technology_transfer_institution", "技术转移机构"
    PILOT_BASE = "pilot_base", "中试基地"
    PUBLIC_SERVICE_PLATFORM = "public_service_platform", "公共技术服务平台"
    INNOVATION_COMMUNITY = "innovation_community", "创新创业共同体"
    INNOVATION_CONSORTIUM = "innovation_consortium", "创新联合体"
    INDUSTRY_ALLIANCE = "industry_alliance", "产业技术创新战略联盟"
    AGRICULTURAL_HIGH_TECH_ZONE = "agricultural_high_tech_zone", "农业高新技术产业示范区"
    AGRICULTURAL_SCIENCE_PARK = "agricultural_science_park", "农业科技园区"
    FOREIGN_EXPERT_STUDIO = "foreign_expert_studio", "外国专家工作室"


class PlatformStage(models.TextChoices):
    RESERVE = "reserve", "储备"
    CULTIVATING = "cultivating", "培育"
    APPLYING = "applying", "申报"
    APPROVED = "approved", "认定"
    RECTIFYING = "rectifying", "整改"
    REVOKED = "revoked", "撤销"


class EvaluationGrade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class ContractType(models.TextChoices):
    DEVELOPMENT = "development", "技术开发"
    TRANSFER = "transfer", "技术转让"
    LICENSING = "licensing", "技术许可"
    CONSULTING = "consulting", "技术咨询"
    SERVICE = "service", "技术服务"


class PersonCategory(models.TextChoices):
    EXPERT = "expert", "专家"
    TALENT = "talent", "人才"


class InstrumentStatus(models.TextChoices):
    AVAILABLE = "available", "可共享"
    IN_USE = "in_use", "使用中"
    MAINTENANCE = "maintenance", "维护中"
    RETIRED = "retired", "已停用"


class AchievementMaturity(models.TextChoices):
    RESEARCH = "research", "研发阶段"
    PROTOTYPE = "prototype", "样机/样品"
    PILOT = "pilot", "中试阶段"
    INDUSTRIALIZATION = "industrialization", "可产业化"
    MATURE = "mature", "成熟应用"


class TransferMode(models.TextChoices):
    TRANSFER = "transfer", "转让"
    LICENSING = "licensing", "许可"
    COOPERATION = "cooperation", "合作开发"
    EQUITY = "equity", "作价入股"
    NEGOTIABLE = "negotiable", "面议"


class NeedStatus(models.TextChoices):
    OPEN = "open", "征集中"
    MATCHING = "matching", "对接中"
    SOLVED = "solved", "已解决"
    CLOSED = "closed", "已关闭"
