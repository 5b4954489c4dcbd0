"""The demo population of `kechuang demo`: a plausible registry for each seed city.

`cities` describes each city (industries, institutions, departments), `words` holds the shared word
lists, `plan` turns them into unsaved records deterministically, `store` writes a plan and
`logins` creates one demo account per role. Everything generated is flagged `is_demo`.
"""

import datetime as dt

# The day the demo population describes: every generated date lies on or before it, so the data
# never depends on when `kechuang demo` runs.
REFERENCE_DATE = dt.date(2026, 10, 31)
# Enterprises report yearly figures for these years.
FIRST_YEAR, LAST_YEAR = 2021, 2025
