"""A city's demo innovation platforms: hosts, types, names, competent departments and dated lifecycles.

Every city gets every lifecycle stage; approved platforms climb the level ladder with one dated
approval event (and document number) per level, as the seed policies describe.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from registry.demo import REFERENCE_DATE, words
from registry.models import Platform, PlatformEvent
from registry.vocabulary import Level, OrganizationKind, PlatformStage
from registry.vocabulary import PlatformType as T

if TYPE_CHECKING:
    from registry.demo.plan import CityPlanner, Member

# Which platform types each kind of host builds, with weights.
HOST_TYPES: dict[str, tuple[tuple[str, int], ...]] = {
    OrganizationKind.ENTERPRISE: (
        (T.ENTERPRISE_TECHNOLOGY_CENTER, 6),
        (T.ENGINEERING_TECHNOLOGY_RESEARCH_CENTER, 6),
        (T.TECHNOLOGY_INNOVATION_CENTER, 2),
        (T.KEY_LABORATORY, 1),
        (T.INDUSTRIAL_DESIGN_CENTER, 2),
        (T.ACADEMICIAN_WORKSTATION, 1),
        (T.EXPERT_WORKSTATION, 2),
        (T.POSTDOCTORAL_STATION, 1),
        (T.NEW_RD_INSTITUTION, 1),
        (T.PILOT_BASE, 1),
        (T.FOREIGN_EXPERT_STUDIO, 1),
        (T.INTERNATIONAL_COOPERATION_BASE, 1),
        (T.ENGINEERING_RESEARCH_CENTER, 1),
        (T.MANUFACTURING_INNOVATION_CENTER, 1),
        (T.INDUSTRY_INNOVATION_CENTER, 1),
        (T.INNOVATION_CONSORTIUM, 1),
        (T.INDUSTRY_ALLIANCE, 1),
    ),
    OrganizationKind.UNIVERSITY: (
        (T.KEY_LABORATORY, 4),
        (T.ENGINEERING_TECHNOLOGY_RESEARCH_CENTER, 3),
        (T.ENGINEERING_RESEARCH_CENTER, 2),
        (T.ENGINEERING_LABORATORY, 1),
        (T.LABORATORY, 1),
        (T.UNIVERSITY_SCIENCE_PARK, 1),
        (T.TECHNOLOGY_TRANSFER_INSTITUTION, 1),
        (T.INTERNATIONAL_COOPERATION_BASE, 1),
    ),
    OrganizationKind.RESEARCH_INSTITUTE: (
        (T.KEY_LABORATORY, 3),
        (T.NEW_RD_INSTITUTION, 3),
        (T.ENGINEERING_TECHNOLOGY_RESEARCH_CENTER, 2),
        (T.PILOT_BASE, 1),
        (T.PUBLIC_SERVICE_PLATFORM, 2),
        (T.TECHNOLOGY_TRANSFER_INSTITUTION, 1),
        (T.AGRICULTURAL_SCIENCE_PARK, 1),
        (T.AGRICULTURAL_HIGH_TECH_ZONE, 1),
    ),
    OrganizationKind.HOSPITAL: (
        (T.CLINICAL_MEDICAL_RESEARCH_CENTER, 5),
        (T.KEY_LABORATORY, 2),
        (T.ACADEMICIAN_WORKSTATION, 1),
    ),
    OrganizationKind.SERVICE_AGENCY: (
        (T.INCUBATOR, 3),
        (T.MAKER_SPACE, 3),
        (T.PUBLIC_SERVICE_PLATFORM, 2),
        (T.TECHNOLOGY_TRANSFER_INSTITUTION, 2),
        (T.INNOVATION_COMMUNITY, 1),
    ),
}
# How often each kind of organization hosts a platform; within a kind, high-tech and large enterprises
# host more.
HOST_KIND_WEIGHTS = (
    (OrganizationKind.ENTERPRISE, 60),
    (OrganizationKind.UNIVERSITY, 12),
    (OrganizationKind.RESEARCH_INSTITUTE, 10),
    (OrganizationKind.HOSPITAL, 6),
    (OrganizationKind.SERVICE_AGENCY, 10),
)

# Names carry the host's name for these types: 淄博鑫泰新材料科技有限公司企业技术中心.
HOST_NAMED = {
    T.ENTERPRISE_TECHNOLOGY_CENTER,
    T.INDUSTRIAL_DESIGN_CENTER,
    T.ACADEMICIAN_WORKSTATION,
    T.EXPERT_WORKSTATION,
    T.POSTDOCTORAL_STATION,
    T.FOREIGN_EXPERT_STUDIO,
}
# Types approved no higher than the province in practice, and types that counties approve too.
PROVINCIAL_AT_MOST = {
    T.LABORATORY,
    T.EXPERT_WORKSTATION,
    T.INNOVATION_COMMUNITY,
    T.PUBLIC_SERVICE_PLATFORM,
    T.NEW_RD_INSTITUTION,
    T.INDUSTRY_ALLIANCE,
    T.INNOVATION_CONSORTIUM,
    T.PILOT_BASE,
    T.FOREIGN_EXPERT_STUDIO,
}
COUNTY_TOO = {
    T.ENGINEERING_TECHNOLOGY_RESEARCH_CENTER,
    T.TECHNOLOGY_INNOVATION_CENTER,
    T.ENTERPRISE_TECHNOLOGY_CENTER,
    T.MAKER_SPACE,
    T.INCUBATOR,
    T.EXPERT_WORKSTATION,
}

# The ministry line that approves each type; everything else belongs to science and technology.
OFFICE_OF_TYPE = {
    T.ENGINEERING_LABORATORY: "development",
    T.ENGINEERING_RESEARCH_CENTER: "development",
    T.INDUSTRY_INNOVATION_CENTER: "development",
    T.ENTERPRISE_TECHNOLOGY_CENTER: "industry",
    T.MANUFACTURING_INNOVATION_CENTER: "industry",
    T.INDUSTRIAL_DESIGN_CENTER: "industry",
    T.POSTDOCTORAL_STATION: "human_resources",
    T.EXPERT_WORKSTATION: "human_resources",
}
# Document-number stems per office: (national, provincial, municipal and county).
DOCUMENT_STEMS = {
    "science": ("国科发基", "科字", "科字"),
    "development": ("发改高技", "发改高技", "发改字"),
    "industry": ("工信部科", "工信技", "工信字"),
    "human_resources": ("人社部发", "人社字", "人社字"),
}

LADDER = (Level.COUNTY, Level.MUNICIPAL, Level.PROVINCIAL, Level.NATIONAL)
# The stages every city shows, first; later platforms draw their stage from STAGE_WEIGHTS.
EVERY_STAGE = tuple(PlatformStage)
STAGE_WEIGHTS = (
    (PlatformStage.APPROVED, 58),
    (PlatformStage.RESERVE, 8),
    (PlatformStage.CULTIVATING, 14),
    (PlatformStage.APPLYING, 8),
    (PlatformStage.RECTIFYING, 7),
    (PlatformStage.REVOKED, 5),
)
TOP_LEVEL_WEIGHTS = ((Level.COUNTY, 8), (Level.MUNICIPAL, 55), (Level.PROVINCIAL, 30), (Level.NATIONAL, 7))
EARLIEST = dt.date(2012, 1, 1)


class PlatformPlanner:
    def __init__(self, planner: CityPlanner, count: int) -> None:
        self.planner, self.result, self.rng, self.city = planner, planner.result, planner.rng, planner.city
        self.count = max(len(EVERY_STAGE) + 2, count)
        self.hosts = {
            kind: [(member, self.host_weight(member)) for member in planner.members(kind)]
            for kind, _ in HOST_KIND_WEIGHTS
        }
        self.partners = planner.members(
            OrganizationKind.UNIVERSITY, OrganizationKind.RESEARCH_INSTITUTE, OrganizationKind.ENTERPRISE
        )
        self.departments = {
            department.office: member.organization
            for department, member in zip(
                self.city.departments, planner.members(OrganizationKind.GOVERNMENT_DEPARTMENT), strict=True
            )
        }

    @staticmethod
    def host_weight(member: Member) -> float:
        if member.kind == OrganizationKind.ENTERPRISE:
            return 1 + 2 * member.high_tech + 2 * (member.tier == "large")
        return 1

    def plan(self) -> None:
        flagship = self.planner.members(OrganizationKind.ENTERPRISE)[0]
        # The flagship enterprise (the demo enterprise login) shows a climb and a second platform.
        self.add(flagship, T.ENTERPRISE_TECHNOLOGY_CENTER, PlatformStage.APPROVED, Level.PROVINCIAL)
        self.add(flagship, T.ENGINEERING_TECHNOLOGY_RESEARCH_CENTER, PlatformStage.APPROVED, Level.MUNICIPAL)
        forced = list(EVERY_STAGE)
        attempts = 0
        while len(self.result.platforms) < self.count and attempts < self.count * 5:
            attempts += 1
            host = self.planner.pick(self.hosts[self.planner.pick(HOST_KIND_WEIGHTS)])
            platform_type = self.planner.pick(HOST_TYPES[host.kind])
            stage = forced[0] if forced else self.planner.pick(STAGE_WEIGHTS)
            if self.add(host, platform_type, stage, self.planner.pick(TOP_LEVEL_WEIGHTS)) and forced:
                forced.pop(0)

    # -- one platform -------------------------------------------------------------------------------

    def add(self, host: Member, platform_type: str, stage: str, top: str) -> bool:
        """Plan one platform; False when its name would repeat one already planned."""
        lowest, highest = self.level_range(host, platform_type)
        top = LADDER[min(max(LADDER.index(top), LADDER.index(lowest)), LADDER.index(highest))]
        reached, target = self.levels(stage, top, lowest)
        technical_field = self.planner.fields_of(host, 1)[0]
        named_level = reached[-1] if reached else target or Level.MUNICIPAL
        name = self.name(host, platform_type, technical_field, named_level)
        if name in self.planner.names:
            return False
        self.planner.names.add(name)
        office = OFFICE_OF_TYPE.get(platform_type, "science")
        platform = Platform(
            name=name,
            platform_type=platform_type,
            level=reached[-1] if reached else "",
            target_level=target,
            stage=stage,
            host=host.organization,
            competent_department=self.departments[office],
            region_id=host.organization.region_id,
            field=technical_field,
            is_demo=True,
            description=f"依托{host.organization.name}建设，主要开展{technical_field}领域关键技术研发、"
            "成果转化和人才培养。",
        )
        events = self.events(platform, stage, reached, target, office, host)
        platform.established = events[0].date - dt.timedelta(days=self.rng.randint(90, 720))
        self.result.platforms.append(platform)
        self.result.events.extend(events)
        if self.rng.random() < 0.4:
            others = [member for member in self.partners if member is not host]
            for partner in self.rng.sample(others, min(len(others), self.rng.randint(1, 3))):
                self.result.partners.append((platform, partner.organization))
        return True

    @staticmethod
    def level_range(host: Member, platform_type: str) -> tuple[str, str]:
        """The lowest and highest level this host could plausibly hold a platform of this type at."""
        enterprise = host.kind == OrganizationKind.ENTERPRISE
        lowest = Level.COUNTY if enterprise and platform_type in COUNTY_TOO else Level.MUNICIPAL
        # National platforms sit at universities and at large or high-tech medium enterprises.
        if enterprise:
            strong = host.tier == "large" or (host.high_tech and host.tier == "medium")
        else:
            strong = host.kind == OrganizationKind.UNIVERSITY
        highest = Level.PROVINCIAL if platform_type in PROVINCIAL_AT_MOST or not strong else Level.NATIONAL
        return lowest, highest

    def levels(self, stage: str, top: str, lowest: str) -> tuple[list[str], str]:
        """The levels a platform was approved at, lowest first, and the level it is cultivated towards."""
        rng = self.rng
        if stage == PlatformStage.RESERVE:
            return [], ""
        if stage in (PlatformStage.CULTIVATING, PlatformStage.APPLYING):
            current = LADDER.index(top) - 1 if rng.random() < 0.5 else -1
            if current < LADDER.index(lowest):
                return [], LADDER[max(LADDER.index(top), LADDER.index(Level.MUNICIPAL))]
            return self.climb(LADDER[current], lowest), LADDER[current + 1]
        if stage in (PlatformStage.RECTIFYING, PlatformStage.REVOKED) and top == Level.COUNTY:
            top = Level.MUNICIPAL
        return self.climb(top, lowest), ""

    def climb(self, top: str, lowest: str) -> list[str]:
        """A ladder of approvals ending at `top`: most start at the municipal level, some skip a rung."""
        top_index = LADDER.index(top)
        start = min(top_index, 0 if lowest == Level.COUNTY and self.rng.random() < 0.15 else 1)
        if start == top_index:
            return [top]
        rungs_between = [level for level in LADDER[start + 1 : top_index] if self.rng.random() > 0.25]
        return [LADDER[start], *rungs_between, top]

    def name(self, host: Member, platform_type: str, technical_field: str, level: str) -> str:
        city, province = self.city.name, self.city.province
        label = T(platform_type).label
        county = host.county.short or city
        if platform_type in HOST_NAMED:
            return f"{host.organization.name}{label}"
        if platform_type == T.UNIVERSITY_SCIENCE_PARK:
            return f"{host.organization.name}科技园"
        if platform_type == T.TECHNOLOGY_TRANSFER_INSTITUTION:
            return f"{host.organization.name}技术转移中心"
        if platform_type in (T.INCUBATOR, T.MAKER_SPACE):
            return f"{city}{self.rng.choice(words.PARK_WORDS)}{label}"
        if platform_type in (T.AGRICULTURAL_SCIENCE_PARK, T.AGRICULTURAL_HIGH_TECH_ZONE):
            return f"{province}{county}{label}"
        if platform_type == T.NEW_RD_INSTITUTION:
            return f"{city}{technical_field}研究院"
        if platform_type == T.INDUSTRY_ALLIANCE:
            return f"{city}{technical_field}{label}"
        if platform_type == T.KEY_LABORATORY and level == Level.NATIONAL:
            return f"{technical_field}全国重点实验室"
        if platform_type == T.LABORATORY and level == Level.PROVINCIAL:
            return f"{technical_field}{province}省实验室"
        prefix = {
            Level.NATIONAL: "国家",
            Level.PROVINCIAL: f"{province}省",
            Level.MUNICIPAL: f"{city}市",
            Level.COUNTY: host.county.name,
        }[Level(level)]
        return f"{prefix}{technical_field}{label}"

    # -- lifecycle events ---------------------------------------------------------------------------

    def document(self, office: str, level: str, day: dt.date, host: Member) -> str:
        national, provincial, local = DOCUMENT_STEMS.get(office, DOCUMENT_STEMS["science"])
        number = f"〔{day.year}〕{self.rng.randint(3, 120)}号"
        if level == Level.NATIONAL:
            return national + number
        if level == Level.PROVINCIAL:
            return self.city.province_doc + provincial + number
        if level == Level.MUNICIPAL:
            return self.city.doc + local + number
        return (host.county.short or self.city.name) + local + number

    def events(
        self, platform: Platform, stage: str, reached: list[str], target: str, office: str, host: Member
    ) -> list[PlatformEvent]:
        rng, day_between = self.rng, self.planner.day_between
        # Later steps need room after the last approval: a year for rectification, more for revocation.
        room = {PlatformStage.RECTIFYING: 400, PlatformStage.REVOKED: 800}.get(stage, 30)
        latest = REFERENCE_DATE - dt.timedelta(days=room)
        events: list[PlatformEvent] = []
        if reached:
            day = day_between(dt.date(2016, 1, 1), latest)
            dates = [day]
            for _ in reached[1:]:
                day = day - dt.timedelta(days=rng.randint(365, 1460))
                dates.append(max(day, EARLIEST))
            for level, day in zip(reached, reversed(dates), strict=True):
                events.append(
                    PlatformEvent(
                        platform=platform,
                        stage=PlatformStage.APPROVED,
                        level=level,
                        date=day,
                        document=self.document(office, level, day, host),
                    )
                )
        last = events[-1].date if events else dt.date(2022, 1, 1)

        def after(days_low: int, days_high: int, note: str, event_stage: str, level: str = "") -> None:
            nonlocal last
            last = min(REFERENCE_DATE, last + dt.timedelta(days=rng.randint(days_low, days_high)))
            events.append(
                PlatformEvent(platform=platform, stage=event_stage, level=level, date=last, note=note)
            )

        if stage == PlatformStage.RESERVE:
            after(0, (REFERENCE_DATE - last).days, "纳入平台储备库", PlatformStage.RESERVE)
        if stage in (PlatformStage.CULTIVATING, PlatformStage.APPLYING):
            after(30, 700, "入选培育库，按目标级别重点培育", PlatformStage.CULTIVATING, target)
        if stage == PlatformStage.APPLYING:
            after(60, 360, "已提交认定申报材料", PlatformStage.APPLYING, target)
        if stage in (PlatformStage.RECTIFYING, PlatformStage.REVOKED):
            after(365, 400, "年度绩效评价结果为不合格，限期一年整改", PlatformStage.RECTIFYING, reached[-1])
        if stage == PlatformStage.REVOKED:
            after(365, 400, "整改期满复评仍不合格，撤销认定", PlatformStage.REVOKED, reached[-1])
        return events
