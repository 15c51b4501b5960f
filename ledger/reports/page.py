"""The report page (`ledger report page -o FILE.html`): one self-contained HTML file for readers
who will never run the ledger, a section per process.

Each section holds the process's rounds, what each round committed each side to (the
commitments report), fulfilment with a line in plain words per obligation, what is due or
overdue (the deadlines report), the two charts as inline SVG (living people and remains never on
one axis) and where the sources disagree, each claim with its source linked. The foot holds the
journal's checkpoint the page was built from, read in the same snapshot as every figure, so a
reader can check the page against the ledger later (`ledger verify --checkpoint FILE`).

Self-contained: inline CSS and SVG, no script, no font, image or style sheet from anywhere else;
links to the sources are plain links, followed only when a reader clicks them. Aggregates only,
as the HXL exports: the columns and claim values of `ledger.hxl.PERSONAL` (claimants, quotes,
heads of delegation, notes, descriptions) are left out, and the page says so.

Accessible and printable: real table headers and captions, a text alternative for every chart,
colours that pass WCAG AA, tables that scroll on a phone and wrap on A4 paper. Names in any script
are isolated (`<bdi>`, `dir="auto"`), so a right-to-left name keeps its order in a left-to-right
sentence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ledger import checkpoints, db, domain, queries
from ledger.checkpoints import Checkpoint
from ledger.hxl import PERSONAL, public
from ledger.package import replacing
from ledger.reports.filters import Filters
from ledger.reports.frames import build, claims_in_scope, returns, shown_quantity
from ledger.reports.html import STYLE, Markup, citation, escape, figure, table
from ledger.reports.output import cell_text, committed_against_delivered, records

WITHHELD = (
    "This page carries aggregates only: the claimants, quotes, heads of delegation, notes and "
    "descriptions the ledger holds are left out, as are the values of claims about them, because "
    "they can name individuals. Sources are cited as they were published: publisher, title and address."
)


@dataclasses.dataclass
class Page:
    """What `page` wrote: the processes it holds and the charts it drew."""

    html: str
    processes: list[str]
    charts: int


def write(engine: Engine, path: Path, f: Filters) -> Page:
    """Write the page for `f` to `path` (whole or not at all), read with the journal's checkpoint
    in one snapshot: the checkpoint and every figure at once."""
    from importlib.metadata import version

    with db.reading(engine, snapshot=True) as session:
        checkpoint = checkpoints.current(session)[0]
        built = page(session, f, checkpoint, generator=f"humanitarian-ledger {version('humanitarian-ledger')}")
    with replacing(path) as handle:
        handle.write(built.html)
    return built


def page(session: Session, f: Filters, checkpoint: Checkpoint, *, generator: str) -> Page:
    """The page for the filters `f`, a section per process they reach, with `checkpoint` (read in
    the same snapshot as `session`) at its foot."""
    kinds = f.known(session)
    parties = {p["code"]: p["name"] for p in queries.rows(session, "party", include_voided=True)}
    categories = {c["code"]: c for c in queries.rows(session, "category", include_voided=True)}
    sources = {s["key"]: s for s in queries.rows(session, "source", include_voided=True)}
    rounds = {r["key"]: r["number"] for r in queries.rows(session, "round", include_voided=True)}
    context = _Context(parties, categories, kinds, sources, rounds)
    processes = queries.rows(session, "process")
    if f.process:
        processes = [p for p in processes if p["key"] == f.process]
    if f.round:
        (chosen,) = (r["process"] for r in queries.rows(session, "round", key=f.round, include_voided=True))
        processes = [p for p in processes if p["key"] == chosen]
    sections, drawn, shown = [], 0, []
    for process in processes:
        ident = f"process-{len(shown) + 1}"
        section, charts_drawn = _section(
            session, dataclasses.replace(f, process=process["key"]), process, context, ident
        )
        if section:
            sections.append(section)
            shown.append(process["key"])
            drawn += charts_drawn
    beyond = "" if f.process or f.round else _beyond(session, f, context)
    as_of = f.until or dt.date.today()
    heading = "Humanitarian agreements: what was agreed, and what was delivered"
    title = _name_of(processes, shown[0]) if len(shown) == 1 else heading
    body = [
        "<header>",
        f"<h1>{escape(heading)}</h1>",
        f'<p class="muted">Figures as of {as_of.isoformat()}. Filters: {escape(f.describe())}.</p>',
    ]
    if len(shown) > 1:
        links = "".join(
            f'<li><a href="#process-{n}"><bdi>{escape(_name_of(processes, k))}</bdi></a></li>'
            for n, k in enumerate(shown, 1)
        )
        if beyond:
            links += '<li><a href="#beyond">Handovers beyond every agreement</a></li>'
        body.append(f'<nav aria-label="Processes"><ul class="plain">{links}</ul></nav>')
    body.append("</header>")
    body.append("<main>")
    body += sections or ["<p>No process has a round, term or transfer that these filters reach.</p>"]
    body += [beyond] if beyond else []
    body.append("</main>")
    body.append(_foot(checkpoint, generator))
    document = "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may be fetched: no script, and styles, images and fonts only from the page itself.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ])  # fmt: skip
    return Page(document, shown, drawn)


@dataclasses.dataclass
class _Context:
    parties: dict[str, str]
    categories: dict[str, dict[str, Any]]
    kinds: dict[str, str]
    sources: dict[str, dict[str, Any]]
    rounds: dict[str, int]  # each round's number, by key

    def party(self, code: str | None) -> str:
        return self.parties.get(code or "", code or "")

    def noun(self, category: str) -> str:
        """A category's name as it reads inside a sentence: `Prisoners of war` → `prisoners of war`,
        but an initialism or a name (`ICRC staff`, `Gazans`) keeps its capital."""
        name = str(self.categories.get(category, {}).get("name") or category)
        first = name.split(" ", 1)[0]
        return name[0].lower() + name[1:] if first[:1].isupper() and first[1:].islower() and len(first) > 1 else name


def _section(session: Session, f: Filters, process: dict[str, Any], c: _Context, ident: str) -> tuple[str, int]:
    """One process's section, and the charts drawn in it; empty when the filters reach nothing of it."""
    fulfilment = build(session, "fulfilment", f)
    commitments = build(session, "commitments", f)
    returned = returns(session, f)
    rounds = [
        r for r in queries.rows(session, "round", process=process["key"], **_party(f))
        if not f.round or r["key"] == f.round
    ]  # fmt: skip
    if fulfilment.frame.empty and commitments.frame.empty and returned.empty and not rounds:
        return "", 0
    out = [f'<section class="process" id="{ident}" aria-labelledby="{ident}-h">']
    out.append(f'<h2 id="{ident}-h"><bdi>{escape(process["name"])}</bdi></h2>')
    out.append(_parties(fulfilment, commitments, rounds, c))
    out.append(_rounds(rounds))
    out.append(_commitments(commitments, f, c))
    out.append(_fulfilment(session, fulfilment, c))
    out.append(_deadlines(build(session, "deadlines", f), f, c))
    drawn, figures = _charts(ident, returned, fulfilment, c)
    out.append(figures)
    out.append(_disputes(session, f, c))
    out.append("</section>")
    return "\n".join(part for part in out if part), drawn


