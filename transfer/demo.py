"""The transfer app's part of `kechuang demo`: a registration office and a transfer agency with two
brokers in each demo city, and some years of registered contracts whose yearly turnover grows at a
believable rate (Binzhou's 2020 over 2019 near its +30 % target), sellers mostly universities and
institutes, buyers the city's enterprises. Deterministic and idempotent: a city whose office already
has contracts is left as it is."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.db.models import QuerySet
from simple_history.utils import bulk_create_with_history

from registry.demo.cities import CITIES, City
from registry.models import Organization
from registry.region_lookups import in_region
from registry.vocabulary import OrganizationKind
from transfer.models import Broker, Contract, RegistrationOffice, TransferAgency
from transfer.vocabulary import ContractStatus, ContractType

FIRST_YEAR = 2019
# Yearly growth of each city's registered turnover.
GROWTH = {"371600": 1.32, "371000": 1.18, "370300": 1.15, "520400": 1.22}
TYPE_WEIGHTS = {
    ContractType.DEVELOPMENT: 40,
    ContractType.TRANSFER: 12,
    ContractType.LICENSING: 5,
    ContractType.CONSULTING: 10,
    ContractType.SERVICE: 33,
}
FIELDS = ("新材料", "高端装备", "新一代信息技术", "生物医药", "新能源", "现代海洋", "节能环保", "现代农业")
BROKER_NAMES = ("王立新", "刘晓燕", "陈国栋", "赵雪梅", "孙海涛", "周明华", "吴建军", "郑丽娟")


def load(stdout: TextIO) -> None:
    today = dt.date.today()
    for city in CITIES:
        created = _city(city, today)
        if created:
            stdout.write(f"技术合同：{city.name} {created} 份已登记合同\n")


def _in_city(city: City) -> QuerySet[Organization]:
    return Organization.objects.filter(in_region(city.code), is_demo=True)


def _city(city: City, today: dt.date) -> int:
    members = _in_city(city)
    host = members.filter(
        kind=OrganizationKind.GOVERNMENT_DEPARTMENT, name=f"{city.name}市科学技术局"
    ).first()
    office, _ = RegistrationOffice.objects.get_or_create(
        name=f"{city.name}市技术合同登记处", defaults={"region_id": city.code, "host": host}
    )
    if office.contracts.exists():
        return 0
    sellers = list(
        members.filter(kind__in=[OrganizationKind.UNIVERSITY, OrganizationKind.RESEARCH_INSTITUTE])
    )
    buyers = list(members.filter(kind=OrganizationKind.ENTERPRISE).order_by("id"))
    if not sellers or len(buyers) < 2:
        return 0
    chooser = random.Random(f"transfer-demo-{city.code}")
    agency = _agency(city, members, chooser)
    contracts: list[Contract] = []
    total = Decimal(chooser.randint(8_000, 15_000)) * Decimal(1000) * Decimal(len(buyers)) / 300
    for year in range(FIRST_YEAR, today.year + 1):
        count = max(3, len(buyers) // 8 + (year - FIRST_YEAR) * max(1, len(buyers) // 60))
        last_day = min(dt.date(year, 12, 31), today)
        contracts += _year(office, agency, sellers, buyers, year, count, total, last_day, chooser)
        total *= Decimal(str(GROWTH.get(city.code, 1.15)))
    with transaction.atomic():
        bulk_create_with_history(contracts, Contract, default_change_reason="演示数据")
    return len(contracts)


def _agency(city: City, members: QuerySet[Organization], chooser: random.Random) -> TransferAgency | None:
    organization = members.filter(kind=OrganizationKind.SERVICE_AGENCY).order_by("id").first()
    if organization is None:
        return None
    agency, created = TransferAgency.objects.get_or_create(
        organization=organization,
        defaults={"recorded_on": dt.date(2021, 3, 15), "services": "技术评价、技术经纪、成果转化"},
    )
    if created:
        for number, name in enumerate(chooser.sample(BROKER_NAMES, 2), start=1):
            Broker.objects.create(
                name=name, agency=agency, certificate_no=f"{city.doc}JSJL{2021}{number:04d}"
            )
    return agency


def _year(
    office: RegistrationOffice,
    agency: TransferAgency | None,
    sellers: list[Organization],
    buyers: list[Organization],
    year: int,
    count: int,
    total: Decimal,
    last_day: dt.date,
    chooser: random.Random,
) -> list[Contract]:
    """`count` contracts registered in `year` (up to `last_day`) whose 成交额 add up to about `total`."""
    weights = [chooser.lognormvariate(0, 1) for _ in range(count)]
    scale = total / Decimal(str(sum(weights)))
    span = (last_day - dt.date(year, 1, 1)).days
    brokers = list(agency.brokers.all()) if agency else []
    found = []
    days = sorted(chooser.randint(0, span) for _ in range(count))
    for serial, (weight, offset) in enumerate(zip(weights, days, strict=True), start=1):
        amount = (Decimal(str(weight)) * scale / 100).quantize(Decimal(1)) * 100
        registered = dt.date(year, 1, 1) + dt.timedelta(days=offset)
        seller = chooser.choice(sellers) if chooser.random() < 0.75 else chooser.choice(buyers)
        buyer = chooser.choice([b for b in buyers[:40] if b.pk != seller.pk])
        contract_type = chooser.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
        helped = brokers and chooser.random() < 0.3
        found.append(
            Contract(
                title=f"{chooser.choice(FIELDS)}{ContractType(contract_type).label}项目",
                contract_type=contract_type,
                field=chooser.choice(FIELDS),
                seller=seller,
                seller_name=seller.name,
                seller_uscc=seller.uscc,
                seller_kind=seller.kind,
                seller_region_id=seller.region_id,
                buyer=buyer,
                buyer_name=buyer.name,
                buyer_uscc=buyer.uscc,
                buyer_kind=buyer.kind,
                buyer_region_id=buyer.region_id,
                signed=registered - dt.timedelta(days=chooser.randint(10, 40)),
                amount_yuan=amount,
                technical_amount_yuan=(amount * Decimal("0.9")).quantize(Decimal(1)),
                office=office,
                agency=agency if helped else None,
                broker=chooser.choice(brokers) if helped else None,
                status=ContractStatus.REGISTERED,
                submitted_on=registered - dt.timedelta(days=7),
                registered=registered,
                registration_no=f"{year}{office.region_id}{serial:06d}",
                is_demo=True,
            )
        )
    return found
