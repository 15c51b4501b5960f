"""Reports: what each round committed each side to, what was delivered, where sources disagree.

The only package that imports pandas (and, for charts, matplotlib); the command line imports it
inside the report commands, so that `ledger --help` and data entry start without them. The SQL
does the aggregation (sums over the stored allocation shares, window sums for running totals);
pandas shapes the rows; `ledger.reports.output` writes them as a table, CSV, JSON, Markdown or
Excel.
"""

from ledger.reports.frames import NAMES, Filters, Report, build

__all__ = ["NAMES", "Filters", "Report", "build"]