def _party(f: Filters) -> dict[str, Any]:
    return {"party": f.party} if f.party else {}


def _parties(fulfilment: Any, commitments: Any, rounds: list[dict[str, Any]], c: _Context) -> str:
    codes: set[str] = set()
    for frame in (fulfilment.frame, commitments.frame):
        for column in ("deliverer", "receiver"):
            if column in frame:
                codes |= {code for code in frame[column].dropna()}
    for r in rounds:
        for role in ("parties", "mediators", "hosts", "observers"):
            codes |= set(r.get(role) or [])
    if not codes:
        return ""
    items = "".join(f"<li><b>{escape(code)}</b> <bdi>{escape(c.party(code))}</bdi></li>" for code in sorted(codes))
    return f'<h3>Parties</h3><ul class="inline" aria-label="Party codes used in the tables">{items}</ul>'


def _rounds(rounds: list[dict[str, Any]]) -> str:
    if not rounds:
        return ""
    rows = [
        (
            r["number"], cell_text(r["start_date"]), cell_text(r["end_date"]), r["status"],
            ", ".join(p for p in (r["venue"], r["city"], r["country"]) if p),
            ", ".join(r["parties"]), ", ".join(dict.fromkeys(r["mediators"] + r["hosts"])),
        )
        for r in rounds
    ]  # fmt: skip
    columns = [("number", "Round"), ("start", "Start"), ("end", "End"), ("status", "Status"), ("place", "Place"),
               ("parties", "Parties"), ("mediators", "Mediators and hosts")]  # fmt: skip
    return "<h3>Rounds</h3>" + table("The rounds of talks", columns, rows, label="Rounds")


