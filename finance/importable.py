"""Loans for `kechuang import FILE --kind loan`, found by the registry's import command through
kechuang.plugins."""

from finance.imports import KIND, import_loans
from registry.io.columns import FileImporter

IMPORTERS = [FileImporter(KIND, "贷款", import_loans)]
