"""Technology contracts for `kechuang import FILE --kind contract` (contract 10 in docs/interfaces.md),
found by the registry's import command through kechuang.plugins."""

from registry.io.columns import FileImporter
from transfer.imports import KIND, import_contracts

IMPORTERS = [FileImporter(KIND, "技术合同", import_contracts)]