def _commitments(report: Any, f: Filters, c: _Context) -> str:
    frame = report.frame
    if frame.empty:
        return f"<h3>Commitments</h3><p>No {' or '.join(f.statuses)} term that these filters reach.</p>"
    numbers = c.rounds
    fixed = ["category", "deliverer", "receiver", "criteria"]
    round_columns = [col for col in frame.columns if col not in (*fixed, "change")]
    columns = [("category", "Category"), ("deliverer", "From"), ("receiver", "To"), ("criteria", "Who")]
    columns += [(col, f"Round {numbers[col]}" if col in numbers else col) for col in round_columns]
    columns.append(("change", "How it changed"))
    rows = [
        [c.noun(r["category"]), r["deliverer"], r["receiver"], r["criteria"],
         *(_separated(r[col]) for col in round_columns), r["change"]]
        for r in records(frame)
    ]  # fmt: skip
    terms = " and ".join(f.statuses)
    caption = f"What each round committed each side to ({terms} terms); all: everyone who qualifies, ≥: at least"
    return "<h3>Commitments</h3>" + table(caption, columns, rows, label="Commitments", numeric=round_columns)


def _separated(quantity: str | None) -> str:
    """A commitment as the report gives it (`1000`, `≥1000`, `all`, `30 per hc`), a number with
    thousands separators."""
    text = quantity or ""
    number = text.removeprefix("≥")
    return text[: len(text) - len(number)] + f"{int(number):,}" if number.isascii() and number.isdigit() else text


def _fulfilment(session: Session, report: Any, c: _Context) -> str:
    frame = report.frame
    allocated = [r for r in records(frame) if r["term"] is not None]
    if not allocated:
        return "<h3>Fulfilment</h3><p>No obligation that these filters reach.</p>"
    pers = {  # a ratio's quantity and base, by obligation
        (t["term"], t["deliverer"], t["receiver"]): (t["quantity"], t["per"])
        for t in queries.rows(session, "term", include_voided=True)
        if t["per"] is not None
    }
    lines = "".join(f"<li>{_sentence(r, pers, c)}</li>" for r in allocated)
    columns = [
        ("term", "Term"), ("round", "Round"), ("category", "Category"), ("deliverer", "From"), ("receiver", "To"),
        ("committed", "Committed"), ("delivered", "Delivered"), ("undisclosed", "Of undisclosed count"),
        ("outstanding", "Outstanding"), ("due", "Due"), ("overdue", "Overdue"), ("fulfilled_pct", "% fulfilled"),
        ("score", "Score"),
    ]  # fmt: skip
    rows = [
        [r["term"], c.rounds.get(r["round"], r["round"]), c.noun(r["category"]), r["deliverer"], r["receiver"],
         shown_quantity(r["committed"], r["basis"]), r["delivered"], r["undisclosed"], r["outstanding"], r["due"],
         _overdue(r["overdue"]), r["fulfilled_pct"], r["score"]]
        for r in allocated
    ]  # fmt: skip
    caption = (
        "Fulfilment of each obligation. Score: 0 nothing delivered, 1 under half, 2 half or more, 3 all or more; "
        "a commitment of all has no percentage or score"
    )
    numeric = ("committed", "delivered", "undisclosed", "outstanding", "fulfilled_pct", "score")
    parts = ["<h3>Fulfilment</h3>", f'<ul class="plain" aria-label="Each obligation in plain words">{lines}</ul>',
             table(caption, columns, rows, label="Fulfilment", numeric=numeric)]  # fmt: skip
    parts.append(_totals(report, "Totals per side, living people and remains apart (never added together)"))
    return "\n".join(parts)


def _totals(report: Any, caption: str, *, unallocated: bool = False) -> str:
    """The fulfilment report's subtotals per side and kind; with `unallocated`, what counts towards
    no term as well (a process's own fulfilment has none)."""
    subtotals = next((block for title, block in report.blocks if title.startswith("Subtotals")), None)
    if subtotals is None or subtotals.empty:
        return ""
    columns = [("side", "Side"), ("kind", "Kind"), ("committed", "Committed"), ("delivered", "Delivered"),
               ("undisclosed", "Of undisclosed count")]  # fmt: skip
    columns += [("unallocated", "Counted towards no term")] if unallocated else []
    rows = [[r[name] for name, _ in columns] for r in records(subtotals)]
    numeric = ("committed", "delivered", "undisclosed", "unallocated")
    return table(caption, columns, rows, label=caption.split(",")[0], numeric=numeric)


