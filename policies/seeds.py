"""The five seed policies shipped with Kechuang: where their texts live and what they are called here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class SeedPolicy:
    code: str
    filename: str
    region: str

    @property
    def path(self) -> Path:
        return seeds_dir() / self.filename


def seeds_dir() -> Path:
    """KECHUANG_SEEDS_DIR, else `../shared/seeds` beside a checkout, else the copy inside the wheel."""
    configured = os.environ.get("KECHUANG_SEEDS_DIR")
    if configured:
        return Path(configured)
    beside_checkout = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    return beside_checkout if beside_checkout.is_dir() else Path(__file__).resolve().parent / "seeds"


SEED_POLICIES = [
    SeedPolicy("zibo-2020-platforms", "000_f37237c9e7c42c95.txt", "370300"),
    SeedPolicy("binzhou-2020-integrated-system", "001_7318ee0931fa58d3.txt", "371600"),
    SeedPolicy("anshun-2021-platforms", "002_c9a047ffc2e757a4.txt", "520400"),
    SeedPolicy("zibo-2023-sci-province", "003_2c489ebdd505bbef.txt", "370300"),
    SeedPolicy("weihai-2023-innovation-city", "004_0a828b3e6958d3ec.txt", "371000"),
]
SEEDS_BY_CODE = {seed.code: seed for seed in SEED_POLICIES}
