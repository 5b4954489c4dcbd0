"""`python -m ops.tests.population N`: N Shandong organizations with yearly data and qualifications, loaded
through `kechuang import`'s code path, for the tests that run workers in processes of their own."""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

# Zibo, Binzhou and Weihai counties: the seed policies' regions, so their rules pay something.
COUNTIES = [
    "370302",
    "370303",
    "370304",
    "370305",
    "370306",
    "370321",
    "370322",
    "370323",
    "371602",
    "371603",
    "371621",
    "371002",
    "371003",
    "371082",
    "371083",
]


def rows(count: int) -> dict[str, list[list[object]]]:
    from registry.validators import make_uscc

    rng = random.Random(count)
    tables: dict[str, list[list[object]]] = {"organization": [], "qualification": [], "annual_data": []}
    for serial in range(count):
        region = rng.choice(COUNTIES)
        uscc = make_uscc("91", region, serial)
        tables["organization"].append(
            [f"测试{serial}科技有限公司", uscc, "enterprise", region, "是" if serial % 3 else "否"]
        )
        if serial % 4 == 0:
            granted = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
            tables["qualification"].append(
                [
                    uscc,
                    rng.choice(["high_tech_enterprise", "tech_sme"]),
                    granted.isoformat(),
                    (granted + dt.timedelta(days=1000)).isoformat(),
                ]
            )
        revenue = rng.randint(100, 50_000) * 10_000
        for year in (2024, 2025):
            revenue = int(revenue * rng.uniform(0.9, 1.5))
            tables["annual_data"].append(
                [
                    uscc,
                    year,
                    revenue,
                    int(revenue * rng.uniform(0.01, 0.1)),
                    rng.randint(10, 900),
                    rng.randint(1, 90),
                    rng.randint(0, 20),
                ]
            )
    return tables


HEADERS = {
    "organization": ["name", "uscc", "kind", "region", "above_designated_size"],
    "qualification": ["organization_uscc", "type", "granted", "expires"],
    "annual_data": [
        "organization_uscc",
        "year",
        "revenue",
        "rd_expense",
        "employees",
        "rd_staff",
        "invention_patents",
    ],
}


def main(count: int) -> None:
    import django

    django.setup()
    from registry.io.importer import import_file
    from registry.regions import load_regions

    load_regions()
    with tempfile.TemporaryDirectory() as folder:
        for kind, table in rows(count).items():
            path = Path(folder) / f"{kind}.csv"
            with path.open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(HEADERS[kind])
                writer.writerows(table)
            report = import_file(path, kind)
            if report.errors:
                raise SystemExit(f"{kind}: {report.errors[:3]}")


if __name__ == "__main__":
    main(int(sys.argv[1]))