def _beyond(session: Session, f: Filters, c: _Context) -> str:
    """What was handed over but counts towards no agreed term, so that no process holds it: the
    fulfilment report's unallocated rows, and its totals over the whole ledger."""
    report = build(session, "fulfilment", f)
    rows = [r for r in records(report.frame) if r["term"] is None]
    if not rows:
        return ""
    columns = [("category", "Category"), ("deliverer", "From"), ("receiver", "To"), ("delivered", "Delivered"),
               ("undisclosed", "Of undisclosed count"), ("first_transfer", "First"),
               ("last_transfer", "Last")]  # fmt: skip
    shown = [[c.noun(r["category"]), *(r[name] for name, _ in columns[1:])] for r in rows]
    caption = "Handed over, counted towards no agreed term"
    return "\n".join([
        '<section class="process" id="beyond" aria-labelledby="beyond-h">',
        '<h2 id="beyond-h">Handovers beyond every agreement</h2>',
        "<p>What was handed over but counts towards no agreed term: no process above holds it.</p>",
        table(caption, columns, shown, label="Beyond every agreement", numeric=("delivered", "undisclosed")),
        _totals(report, "Totals per side across every process and beyond, living people and remains apart",
                unallocated=True),
        "</section>",
    ])  # fmt: skip


def _overdue(value: Any) -> Any:
    if value is None or pd.isna(value):
        return ""
    return Markup('<span class="late">overdue</span>') if value else "no"


def _sentence(r: dict[str, Any], pers: dict[tuple[str, str, str], tuple[int, str]], c: _Context) -> str:
    """An obligation in plain words, its figures the fulfilment report's: "Russia handed over 6,057
    remains of the dead to Ukraine against 6,000 agreed: 101 % (r2-bodies-6000)." Handovers of
    undisclosed count are said apart: the figures and the percentage leave them out."""
    deliverer, receiver = (
        f"<bdi>{escape(c.party(r['deliverer']))}</bdi>",
        f"<bdi>{escape(c.party(r['receiver']))}</bdi>",
    )
    noun = f"<bdi>{escape(c.noun(r['category']))}</bdi>"
    delivered, hidden = int(r["delivered"]), int(r["undisclosed"] or 0)
    handovers = f"{hidden:,} handover{'s' if hidden != 1 else ''} of undisclosed count"
    if delivered == 0 and hidden:
        said = f"{deliverer} handed over {noun} to {receiver} in {handovers}"
    else:
        said = f"{deliverer} handed over {_people(delivered, noun)} to {receiver}"
    more = f", and more in {handovers}" if hidden and delivered else ""
    if r["committed"] is None:
        return said + more + f"; the term names all who qualify, and no number ({escape(r['term'])})."
    committed = int(r["committed"])
    said += f" against {'at least ' if r['basis'] == 'at-least' else ''}{committed:,} agreed"
    ratio = pers.get((r["term"], r["deliverer"], r["receiver"])) if r["basis"] == "ratio" else None
    if ratio:
        said += f", {ratio[0]:,} for each one handed over under {escape(ratio[1])}"
        if not committed:
            said += ", which has handed over none yet"
    if r["fulfilled_pct"] is not None:
        percent = _whole_percent(delivered, committed) if committed else f"{round(r['fulfilled_pct']):,} %"
        said += f": {percent}" + (" of what was disclosed" if hidden else "")
    said += more
    if r["outstanding"]:
        said += f"; {int(r['outstanding']):,} outstanding"
        if r["overdue"] is True:
            said += f', <span class="late">overdue since {escape(cell_text(r["due"]))}</span>'
    return said + f" ({escape(r['term'])})."


def _people(n: int, noun: str) -> str:
    """`6,057 remains of the dead`; `one of the hostages` (the category's name is a plural)."""
    return f"one of the {noun}" if n == 1 else f"{n:,} {noun}"


def _whole_percent(delivered: int, committed: int) -> str:
    """`101 %`: to the whole per cent, never 0 % for something delivered nor 100 % for short."""
    whole = round(Fraction(delivered * 100, committed))
    if whole == 0 and delivered:
        return "under 1 %"
    if whole == 100 and delivered < committed:
        return "over 99 %"
    return f"{whole:,} %"


def _deadlines(report: Any, f: Filters, c: _Context) -> str:
    as_of = (f.until or dt.date.today()).isoformat()
    rows = records(report.frame)
    if not rows:
        return f"<h3>Deadlines</h3><p>Nothing with a deadline is outstanding as of {as_of}.</p>"
    columns = [("due", "Due"), ("overdue", "Overdue"), ("days_left", "Days left"), ("term", "Term"),
               ("deliverer", "From"), ("receiver", "To"), ("committed", "Committed"), ("delivered", "Delivered"),
               ("outstanding", "Outstanding")]  # fmt: skip
    shown = [
        [r["due"], _overdue(r["overdue"]), r["days_left"], r["term"], r["deliverer"], r["receiver"],
         shown_quantity(r["committed"], r["basis"]), r["delivered"], r["outstanding"]]
        for r in rows
    ]  # fmt: skip
    caption = f"What is due or overdue as of {as_of}, soonest first (days left below zero: the days it is late)"
    numeric = ("days_left", "committed", "delivered", "outstanding")
    return "<h3>Deadlines</h3>" + table(caption, columns, shown, label="Deadlines", numeric=numeric)


