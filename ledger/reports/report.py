"""A built report: its rows and its views, as every report builder gives it and every output
writes it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Report:
    """One built report: its rows (`frame`, what CSV and JSON hold) and its terminal and workbook views."""

    name: str
    title: str
    frame: pd.DataFrame
    blocks: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # terminal and workbook only
    view: pd.DataFrame | None = None  # fewer, narrower columns for an 80-column terminal
    view_blocks: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # what the view leaves out
    # The workbook's sheets for the rows when `frame` is more than one table: (sheet, title, rows).
    sheets: list[tuple[str, str, pd.DataFrame]] = field(default_factory=list)
