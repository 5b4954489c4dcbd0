"""No two active bookings of one instrument overlap, guaranteed by the database itself.

PostgreSQL: an exclusion constraint over (instrument, time range) with btree_gist. SQLite has no
exclusion constraints; triggers refuse an insert or update that would overlap. SQLite runs one write
transaction at a time (the project opens them IMMEDIATE), so the trigger's check and the write are atomic.
Both raise an IntegrityError that sharing.booking turns into a refusal that says why.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

ACTIVE = "('requested', 'approved')"

POSTGRES = [
    f"""ALTER TABLE sharing_booking ADD CONSTRAINT sharing_booking_no_overlap EXCLUDE USING gist
        (shared_id WITH =, tstzrange(start, "end", '[)') WITH &&) WHERE (status IN {ACTIVE})""",
]
POSTGRES_REVERSE = ["ALTER TABLE sharing_booking DROP CONSTRAINT sharing_booking_no_overlap"]

OVERLAP = f"""SELECT RAISE(ABORT, 'sharing_booking_no_overlap') WHERE EXISTS (
    SELECT 1 FROM sharing_booking b WHERE b.shared_id = NEW.shared_id AND b.status IN {ACTIVE}
    AND b.start < NEW."end" AND NEW.start < b."end" AND b.id IS NOT NEW.id);"""
SQLITE = [
    f"""CREATE TRIGGER sharing_booking_no_overlap_insert BEFORE INSERT ON sharing_booking
        WHEN NEW.status IN {ACTIVE} BEGIN {OVERLAP} END""",
    f"""CREATE TRIGGER sharing_booking_no_overlap_update
        BEFORE UPDATE OF shared_id, start, "end", status ON sharing_booking
        WHEN NEW.status IN {ACTIVE} BEGIN {OVERLAP} END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER sharing_booking_no_overlap_insert",
    "DROP TRIGGER sharing_booking_no_overlap_update",
]


def run(statements_by_vendor: dict[str, list[str]]):  # noqa: ANN201 - a migration callable
    def apply(apps, schema_editor) -> None:  # noqa: ANN001
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("sharing", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(
            run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
