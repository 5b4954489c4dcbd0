"""The canonical vocabulary of DESIGN.md: English codes stored everywhere, Chinese labels shown.

Extend a list when a document needs more; never rename a code.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    COUNTY = "county", _("县级")


LEVEL_RANK = {Level.COUNTY: 1, Level.MUNICIPAL: 2, Level.PROVINCIAL: 3, Level.NATIONAL: 4}


class OrganizationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    UNIVERSITY = "university", _("高等院校")
    RESEARCH_INSTITUTE = "research_institute", _("科研院所")
    HOSPITAL = "hospital", _("医疗机构")
    FINANCIAL_INSTITUTION = "financial_institution", _("金融机构")
    SERVICE_AGENCY = "service_agency", _("服务机构")
    GOVERNMENT_DEPARTMENT = "government_department", _("政府部门")
    OTHER = "other", _("其他")


class QualificationType(models.TextChoices):
    HIGH_TECH_ENTERPRISE = "high_tech_enterprise", _("高新技术企业")
    TECH_SME = "tech_sme", _("科技型中小企业")
    SPECIALIZED_SME = "specialized_sme", _("专精特新中小企业")
    LITTLE_GIANT = "little_giant", _("专精特新“小巨人”企业")
    TECH_LEADING_ENTERPRISE = "tech_leading_enterprise", _("科技领军企业")
    GAZELLE = "gazelle", _("瞪羚企业")


class PlatformType(models.TextChoices):
    LABORATORY = "laboratory", _("实验室")
    KEY_LABORATORY = "key_laboratory", _("重点实验室")
    ENGINEERING_LABORATORY = "engineering_laboratory", _("工程实验室")
    TECHNOLOGY_INNOVATION_CENTER = "technology_innovation_center", _("技术创新中心")
    INDUSTRY_INNOVATION_CENTER = "industry_innovation_center", _("产业创新中心")
    MANUFACTURING_INNOVATION_CENTER = "manufacturing_innovation_center", _("制造业创新中心")
    ENTERPRISE_TECHNOLOGY_CENTER = "enterprise_technology_center", _("企业技术中心")
    ENGINEERING_RESEARCH_CENTER = "engineering_research_center", _("工程研究中心")
    ENGINEERING_TECHNOLOGY_RESEARCH_CENTER = "engineering_technology_research_center", _("工程技术研究中心")
    CLINICAL_MEDICAL_RESEARCH_CENTER = "clinical_medical_research_center", _("临床医学研究中心")
    INDUSTRIAL_DESIGN_CENTER = "industrial_design_center", _("工业设计中心")
    INCUBATOR = "incubator", _("科技企业孵化器")
    MAKER_SPACE = "maker_space", _("众创空间")
    UNIVERSITY_SCIENCE_PARK = "university_science_park", _("大学科技园")
    NEW_RD_INSTITUTION = "new_rd_institution", _("新型研发机构")
    ACADEMICIAN_WORKSTATION = "academician_workstation", _("院士工作站")
    EXPERT_WORKSTATION = "expert_workstation", _("专家工作站")
    POSTDOCTORAL_STATION = "postdoctoral_station", _("博士后科研工作站")
    INTERNATIONAL_COOPERATION_BASE = "international_cooperation_base", _("国际合作基地")
    TECHNOLOGY_TRANSFER_INSTITUTION = "technology_transfer_institution", _("技术转移机构")
    PILOT_BASE = "pilot_base", _("中试基地")
    PUBLIC_SERVICE_PLATFORM = "public_service_platform", _("公共技术服务平台")
    INNOVATION_COMMUNITY = "innovation_community", _("创新创业共同体")
    INNOVATION_CONSORTIUM = "innovation_consortium", _("创新联合体")
    INDUSTRY_ALLIANCE = "industry_alliance", _("产业技术创新战略联盟")
    AGRICULTURAL_HIGH_TECH_ZONE = "agricultural_high_tech_zone", _("农业高新技术产业示范区")
    AGRICULTURAL_SCIENCE_PARK = "agricultural_science_park", _("农业科技园区")
    FOREIGN_EXPERT_STUDIO = "foreign_expert_studio", _("外国专家工作室")
    # Added for the Weihai 2023 rules (DESIGN.md: extend the list when a document needs more).
    OUT_OF_CITY_RD_INSTITUTION = "out_of_city_rd_institution", _("市外研发机构（人才飞地）")
    UNIVERSITY_HOSTED_RD_INSTITUTION = "university_hosted_rd_institution", _("高校院所共建研发机构")
    FOREIGN_EXPERT_STATION_BRANCH = "foreign_expert_station_branch", _("外国专家驿站分站（海外联络站）")


class PlatformStage(models.TextChoices):
    RESERVE = "reserve", _("储备")
    CULTIVATING = "cultivating", _("培育")
    APPLYING = "applying", _("申报")
    APPROVED = "approved", _("认定")
    RECTIFYING = "rectifying", _("整改")
    REVOKED = "revoked", _("撤销")


class EvaluationGrade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    GOOD = "good", _("良好")
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


class ContractType(models.TextChoices):
    DEVELOPMENT = "development", _("技术开发")
    TRANSFER = "transfer", _("技术转让")
    LICENSING = "licensing", _("技术许可")
    CONSULTING = "consulting", _("技术咨询")
    SERVICE = "service", _("技术服务")


class PersonCategory(models.TextChoices):
    EXPERT = "expert", _("专家")
    TALENT = "talent", _("人才")


class InstrumentStatus(models.TextChoices):
    AVAILABLE = "available", _("可共享")
    IN_USE = "in_use", _("使用中")
    MAINTENANCE = "maintenance", _("维护中")
    RETIRED = "retired", _("已停用")


class AchievementMaturity(models.TextChoices):
    RESEARCH = "research", _("研发阶段")
    PROTOTYPE = "prototype", _("样机/样品")
    PILOT = "pilot", _("中试阶段")
    INDUSTRIALIZATION = "industrialization", _("可产业化")
    MATURE = "mature", _("成熟应用")


class TransferMode(models.TextChoices):
    TRANSFER = "transfer", _("转让")
    LICENSING = "licensing", _("许可")
    COOPERATION = "cooperation", _("合作开发")
    EQUITY = "equity", _("作价入股")
    NEGOTIABLE = "negotiable", _("面议")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("征集中")
    MATCHING = "matching", _("对接中")
    SOLVED = "solved", _("已解决")
    CLOSED = "closed", _("已关闭")


class Comparator(models.TextChoices):
    """How a target's value is to be met: 到2027年突破3000家 is `>=`, 控制在5%以内 is `<=`."""

    AT_LEAST = ">=", _("不低于")
    ABOVE = ">", _("超过")
    EQUAL = "=", _("达到")
    AT_MOST = "<=", _("不高于")
    BELOW = "<", _("低于")
