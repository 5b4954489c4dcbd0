"""Import and export of registry records (DESIGN.md contract 4): xlsx, csv and jsonl for every kind.

    import_file(path_or_file, kind, user=None, dry_run=False) -> ImportReport
    import_rows(rows, kind, user=None, dry_run=False) -> ImportReport
    export_records(out, kind, file_format, user=…, params=…) -> int

The columns of each kind live in `registry.io.columns.COLUMNS`; adding a kind means one entry there.
"""

from registry.io.exports import export_filename, export_records, may_export
from registry.io.importer import import_file, import_rows, kind_from_filename
from registry.io.readers import FORMATS
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
