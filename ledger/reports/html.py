"""HTML for the report page (`ledger.reports.page`): its style sheet, tables and escaping.

The style sheet is the page's only one, inline: a layout that reads on a phone (tables scroll
sideways inside a region of their own, reachable with the keyboard), prints on A4 (`@page`, a
print stylesheet that wraps what scrolls on a screen) and has colours that pass WCAG AA.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from ledger.reports import charts
from ledger.reports.output import cell_text

# The charts' colours: dark enough for 3:1 against white (WCAG's contrast for graphics), told apart
# by line style and hatching too, never by colour alone.
CHART_STYLE = {
    "axes.prop_cycle": "cycler(color=['#0b57a4', '#a3400b', '#1d6b34', '#6b2d8f'])",
    "font.size": 10,
    "text.color": "#1b1f24",
    "axes.labelcolor": "#1b1f24",
    "xtick.color": "#1b1f24",
    "ytick.color": "#1b1f24",
}

# Colours (on white, or on the header grey #eef1f4): every text colour here has a contrast of
# 4.5:1 or more with its background, as WCAG AA asks of body text.
STYLE = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #4a525c; --rule: #c5ccd3; --head: #eef1f4;
  --link: #0b57a4; --late: #9b1c1c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem; color: var(--ink); background: #fff;
  font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew",
  Roboto, Arial, sans-serif; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.25rem; border-top: 3px solid var(--ink); padding-top: 0.75rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
p, li { max-width: 48rem; }
h1, h2, h3, p, li, figcaption, caption { overflow-wrap: anywhere; }  /* a long name or address wraps */
th, td { overflow-wrap: break-word; }
a { color: var(--link); }
.muted, caption, figcaption { color: var(--muted); }
.scroll { overflow-x: auto; max-width: 100%; margin: 0.5rem 0 1rem; }
.scroll:focus { outline: 2px solid var(--link); }
table { border-collapse: collapse; font-size: 0.9rem; }
caption { text-align: left; font-size: 0.9rem; padding: 0.25rem 0; caption-side: top; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--head); border-bottom: 2px solid var(--ink); }
ul.inline { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
tbody th { font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.late { color: var(--late); font-weight: 600; }
figure { margin: 1rem 0; }
figure svg { display: block; max-width: 100%; height: auto; }
ul.plain { padding-left: 1.25rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--head); padding: 0.5rem; font-size: 0.85rem; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--rule); }
@media (max-width: 40rem) {
  body { padding: 0.5rem; font-size: 0.95rem; }
  h1 { font-size: 1.3rem; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  a { color: var(--ink); }
  .scroll { overflow: visible; }
  table { font-size: 7.5pt; width: 100%; }
  thead th { white-space: normal; }
  th, td { padding: 0.15rem 0.2rem; overflow-wrap: break-word; }
  td.n, th.n { white-space: normal; }
  thead { display: table-header-group; }
  tr, figure, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  section.process + section.process { break-before: page; }
}
"""


def table(
    caption: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[Any]],
    *,
    label: str,
    numeric: Iterable[str] = (),
    row_header: bool = True,
) -> str:
    """A table in a scrolling, focusable region: `columns` as (name, heading), each row's first
    cell its header (`row_header`), the `numeric` columns right-aligned with thousands separators."""
    numbers = set(numeric)
    head = "".join(
        f'<th scope="col"{" class=n" if name in numbers else ""}>{escape(heading)}</th>' for name, heading in columns
    )
    body = []
    for row in rows:
        cells = []
        for i, ((name, _), value) in enumerate(zip(columns, row, strict=True)):
            shown = value if isinstance(value, Markup) else escape(cell_text(value))
            if i == 0 and row_header:
                cells.append(f'<th scope="row" dir="auto">{shown}</th>')
            elif name in numbers:
                cells.append(f'<td class="n">{shown}</td>')
            else:
                cells.append(f'<td dir="auto">{shown}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="scroll" role="region" aria-label="{escape(label)}" tabindex="0">'
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def figure(ident: str, chart: str, data: pd.DataFrame, title: str, alt: str) -> str:
    """A chart inline, named by its title and described by its caption, which gives its figures."""
    svg = charts.svg(chart, data, prefix=ident, style=CHART_STYLE)
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{ident}-t" aria-describedby="{ident}-c" ', 1)
    svg = re.sub(r"(<svg\b[^>]*>)", rf'\1<title id="{ident}-t">{escape(title)}</title>', svg, count=1)
    return f'<figure>{svg}<figcaption id="{ident}-c"><b>{escape(title)}.</b> {escape(alt)}</figcaption></figure>'


def citation(source: dict[str, Any] | None, key: str) -> str:
    """A source as a claim cites it: publisher and title, linked to its address (http or https
    only), then its key and when it was published."""
    if source is None:
        return escape(key)
    name = " — ".join(str(p) for p in (source["publisher"], source["title"]) if p) or key
    shown = f"<bdi>{escape(name)}</bdi>"
    url = source.get("url") or ""
    if url.startswith(("https://", "http://")):
        shown = f'<a href="{escape(url)}" rel="noreferrer">{shown}</a>'
    published = f", published {escape(cell_text(source['published']))}" if source.get("published") else ""
    return f"{shown} ({escape(key)}{published})"


class Markup(str):
    """A cell already written as HTML (a link, a marked word)."""


def escape(value: Any) -> str:
    """Text as HTML, quotes too (for attributes); None as nothing."""
    return html.escape("" if value is None else str(value), quote=True)
