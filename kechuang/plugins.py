"""How a capability app plugs into the project, so that adding an app never means editing another.

Every installed app may hold modules with these names; the project finds them by name in
INSTALLED_APPS order, the way the admin finds `admin.py` (docs/interfaces.md, "App plug-ins"):

- `permissions.py`: what a user may see and do with the app's records; its pages, API and forms all
  ask it, so the three cannot disagree. Shared role predicates come from `kechuang.access`.
- `facts.py`: `collect(organization_ids, year, years) -> Mapping[int, Facts]`, the facts the app holds
  about organizations, merged into their benefit snapshots (contract 3).
- `demo.py`: `load(stdout) -> None`, the app's part of the demo population, run by `kechuang demo`
  after the registry population exists.
- `indicators.py`: `DEFINITIONS: dict[str, Definition]`, computed indicator definitions (口径) that
  targets can count.
- `tasks.py`: may define `requeue_stale(lease, queue_empty) -> int`, queueing again the work of a task
  worker that died; every `kechuang worker` calls it every few seconds (ops.recovery).
- `workbench.py`: `items(user) -> Iterable[kechuang.workbench.Item]`, what the app gives the user to do
  or to look after on their workbench (工作台, the home after login): counts linked to filtered lists.
- `panels.py`: `PANELS: dict[str, Callable[[record, user], tuple[template, context] | None]]`, a section
  the app adds to a registry record's page by kind (`platform` …), when it has something to show the user.
- `importable.py`: kinds of the app's own for `kechuang import --kind` (contracts 4 and 10):
  `LAYOUTS: list[registry.io.columns.KindColumns]`, column layouts that the registry's importer, its
  exports and its import page read and write like its own; or `IMPORTERS:
  list[registry.io.columns.FileImporter]`, kinds with a reader of their own (command line only).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module
from types import ModuleType
from typing import Any, Protocol

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def whole_yuan(value: Decimal | int) -> Decimal | int:
    """Whole yuan as int, so snapshots print like the JSON files people write; fen stay Decimal."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


@dataclass
class Facts:
    """What one app knows about one organization, in the pieces of a contract-3 snapshot.

    `annual` maps a year to yearly values (contract 3's annual keys); `qualifications` are
    `{type, granted, expires}` with ISO dates; `events` are `{type, date, …fields}` with an ISO date,
    one of the event types the benefits engine knows."""

    annual: dict[int, dict[str, Decimal | int]] = field(default_factory=dict)
    qualifications: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def merge(self, other: Facts) -> None:
        for year, values in other.annual.items():
            self.annual.setdefault(year, {}).update(values)
        self.qualifications.extend(other.qualifications)
        self.events.extend(other.events)


class FactSource(Protocol):
    def collect(
        self, organization_ids: Sequence[int], year: int, years: Sequence[int]
    ) -> Mapping[int, Facts]:
        """Facts for each organization (absent ones have none): events dated in `year`, yearly data
        for each of `years`, every qualification (the snapshot decides which are valid)."""
        ...


def app_modules(name: str) -> Iterator[tuple[str, ModuleType]]:
    """(app label, module) for every installed app that has a module `name`, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, name):
            yield config.label, import_module(f"{config.name}.{name}")


def collect_facts(organization_ids: Sequence[int], year: int, years: Sequence[int]) -> dict[int, Facts]:
    """Every installed app's facts about the organizations, merged per organization."""
    merged: dict[int, Facts] = {pk: Facts() for pk in organization_ids}
    for _label, module in app_modules("facts"):
        collect = getattr(module, "collect", None)
        if collect is None:
            continue
        for pk, facts in collect(organization_ids, year, years).items():
            merged[pk].merge(facts)
    return merged


def demo_loaders() -> Iterator[tuple[str, Any]]:
    """(app label, load) of every app's demo part."""
    for label, module in app_modules("demo"):
        load = getattr(module, "load", None)
        if callable(load):
            yield label, load


def importable_layouts() -> Iterator[tuple[str, Any]]:
    """(app label, layout) of every app's importable kinds."""
    for label, module in app_modules("importable"):
        for layout in getattr(module, "LAYOUTS", ()):
            yield label, layout


def plugin_importers() -> Iterator[tuple[str, Any]]:
    """(app label, importer) of every app's importable kinds that bring their own reader."""
    for label, module in app_modules("importable"):
        for importer in getattr(module, "IMPORTERS", ()):
            yield label, importer


def record_panels(kind: str, record: Any, user: Any) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) of every app's section on a registry record's page, in INSTALLED_APPS order."""
    panels = []
    for _label, module in app_modules("panels"):
        panel = getattr(module, "PANELS", {}).get(kind)
        shown = panel(record, user) if panel else None
        if shown is not None:
            panels.append(shown)
    return panels


def indicator_definitions() -> dict[str, Any]:
    """Every app's computed indicator definitions by key; a key defined twice is an error."""
    definitions: dict[str, Any] = {}
    for label, module in app_modules("indicators"):
        for key, definition in getattr(module, "DEFINITIONS", {}).items():
            if key in definitions:
                raise RuntimeError(f"indicator definition {key!r} is defined twice (again by {label})")
            definitions[key] = definition
    return definitions


def workbench_items(user: Any) -> Iterator[Any]:
    """Every app's workbench items for `user` (kechuang.workbench), in INSTALLED_APPS order."""
    for _label, module in app_modules("workbench"):
        items = getattr(module, "items", None)
        if callable(items):
            yield from items(user)
