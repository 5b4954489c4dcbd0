"""Generated organization lists for the import tests, large enough to go to the background."""

from registry.validators import make_uscc


def organizations_csv(rows: int, serial: int = 0, bad_row: int | None = None) -> bytes:
    """`rows` organizations; `bad_row` (as a spreadsheet numbers it, header = 1) gets an invalid USCC."""
    lines = ["name,uscc,kind,region"]
    for n in range(rows):
        uscc = "不是信用代码" if bad_row == n + 2 else make_uscc("91", "370300", serial + n)
        lines.append(f"淄博批量公司{serial + n},{uscc},企业,370302")
    return "\n".join(lines).encode()
