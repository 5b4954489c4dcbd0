"""Sharing spreadsheets for `kechuang import FILE --kind KIND` (found by the registry's import command
through kechuang.plugins): instrument profiles, usage records and voucher claims, all or nothing."""

from registry.io.columns import FileImporter
from sharing.imports import import_claims, import_instruments, import_usages

IMPORTERS = [
    FileImporter("shared_instrument", "共享仪器", import_instruments),
    FileImporter("instrument_usage", "仪器使用记录", import_usages),
    FileImporter("voucher_claim", "创新券兑付申请", import_claims),
]
