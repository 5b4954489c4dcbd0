"""One city's demo population as unsaved records, generated deterministically.

The same city, counties and scale always give the same names, USCCs, figures and dates: the random
generator is seeded from a constant and the city code, and nothing reads the clock (dates are
relative to REFERENCE_DATE). `store.store_plan` writes a plan.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from registry.demo import FIRST_YEAR, LAST_YEAR, REFERENCE_DATE, words
from registry.demo.cities import City, Industry
from registry.demo.platforms import PlatformPlanner
from registry.models import (
    Achievement,
    AnnualData,
    Instrument,
    Organization,
    Person,
    Platform,
    PlatformEvent,
    Qualification,
    TechnologyNeed,
)
from registry.validators import make_uscc
from registry.vocabulary import (
    AchievementMaturity,
    InstrumentStatus,
    NeedStatus,
    OrganizationKind,
    PersonCategory,
    QualificationType,
    TransferMode,
)

SEED = "kechuang-demo-2026"
MIN_ENTERPRISES = 10
# The 规模以上 threshold for industrial enterprises: 20 million yuan of main business revenue.
DESIGNATED_SIZE_REVENUE = 20_000_000

T = TypeVar("T")


@dataclass(frozen=True)
class County:
    code: str
    name: str

    @property
    def short(self) -> str | None:
        """The name used in company names (邹平 for 邹平市); development zones have none."""
        if self.name.endswith("开发区"):
            return None
        match = re.fullmatch(r"(.+?)(?:(?:布依族苗族|苗族布依族)?自治县|区|县|市)", self.name)
        return match.group(1) if match else self.name


@dataclass
class Member:
    """A generated organization with what the generator knows about it beyond its model fields."""

    organization: Organization
    county: County
    industry: Industry | None = None
    tier: str = ""
    high_tech: bool = False

    @property
    def kind(self) -> str:
        return self.organization.kind


@dataclass
class CityPlan:
    city: City
    members: list[Member] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    annual_data: list[AnnualData] = field(default_factory=list)
    platforms: list[Platform] = field(default_factory=list)
    events: list[PlatformEvent] = field(default_factory=list)
    partners: list[tuple[Platform, Organization]] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    needs: list[TechnologyNeed] = field(default_factory=list)

    @property
    def organizations(self) -> list[Organization]:
        return [member.organization for member in self.members]


# (share of enterprises, lowest and highest 2021 revenue in yuan, chance of being high-tech)
TIERS = {
    "large": (5, 5e8, 5e9, 0.7),
    "medium": (20, 5e7, 5e8, 0.55),
    "small": (45, 5e6, 5e7, 0.35),
    "micro": (30, 8e5, 5e6, 0.12),
}
MATURITY_WEIGHTS = (
    (AchievementMaturity.RESEARCH, 15),
    (AchievementMaturity.PROTOTYPE, 20),
    (AchievementMaturity.PILOT, 25),
    (AchievementMaturity.INDUSTRIALIZATION, 25),
    (AchievementMaturity.MATURE, 15),
)
TRANSFER_MODE_WEIGHTS = (
    (TransferMode.TRANSFER, 25),
    (TransferMode.LICENSING, 20),
    (TransferMode.EQUITY, 10),
    (TransferMode.COOPERATION, 25),
    (TransferMode.NEGOTIABLE, 20),
)
FOUNDED = {"large": (1985, 2008), "medium": (1995, 2015), "small": (2000, 2019), "micro": (2008, 2020)}


def money(yuan: float) -> Decimal:
    """Whole hundreds of yuan, as reported figures are."""
    return Decimal(round(yuan / 100) * 100)


def add_years(day: dt.date, years: int) -> dt.date:
    if (day.month, day.day) == (2, 29):
        return dt.date(day.year + years, 3, 1)
    return day.replace(year=day.year + years)


def three_years(granted: dt.date) -> dt.date:
    """The last day of a qualification valid for three years."""
    return add_years(granted, 3) - dt.timedelta(days=1)


def high_tech_batches(year: int) -> tuple[dt.date, dt.date]:
    """高新技术企业 are approved in two provincial batches a year, in November and December."""
    return dt.date(year, 11, 18 + year % 10), dt.date(year, 12, 8 + year % 12)


def plan_city(city: City, counties: Sequence[County], scale: float = 1.0) -> CityPlan:
    """Generate a city's population; `scale` 1 gives the full 300–400 enterprises."""
    return CityPlanner(city, counties, scale).plan()


