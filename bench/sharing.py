"""Sharing benchmark (issue 12, point 6): booking throughput and p95 with 50 clients at once booking
overlapping slots of one instrument through the API, and 50 clients redeeming one voucher, on SQLite
and on PostgreSQL.

    .venv/bin/python -m bench.sharing [--database sqlite|postgres] [--clients N] [--rounds N]

Without --database it runs SQLite, then PostgreSQL, each in its own process on a scratch database.
Every round, each client asks for one of a few overlapping two-hour slots of the same day, so most
requests lose; the run checks that no two kept bookings overlap and that the voucher is never overdrawn.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import threading
import time
from decimal import Decimal
from typing import Any

from bench import DATABASES, machine, percentile, record_run, scratch_database, setup_django

NAME = "sharing"


def _all_at_once(clients: int, work: Any) -> list[tuple[int, float]]:
    from django.db import connection

    barrier = threading.Barrier(clients)
    results: list[tuple[int, float]] = [(0, 0.0)] * clients

    def run(index: int) -> None:
        try:
            barrier.wait()
            started = time.perf_counter()
            status = work(index)
            results[index] = (status, (time.perf_counter() - started) * 1000)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def run(database: str, clients: int, rounds: int) -> dict[str, Any]:
    with scratch_database(database, NAME):
        setup_django()
        from django.test import Client
        from django.utils import timezone

        from accounts.models import Role, User
        from registry.models import AnnualData, Instrument, Organization
        from registry.regions import load_regions
        from registry.validators import make_uscc
        from sharing import usage, vouchers
        from sharing.models import Booking, Rate, SharedInstrument, VoucherBudget, VoucherShare
        from sharing.vocabulary import ACTIVE_BOOKING_STATES

        load_regions()
        owner = Organization.objects.create(
            name="威海市材料测试中心",
            uscc=make_uscc("12", "371000", 1),
            kind="research_institute",
            region_id="371002",
        )
        instrument = Instrument.objects.create(
            name="扫描电镜", owner=owner, category="电子光学仪器", value_yuan=Decimal("3000000")
        )
        shared = SharedInstrument.objects.create(
            instrument=instrument,
            opens_at=dt.time(0, 0),
            closes_at=dt.time(23, 59),
            open_weekdays="1234567",
            lead_time_hours=0,
            max_minutes=600,
        )
        Rate.objects.create(shared=shared, user_kind="enterprise", yuan_per_hour=Decimal("200"))
        year = timezone.localdate().year
        users, sessions = [], []
        for n in range(clients):
            organization = Organization.objects.create(
                name=f"威海基准企业{n:03d}",
                uscc=make_uscc("91", "371000", 100 + n),
                kind="enterprise",
                region_id="371002",
            )
            AnnualData.objects.create(
                organization=organization, year=year, employees=80, revenue=Decimal("3e7")
            )
            user = User.objects.create_user(f"bench{n}", role=Role.ENTERPRISE_USER, organization=organization)
            client = Client()
            client.force_login(user)
            users.append(user)
            sessions.append(client)

        latencies: list[float] = []
        won = lost = 0
        started = time.perf_counter()
        for round_number in range(rounds):
            day = timezone.localdate() + dt.timedelta(days=2 + round_number)

            def book(index: int, day: dt.date = day) -> int:
                start = timezone.make_aware(dt.datetime.combine(day, dt.time(8))) + dt.timedelta(
                    minutes=30 * (index % 8)
                )
                response = sessions[index].post(
                    "/api/sharing/bookings",
                    {
                        "instrument": shared.pk,
                        "start": start.isoformat(),
                        "end": (start + dt.timedelta(hours=2)).isoformat(),
                        "purpose": "基准测试",
                    },
                    content_type="application/json",
                )
                return response.status_code

            results = _all_at_once(clients, book)
            latencies += [ms for _status, ms in results]
            won += sum(status == 201 for status, _ms in results)
            lost += sum(status == 409 for status, _ms in results)
        booking_seconds = time.perf_counter() - started
        kept = list(Booking.objects.filter(shared=shared, status__in=ACTIVE_BOOKING_STATES).order_by("start"))
        overlaps = sum(a.end > b.start for a, b in zip(kept, kept[1:], strict=False))

        admin = User.objects.create_user("bench-bureau", role=Role.BUREAU_ADMIN)
        for level, code in (("provincial", "370000"), ("municipal", "371000")):
            VoucherBudget.objects.create(
                year=year,
                region_id=code,
                level=level,
                total_yuan=Decimal("1e7"),
                quota_per_enterprise_yuan=Decimal("1e6"),
            )
        holder = users[0]
        voucher = vouchers.apply(holder, year, Decimal("10000"), "基准测试")
        vouchers.approve(admin, voucher, timezone.localdate() + dt.timedelta(days=30))
        lab_user = User.objects.create_user("bench-lab", role=Role.EXPERT, organization=owner)
        moment = timezone.now() - dt.timedelta(days=1)
        served = [
            usage.record(
                lab_user,
                shared,
                moment - dt.timedelta(hours=6 * n + 5),
                moment - dt.timedelta(hours=6 * n),
                "王工",
                organization=holder.organization,
                user_kind="enterprise",
            )
            for n in range(clients)
        ]
        redeemers = sessions[0]
        claim_results = _all_at_once(
            clients,
            lambda i: (
                redeemers.post(
                    f"/api/sharing/vouchers/{voucher.pk}/redemptions",
                    {"usage": served[i].pk, "amount_yuan": "600"},
                    content_type="application/json",
                ).status_code
            ),
        )
        claim_ms = [ms for _status, ms in claim_results]
        overdrawn = sum(share.redeemed_yuan > share.held_yuan for share in VoucherShare.objects.all())
        return {
            "clients": clients,
            "rounds": rounds,
            "booking_requests": len(latencies),
            "booking_won": won,
            "booking_lost_with_reason": lost,
            "booking_throughput_per_s": round(len(latencies) / booking_seconds, 1),
            "booking_p50_ms": round(percentile(latencies, 0.5), 1),
            "booking_p95_ms": round(percentile(latencies, 0.95), 1),
            "overlapping_bookings": overlaps,
            "redemption_requests": clients,
            "redemption_won": sum(status == 201 for status, _ms in claim_results),
            "redemption_lost_with_reason": sum(status == 409 for status, _ms in claim_results),
            "redemption_p95_ms": round(percentile(claim_ms, 0.95), 1),
            "voucher_remaining_yuan": str(vouchers.remaining_yuan(voucher)),
            "overdrawn_shares": overdrawn,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sharing", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", choices=DATABASES, help="one database; without it both, one after the other"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args(argv)
    if args.database is None:
        failed = 0
        for database in DATABASES:
            command = [
                sys.executable,
                "-m",
                "bench.sharing",
                "--database",
                database,
                "--clients",
                str(args.clients),
                "--rounds",
                str(args.rounds),
            ]
            failed += subprocess.run(command, check=False).returncode != 0  # noqa: S603 - our own module
        return 1 if failed else 0
    result = run(args.database, args.clients, args.rounds)
    path = record_run(NAME, args.database, result, {"machine": machine()})
    for key, value in result.items():
        print(f"{args.database:>8}  {key:<28} {value}")
    print(f"→ {path}")
    return 0 if result["overlapping_bookings"] == 0 and result["overdrawn_shares"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
