"""Reports: what each round committed each side to, what was delivered, where sources disagree.

The only package that imports pandas (and, for charts, matplotlib); the command line imports it
inside the report commands, so that `ledger --help` and data entry start without them. The SQL
does the aggregation (sums over the stored allocation shares, window sums for running totals);
pandas shapes the rows; `ledger.reports.output` writes them as a table, CSV, JSON, Markdown or
Excel. `Filters` and the streamed register (`ledger.reports.register`) need no pandas, so the
report builders are imported only when asked for.
"""

from typing import Any

from ledger.reports.filters import Filters

__all__ = ["NAMES", "TABLES", "Filters", "Report", "build"]

# The reports that are one table each (a DataFrame from `Ledger.report`), then the files of them all: the
# workbook, and the page (one self-contained HTML file).
TABLES = ("commitments", "fulfilment", "register", "discrepancies", "timeline", "deadlines")
NAMES = (*TABLES, "workbook", "page")


def __getattr__(name: str) -> Any:
    if name in ("Report", "build"):
        from ledger.reports import frames

        return getattr(frames, name)
    raise AttributeError(f"module 'ledger.reports' has no attribute {name!r}")
