"""The two charts as images (matplotlib): cumulative returns with the rounds marked, and
committed against delivered per obligation. The workbook draws the same two as Excel charts.

The same data draws the same bytes in every format: no creation date in the file, and the ids of
an SVG from a fixed salt instead of random ones.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pandas as pd

from ledger import domain

CHARTS = ("returns", "fulfilment")
# SVG ids from a fixed salt, not random ones (the same data draws the same bytes); text kept as text.
STYLE = {"svg.hashsalt": "humanitarian-ledger", "svg.fonttype": "none"}
# The rounds' lines and names: a grey with 7:1 contrast on white, as text must have at least 4.5:1.
MUTED = "#4a525c"
NO_DATES = {".svg": {"Date": None}, ".pdf": {"CreationDate": None, "ModDate": None}, ".ps": {"CreationDate": None}}


def draw(name: str, data: pd.DataFrame, path: Path) -> None:
    _save(name, data, path, path.suffix.lower(), STYLE)


def svg(name: str, data: pd.DataFrame, *, prefix: str, style: dict[str, Any] | None = None) -> str:
    """The chart as the text of an SVG element to inline in a page: from `<svg` on, with no XML
    declaration or doctype, every id in it (and every reference to one) starting with `prefix`,
    so that two charts on a page never share one; `style` adds to the rc settings."""
    buffer = io.BytesIO()
    _save(name, data, buffer, ".svg", {**STYLE, **(style or {})})
    text = buffer.getvalue().decode("utf-8")
    text = text[text.index("<svg") :]
    ids = set(re.findall(r'\bid="([^"]+)"', text))
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', text)
    return re.sub(
        r'(url\(#|href="#)([^)"]+)',
        lambda m: f"{m.group(1)}{prefix}-{m.group(2)}" if m.group(2) in ids else m.group(0),
        text,
    )


def _save(name: str, data: pd.DataFrame, target: Path | io.BytesIO, suffix: str, style: dict[str, Any]) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no screen: draw to a file
    import matplotlib.pyplot as plt

    with plt.rc_context(style):
        figure = _returns(plt, data) if name == "returns" else _fulfilment(plt, data)
        figure.tight_layout()
        figure.savefig(target, format=suffix.lstrip("."), metadata=NO_DATES.get(suffix, {}))
        plt.close(figure)


def _returns(plt: Any, data: pd.DataFrame) -> Any:
    """A panel for living people and one for remains, never added together; a dotted line and its
    name (`R1 16 May`) for each round."""
    from matplotlib.ticker import StrMethodFormatter

    lines = [c for c in data.columns if c not in ("date", "round")]
    kinds = [kind for kind in domain.KINDS if any(c.startswith(f"{kind} to ") for c in lines)]
    figure, panels = plt.subplots(len(kinds), 1, figsize=(10, 3.2 + 2.8 * len(kinds)), sharex=True, squeeze=False)
    rounds = data.loc[data["round"].notna(), ["date", "round"]]
    for kind, axes in zip(kinds, panels[:, 0], strict=True):
        for i, line in enumerate(c for c in lines if c.startswith(f"{kind} to ")):
            axes.step(data["date"], data[line], where="post", linestyle=("-", "--", "-.", ":")[i % 4],
                      label=f"{kind}, returned to {line.split(' to ')[1]}")  # fmt: skip
        for date, label in rounds.itertuples(index=False):
            axes.axvline(date, color=MUTED, linestyle=":", linewidth=1)
            axes.text(date, 0.98, label, transform=axes.get_xaxis_transform(), rotation=90, va="top", ha="right",
                      fontsize=8, color=MUTED)  # fmt: skip
        axes.set_ylabel("people returned (cumulative)" if kind == "living" else "remains returned (cumulative)")
        axes.set_title("Living people" if kind == "living" else "Remains of the dead", fontsize=10, loc="left")
        axes.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        axes.legend(loc="center right")
    panels[-1, 0].set_xlabel("date")
    figure.suptitle("Returned to each side (cumulative); dotted lines mark the rounds")
    figure.autofmt_xdate()
    return figure


def _fulfilment(plt: Any, data: pd.DataFrame) -> Any:
    from matplotlib.ticker import StrMethodFormatter

    figure, axes = plt.subplots(figsize=(10, max(3.0, 0.35 * len(data) + 1.5)))
    positions = range(len(data))
    axes.barh([p + 0.2 for p in positions], data["committed"], height=0.4, label="committed")
    axes.barh([p - 0.2 for p in positions], data["delivered"], height=0.4, label="delivered", hatch="//")
    axes.set_yticks(list(positions), data["obligation"], fontsize=8)
    axes.invert_yaxis()
    axes.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.set_xlabel("people or remains (each obligation on its own)")
    axes.set_ylabel("obligation (term, deliverer→receiver)")
    axes.set_title("Committed against delivered, per obligation")
    axes.legend()
    return figure