# Charts


def _charts(ident: str, returned: pd.DataFrame, fulfilment: Any, c: _Context) -> tuple[int, str]:
    figures = []
    if not returned.empty:
        alt = _returns_alt(returned)
        figures.append(figure(f"{ident}-returns", "returns", returned, "People and remains returned to each side", alt))
    measured = committed_against_delivered(fulfilment)
    if not measured.empty:
        frame = fulfilment.frame
        kinds = [c.kinds.get(cat, "none") for cat in frame.loc[frame["committed"].notna(), "category"]]
        for kind in domain.KINDS:
            part = measured[[k == kind for k in kinds]].reset_index(drop=True)
            if part.empty:
                continue
            what = {"living": "living people", "remains": "remains"}.get(kind, "other commitments")
            alt = "; ".join(
                f"{o}: {d:,} delivered of {m:,} committed"
                for o, m, d in part[["obligation", "committed", "delivered"]].itertuples(index=False)
            )
            figures.append(figure(f"{ident}-fulfilment-{kind}", "fulfilment", part,
                                   f"Committed against delivered, {what}", alt + "."))  # fmt: skip
    if not figures:
        return 0, ""
    return len(figures), "<h3>Charts</h3>" + "\n".join(figures)


def _returns_alt(data: pd.DataFrame) -> str:
    last = data.iloc[-1]
    lines = [col for col in data.columns if col not in ("date", "round")]
    totals = "; ".join(f"{col.replace(' to ', ' returned to ')}: {int(last[col]):,}" for col in lines)
    rounds = [r for r in data["round"].dropna()]
    first, last_day = cell_text(data["date"].iloc[0]), cell_text(data["date"].iloc[-1])
    said = f"Cumulative returns from {first} to {last_day}. By the end, {totals}."
    if rounds:
        said += " Rounds marked: " + ", ".join(rounds) + "."
    return said


# Where the sources disagree


def _disputes(session: Session, f: Filters, c: _Context) -> str:
    report = build(session, "discrepancies", f)
    rows = records(report.frame)
    if not rows:
        return "<h3>Where the sources disagree</h3><p>No claim that these filters reach disputes the record.</p>"
    claims = claims_in_scope(session, f)
    items = []
    for r in rows:
        personal = r["field"] in PERSONAL
        recorded = "withheld" if personal else (r["recorded"] or "nothing")
        said = []
        for claim in claims.get((r["subject"], r["field"]), []):
            shown = public(r["field"], claim["value"])
            value = "a different text (withheld)" if shown is None else f"“<bdi>{escape(shown)}</bdi>”"
            if shown is not None and shown != claim["value"]:
                value += " (the words round the figure withheld)"
            stated = f", {escape(cell_text(claim['stated_on']))}" if claim["stated_on"] else ""
            said.append(f"<li>{value}, according to {citation(c.sources.get(claim['source']), claim['source'])}"
                        f"{stated}</li>")  # fmt: skip
        recorded_html = escape(recorded) if personal else f"“<bdi>{escape(recorded)}</bdi>”"
        items.append(
            f"<li><b>{escape(r['subject'])}</b>, {escape(r['field'])}: the ledger records {recorded_html}; "
            f"{r['values']} values in all.<ul>{''.join(said)}</ul></li>"
        )
    return f'<h3>Where the sources disagree</h3><ul class="plain" aria-label="Disputed figures">{"".join(items)}</ul>'


# Foot


def _foot(checkpoint: Checkpoint, generator: str) -> str:
    return "\n".join([
        "<footer>",
        "<h2>Checkpoint</h2>",
        "<p>Every figure on this page was read from the ledger in one snapshot, whose journal this "
        "checkpoint names. To check the page later, save the lines below as a file and run "
        "<code>ledger verify --checkpoint FILE</code> on the ledger: it proves that the ledger only grew since.</p>",
        f"<pre>{escape(checkpoint.text())}</pre>",
        f"<p>{escape(WITHHELD)}</p>",
        f'<p class="muted">Written by {escape(generator)}.</p>',
        "</footer>",
    ])  # fmt: skip


# Helpers


def _name_of(processes: list[dict[str, Any]], key: str) -> str:
    return next(p["name"] for p in processes if p["key"] == key)
