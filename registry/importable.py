"""The registry's own importable kinds that bring their own reader (kechuang.plugins): the list of newly
approved platforms, which creates platforms and records their approvals."""

from registry.approvals import IMPORTER

IMPORTERS = [IMPORTER]