class CityPlanner:
    def __init__(self, city: City, counties: Sequence[County], scale: float) -> None:
        if not counties:
            raise ValueError(f"{city.name}市在地区表中没有下辖区县，请先载入行政区划。")
        self.city = city
        self.counties = sorted(counties, key=lambda county: county.code)
        self.by_code = {county.code: county for county in self.counties}
        self.seat = self.by_code.get(city.seat, self.counties[0])
        self.rng = random.Random(f"{SEED}-{city.code}")
        self.enterprise_count = max(MIN_ENTERPRISES, round(city.enterprises * scale))
        self.result = CityPlan(city)
        self.serials: set[int] = set()
        self.names: set[str] = set()
        self.brands: set[str] = set()

    # -- small helpers ------------------------------------------------------------------------------

    def pick(self, weighted: Sequence[tuple[T, float]]) -> T:
        return self.rng.choices([item for item, _ in weighted], [weight for _, weight in weighted])[0]

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def uscc(self, authority: str, region: str) -> str:
        while True:
            serial = self.rng.randrange(1_000_000, 8_000_000)
            if serial not in self.serials:
                self.serials.add(serial)
                return make_uscc(authority, region, serial)

    def brand(self) -> str:
        """A trade name not used yet in this city, while there are any left (about 2 000)."""
        for _ in range(100):
            brand = self.rng.choice(words.BRAND_FIRST) + self.rng.choice(words.BRAND_SECOND)
            if brand[0] != brand[1] and brand not in self.brands:
                break
        self.brands.add(brand)
        return brand

    def address(self, county: County) -> str:
        return (
            f"{self.city.province}省{self.city.name}市{county.name}{self.rng.choice(self.city.roads)}"
            f"{self.rng.randint(1, 399)}号"
        )

    def add(self, kind: str, name: str, county: County, authority: str, **extra: object) -> Member:
        self.names.add(name)
        organization = Organization(
            name=name,
            kind=kind,
            uscc=self.uscc(authority, county.code),
            region_id=county.code,
            address=self.address(county),
            is_demo=True,
            **extra,
        )
        member = Member(organization, county)
        self.result.members.append(member)
        return member

    def members(self, *kinds: str) -> list[Member]:
        return [member for member in self.result.members if member.kind in kinds]

    # -- the population -----------------------------------------------------------------------------

    def plan(self) -> CityPlan:
        self.departments()
        self.institutions()
        for index in range(self.enterprise_count):
            self.enterprise(flagship=index == 0)
        PlatformPlanner(self, round(self.enterprise_count * 0.35)).plan()
        count = max(6, round(self.enterprise_count * 0.25))
        for index in range(count):
            self.person(first=index == 0)
        for _ in range(max(6, round(self.enterprise_count * 0.3))):
            self.instrument()
        for _ in range(count):
            self.achievement()
        enterprises = self.members(OrganizationKind.ENTERPRISE)
        for index in range(max(6, round(self.enterprise_count * 0.2))):
            self.need(enterprises[0] if index == 0 else self.weighted_enterprise(enterprises))
        return self.result

    def departments(self) -> None:
        city_region = County(self.city.code, f"{self.city.name}市")
        for department in self.city.departments:
            member = self.add(
                OrganizationKind.GOVERNMENT_DEPARTMENT,
                department.name_in(self.city.name),
                city_region,
                "11",
                description=f"简称：{department.short}。",
            )
            member.organization.address = self.address(self.seat)

    def institutions(self) -> None:
        city = self.city.name
        groups = (
            (OrganizationKind.UNIVERSITY, self.city.universities, "教育"),
            (OrganizationKind.RESEARCH_INSTITUTE, self.city.institutes, "研究和试验发展"),
            (OrganizationKind.HOSPITAL, self.city.hospitals, "卫生"),
        )
        for kind, institutions, industry in groups:
            for name, code in institutions:
                founded = dt.date(self.rng.randint(1950, 2012), self.rng.randint(1, 12), 1)
                county = self.by_code.get(code, self.seat)
                member = self.add(kind, name, county, "12", industry=industry, founded=founded)
                member.industry = self.specialty(name)
        banks = (
            f"中国工商银行股份有限公司{city}分行",
            f"中国农业银行股份有限公司{city}分行",
            f"中国银行股份有限公司{city}分行",
            f"中国建设银行股份有限公司{city}分行",
            f"{city}市科技创业投资有限公司",
            f"{city}市中小企业融资担保有限公司",
        )
        for name in banks:
            self.add(OrganizationKind.FINANCIAL_INSTITUTION, name, self.seat, "91", industry="货币金融服务")
        # Public service centres are 事业单位 (authority 12); the others are companies (91).
        public = ("市技术市场服务中心", "市科技成果转化服务中心", "市大型科学仪器共享服务中心")
        companies = (
            "检验检测技术有限公司",
            "知识产权代理有限公司",
            "科技咨询服务有限公司",
            "工业设计有限公司",
            "人力资源服务有限公司",
            "创业孵化服务有限公司",
        )
        agencies = [(f"{city}{suffix}", "12") for suffix in public]
        agencies += [(f"{city}{self.brand()}{suffix}", "91") for suffix in companies]
        for name, authority in agencies:
            self.add(
                OrganizationKind.SERVICE_AGENCY, name, self.seat, authority, industry="科技推广和应用服务业"
            )

    def specialty(self, name: str) -> Industry | None:
        """The city industry an institution's name points at (淄博市新材料研究院 → 新材料), if any."""
        for industry in self.city.industries:
            if any(word in name for word in (industry.label, *industry.fields)):
                return industry
        return None

    @staticmethod
    def medical(member: Member) -> bool:
        return member.kind == OrganizationKind.HOSPITAL or "医学院" in member.organization.name

    # -- enterprises --------------------------------------------------------------------------------

    def company_name(self, industry: Industry, county: County, tier: str) -> str:
        while True:
            brand = self.brand()
            trade = self.rng.choice(industry.trades)
            roll = self.rng.random()
            if tier in ("large", "medium") and roll < 0.35:
                prefix = self.city.province
                form = self.rng.choice(("股份有限公司", "集团有限公司", "有限公司"))
            elif roll < 0.7 or county.short is None:
                prefix = self.city.name
                form = "股份有限公司" if tier == "large" and roll < 0.5 else "有限公司"
            else:
                prefix, form = county.short, "有限公司"
            name = f"{prefix}{brand}{trade}{form}"
            if name not in self.names:
                return name

    def enterprise(self, *, flagship: bool) -> None:
        industry = self.any_industry()
        county = self.pick(
            [
                (county, 4 if industry.label in self.city.clusters.get(county.code, ()) else 1)
                for county in self.counties
            ]
        )
        tier = "medium" if flagship else self.pick([(tier, spec[0]) for tier, spec in TIERS.items()])
        _, low, high, high_tech_chance = TIERS[tier]
        high_tech = flagship or self.rng.random() < high_tech_chance
        revenue = 1.0e8 if flagship else math.exp(self.rng.uniform(math.log(low), math.log(high)))
        trend = 0.12 if flagship else min(0.4, max(-0.15, self.rng.gauss(0.08, 0.09)))
        first, last = FOUNDED[tier]
        founded = dt.date(self.rng.randint(first, last), self.rng.randint(1, 12), self.rng.randint(1, 28))
        subjects = "、".join(self.rng.sample(industry.subjects, 2))
        member = self.add(
            OrganizationKind.ENTERPRISE,
            self.company_name(industry, county, tier),
            county,
            "91",
            industry=industry.label,
            founded=founded,
            description=f"主要从事{subjects}等产品和技术的研发、生产与销售。",
        )
        member.industry, member.tier, member.high_tech = industry, tier, high_tech
        final = self.annual(member, revenue, trend, employees=320 if flagship else None)
        member.organization.above_designated_size = final.revenue is not None and (
            final.revenue >= DESIGNATED_SIZE_REVENUE
        )
        self.qualify(member, final, trend, flagship=flagship)

    def annual(self, member: Member, revenue: float, trend: float, employees: int | None) -> AnnualData:
        """Five years of figures growing around `trend`; returns the last year's."""
        rng = self.rng
        employees = employees or max(6, int(revenue / rng.uniform(4e5, 1.2e6)))
        if member.high_tech:
            threshold = 0.05 if revenue < 5e7 else 0.04 if revenue < 2e8 else 0.03
            rd_ratio = threshold + rng.uniform(0.002, 0.04)
        else:
            rd_ratio = rng.uniform(0.002, 0.035)
        patents = rng.randint(2, 12) if member.high_tech else rng.randint(0, 2)
        staff_share = rng.uniform(0.1, 0.3) if member.high_tech else rng.uniform(0.02, 0.1)
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            if year > FIRST_YEAR:
                revenue *= 1 + trend + rng.gauss(0, 0.05)
                employees = max(6, round(employees * (1 + trend / 2 + rng.gauss(0, 0.03))))
                patents += rng.randint(0, 4) if member.high_tech else rng.randint(0, 1)
            record = AnnualData(
                organization=member.organization,
                year=year,
                revenue=money(revenue),
                rd_expense=money(revenue * rd_ratio * rng.uniform(0.95, 1.05)),
                high_tech_revenue=money(revenue * rng.uniform(0.6, 0.9)) if member.high_tech else None,
                employees=employees,
                rd_staff=max(1, round(employees * staff_share * rng.uniform(0.9, 1.1))),
                invention_patents=patents,
            )
            self.result.annual_data.append(record)
        return self.result.annual_data[-1]

    def grant(
        self, member: Member, kind: str, granted: dt.date, expires: dt.date | None, certificate: str = ""
    ) -> None:
        self.result.qualifications.append(
            Qualification(
                organization=member.organization,
                type=kind,
                granted=granted,
                expires=expires,
                certificate_no=certificate,
            )
        )

    def qualify(self, member: Member, final: AnnualData, trend: float, *, flagship: bool) -> None:
        rng, county = self.rng, member.county
        province_code = self.city.code[:2]
        founded_year = member.organization.founded.year if member.organization.founded else 2000
        if member.high_tech:
            year = 2016 if flagship else rng.randint(max(2012, founded_year + 1), LAST_YEAR)
            while year <= LAST_YEAR:
                granted = rng.choice(high_tech_batches(year))
                self.grant(
                    member,
                    QualificationType.HIGH_TECH_ENTERPRISE,
                    granted,
                    three_years(granted),
                    f"GR{year}{province_code}{rng.randint(0, 999_999):06d}",
                )
                if not flagship and rng.random() < 0.08:
                    break  # a few fail their renewal
                year += 3
        small_enough = (final.employees or 0) <= 500 and (final.revenue or 0) <= 200_000_000
        if small_enough and (flagship or rng.random() < (0.75 if member.high_tech else 0.4)):
            for year in range(max(FIRST_YEAR, founded_year + 1), REFERENCE_DATE.year + 1):
                if flagship or rng.random() < 0.85:
                    granted = dt.date(year, rng.randint(3, 9), rng.randint(1, 28))
                    self.grant(
                        member,
                        QualificationType.TECH_SME,
                        granted,
                        dt.date(year, 12, 31),
                        f"{year}{county.code}{rng.randint(0, 99_999_999):08d}",
                    )
        if member.tier in ("medium", "small") and (flagship or (member.high_tech and rng.random() < 0.3)):
            year = 2022 if flagship else rng.randint(FIRST_YEAR, LAST_YEAR)
            granted = dt.date(year, rng.randint(6, 12), 15)
            self.grant(member, QualificationType.SPECIALIZED_SME, granted, three_years(granted))
            renewed = add_years(granted, 3)
            if renewed <= REFERENCE_DATE and rng.random() < 0.7:
                self.grant(member, QualificationType.SPECIALIZED_SME, renewed, three_years(renewed))
            # 小巨人 are chosen from the specialized SMEs in a later year.
            if granted.year < LAST_YEAR and (flagship or rng.random() < 0.25):
                giant = dt.date(min(LAST_YEAR, granted.year + rng.randint(1, 2)), 7, rng.randint(1, 28))
                self.grant(member, QualificationType.LITTLE_GIANT, giant, three_years(giant))
        if member.tier != "large" and trend > 0.18 and (flagship or rng.random() < 0.6):
            granted = dt.date(rng.randint(2022, LAST_YEAR), rng.randint(9, 12), rng.randint(1, 28))
            self.grant(member, QualificationType.GAZELLE, granted, three_years(granted))
        if member.tier == "large" and member.high_tech and rng.random() < 0.5:
            granted = dt.date(rng.randint(2022, LAST_YEAR), rng.randint(1, 12), rng.randint(1, 28))
            self.grant(member, QualificationType.TECH_LEADING_ENTERPRISE, granted, three_years(granted))

    def any_industry(self) -> Industry:
        return self.pick([(industry, industry.weight) for industry in self.city.industries])

    def weighted_enterprise(self, enterprises: list[Member]) -> Member:
        return self.pick([(member, 3 if member.high_tech else 1) for member in enterprises])

    def member_of(self, kind: str) -> Member:
        """Any organization of a kind; high-tech enterprises come up more often than others."""
        candidates = self.members(kind)
        if kind == OrganizationKind.ENTERPRISE:
            return self.weighted_enterprise(candidates)
        return self.rng.choice(candidates)

    # -- people, instruments, achievements, needs ---------------------------------------------------

    def person_name(self) -> str:
        while True:
            surname = words.SURNAMES[int(len(words.SURNAMES) * self.rng.random() ** 2)]
            length = self.rng.choice((1, 2, 2))
            given = "".join(self.rng.choice(words.GIVEN_NAME_CHARS) for _ in range(length))
            name = surname + given
            if name not in self.names:
                self.names.add(name)
                return name

    def fields_of(self, member: Member, count: int) -> list[str]:
        if self.medical(member):
            return self.rng.sample(words.CLINICAL_FIELDS, count)
        industry = member.industry or self.any_industry()
        return self.rng.sample(industry.fields, min(count, len(industry.fields)))

    def person(self, *, first: bool) -> None:
        rng = self.rng
        if first:
            member = self.members(OrganizationKind.UNIVERSITY)[0]
        else:
            kind = self.pick(
                [
                    (OrganizationKind.UNIVERSITY, 35),
                    (OrganizationKind.RESEARCH_INSTITUTE, 20),
                    (OrganizationKind.HOSPITAL, 10),
                    (OrganizationKind.ENTERPRISE, 35),
                ]
            )
            member = self.member_of(kind)
        titles = words.TITLES[member.kind]
        title = titles[0] if first else self.pick(list(zip(titles, (3, 2, 3, 2), strict=True)))
        senior = title in words.SENIOR_TITLES
        industrial = member.kind == OrganizationKind.ENTERPRISE
        excluded = set(words.ACADEMIC_PROGRAMMES if industrial else words.INDUSTRY_PROGRAMMES)
        if title != "高级技师":
            excluded |= words.SKILLED_PROGRAMMES
        if not senior:
            excluded |= words.SENIOR_PROGRAMMES
        eligible = [
            programme
            for programme in (*self.city.programmes, *words.NATIONAL_PROGRAMMES)
            if programme not in excluded
        ]
        if first:
            programmes = [eligible[0]]
        elif eligible and rng.random() < (0.35 if senior else 0.15):
            programmes = rng.sample(eligible, min(len(eligible), rng.choice((1, 1, 1, 2))))
        else:
            programmes = []
        fields = self.fields_of(member, 2)
        category = PersonCategory.EXPERT if first or senior or rng.random() < 0.3 else PersonCategory.TALENT
        self.result.people.append(
            Person(
                name=self.person_name(),
                category=category,
                title=title,
                fields="、".join(fields),
                organization=member.organization,
                programmes="、".join(programmes),
                is_demo=True,
                bio=f"{member.organization.name}{title}，主要从事{fields[0]}方向的研究与技术开发。",
            )
        )

    def instrument(self) -> None:
        rng = self.rng
        owners = [(member, 5) for member in self.members(OrganizationKind.UNIVERSITY)]
        owners += [(member, 4) for member in self.members(OrganizationKind.RESEARCH_INSTITUTE)]
        owners += [(member, 3) for member in self.members(OrganizationKind.HOSPITAL)]
        owners += [
            (member, 3)
            for member in self.members(OrganizationKind.SERVICE_AGENCY)
            if "检验检测" in member.organization.name or "仪器" in member.organization.name
        ]
        owners += [(member, 0.3) for member in self.members(OrganizationKind.ENTERPRISE) if member.high_tech]
        owner = self.pick(owners)
        medical = self.medical(owner)
        catalogue = [
            item
            for item in (*words.INSTRUMENTS, *self.city.extra_instruments)
            if (item[1] == "医学科研仪器") == medical
        ]
        name, category, models, low, high = rng.choice(catalogue)
        floor = rng.randint(1, 6)
        room = f"{rng.choice(words.INSTRUMENT_ROOMS)}{floor}楼{floor}{rng.randint(1, 20):02d}室"
        value = rng.randint(low, high) * words.TEN_THOUSAND + rng.randint(0, 99) * 100
        status = self.pick(
            [
                (InstrumentStatus.AVAILABLE, 70),
                (InstrumentStatus.IN_USE, 15),
                (InstrumentStatus.MAINTENANCE, 10),
                (InstrumentStatus.RETIRED, 5),
            ]
        )
        self.result.instruments.append(
            Instrument(
                name=name,
                owner=owner.organization,
                category=category,
                model_number=rng.choice(models),
                value_yuan=value,
                location=f"{owner.organization.name}{room}",
                status=status,
                shareable=status != InstrumentStatus.RETIRED and rng.random() < 0.9,
                is_demo=True,
            )
        )

    def subject_of(self, member: Member) -> tuple[str, str]:
        """A subject for an achievement or need of this organization, with its technical field."""
        if self.medical(member):
            clinical = self.rng.choice(words.CLINICAL_FIELDS)
            return f"{clinical}精准诊疗", clinical
        industry = member.industry or self.any_industry()
        return self.rng.choice(industry.subjects), self.rng.choice(industry.fields)

    def unique_title(self, patterns: Sequence[str], member: Member) -> tuple[str, str] | None:
        for _ in range(20):
            subject, technical_field = self.subject_of(member)
            title = self.rng.choice(patterns).format(subject=subject)
            if title not in self.names:
                self.names.add(title)
                return title, technical_field
        return None

    def achievement(self) -> None:
        rng = self.rng
        kind = self.pick(
            [
                (OrganizationKind.UNIVERSITY, 35),
                (OrganizationKind.RESEARCH_INSTITUTE, 25),
                (OrganizationKind.HOSPITAL, 5),
                (OrganizationKind.ENTERPRISE, 35),
            ]
        )
        owner = self.member_of(kind)
        titled = self.unique_title(words.ACHIEVEMENT_PATTERNS, owner)
        if titled is None:
            return
        title, technical_field = titled
        maturity = self.pick(MATURITY_WEIGHTS)
        mode = self.pick(TRANSFER_MODE_WEIGHTS)
        low, high = words.ACHIEVEMENT_PRICES[maturity]
        priced = mode != TransferMode.NEGOTIABLE and rng.random() < 0.9
        result = rng.choice(words.ACHIEVEMENT_RESULTS).format(n=rng.randint(1, 6))
        self.result.achievements.append(
            Achievement(
                title=title,
                owner=owner.organization,
                field=technical_field,
                maturity=maturity,
                transfer_mode=mode,
                price_yuan=Decimal(rng.randint(low, high)) * words.TEN_THOUSAND if priced else None,
                published=self.day_between(dt.date(FIRST_YEAR, 1, 1), REFERENCE_DATE),
                is_demo=True,
                description=f"{owner.organization.name}完成的{technical_field}领域成果，{result}，"
                f"可采用{TransferMode(mode).label}方式转化。",
            )
        )

    def need(self, enterprise: Member) -> None:
        rng = self.rng
        titled = self.unique_title(words.NEED_PATTERNS, enterprise)
        if titled is None:
            return
        title, technical_field = titled
        budget = rng.randint(10, 500)
        deadline = self.day_between(dt.date(2025, 6, 1), dt.date(2027, 6, 30))
        if deadline < REFERENCE_DATE:
            status = self.pick([(NeedStatus.SOLVED, 45), (NeedStatus.CLOSED, 20), (NeedStatus.MATCHING, 35)])
        else:
            status = self.pick([(NeedStatus.OPEN, 70), (NeedStatus.MATCHING, 30)])
        self.result.needs.append(
            TechnologyNeed(
                title=title,
                enterprise=enterprise.organization,
                field=technical_field,
                budget_yuan=Decimal(budget) * words.TEN_THOUSAND,
                deadline=deadline,
                status=status,
                is_demo=True,
                description=f"{enterprise.organization.name}在{title}方面面临技术瓶颈，拟通过"
                f"{rng.choice(words.NEED_WAYS)}方式寻求合作，预算{budget}万元。",
            )
        )
