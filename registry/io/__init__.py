"""Import and export of registry records (contract 4 in docs/interfaces.md): every importable kind in
every file format of registry.io.formats (xlsx, csv, jsonl).

    import_file(path_or_file, kind, user=None, dry_run=False) -> ImportReport
    import_rows(rows, kind, user=None, dry_run=False) -> ImportReport
    export_records(out, kind, file_format, user=…, params=…) -> int

Each kind declares its columns in its module (registry/kinds/<kind>.py); `registry.io.columns.layouts()`
lists every importable layout, other apps' included.
"""

from registry.io.exports import export_filename, export_records, may_export
from registry.io.formats import FORMATS
from registry.io.importer import import_file, import_rows, kind_from_filename
from registry.io.report import ImportReport, RowError

__all__ = [
    "FORMATS",
    "ImportReport",
    "RowError",
    "export_filename",
    "export_records",
    "import_file",
    "import_rows",
    "kind_from_filename",
    "may_export",
]
