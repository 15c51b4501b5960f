"""The two charts as images (matplotlib): cumulative returns with the rounds marked, and
committed against delivered per obligation. The workbook draws the same two as Excel charts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

CHARTS = ("returns", "fulfilment")


def draw(name: str, data: pd.DataFrame, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no screen: draw to a file
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(10, 5.5) if name == "returns" else (10, max(3.0, 0.35 * len(data) + 1.5)))
    if name == "returns":
        sides = [c for c in data.columns if c not in ("date", "round")]
        for side in sides:
            axes.step(data["date"], data[side], where="post", label=f"returned {side}")
        for date in data.loc[data["round"].notna(), "date"]:
            axes.axvline(date, color="grey", linestyle=":", linewidth=1)
            axes.annotate(
                "round", (date, axes.get_ylim()[1]), rotation=90, va="top", ha="right", fontsize=8, color="grey"
            )
        axes.set_title("People returned to each side (cumulative); dotted lines mark the rounds")
        axes.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        axes.legend()
        figure.autofmt_xdate()
    else:
        positions = range(len(data))
        axes.barh([p + 0.2 for p in positions], data["committed"], height=0.4, label="committed")
        axes.barh([p - 0.2 for p in positions], data["delivered"], height=0.4, label="delivered")
        axes.set_yticks(list(positions), data["obligation"], fontsize=8)
        axes.invert_yaxis()
        axes.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        axes.set_title("Committed against delivered, per obligation")
        axes.legend()
    figure.tight_layout()
    # No creation date in the file, so that the same ledger draws the same bytes.
    metadata = {"Date": None} if path.suffix.lower() == ".svg" else {}
    figure.savefig(path, metadata=metadata)
    plt.close(figure)
