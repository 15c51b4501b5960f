"""The report page (`ledger report page -o FILE.html`): what it holds, what it leaves out, its
refusals, the same bytes on both engines; then the page in a real browser (Debian's Chromium,
driven by Playwright): no console error and no request, WCAG 2.1 AA (axe-core), the CSV report's
figures, a phone's width, A4 paper, a name in a right-to-left script, and the README's screenshot.

The browser tests need Chromium (`make browser`); without it they are skipped, except under
CI=true, where a missing browser is an error.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import ledger
from ledger.errors import InvalidInput

from chromium import FLAGS, executable, screenshot
from conftest import ENGINES, GAZA, IN_CI, ok, run

UNTIL = "2026-06-30"  # after every shipped transfer: the figures are all of them, the page the same each day


class Tables(HTMLParser):
    """The page's tables as text, by the label of the region each is in, a list per label (one a
    section), and the page's tags, links and text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[list[str]]]] = {}
        self.tags: set[str] = set()
        self.links: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self._label: str | None = None
        self._cell: list[str] | None = None
        self._pre: list[str] | None = None
        self.pre: list[str] = []
        self.lists: dict[str, list[str]] = {}  # the text of each item of a labelled list (nested ones in theirs)
        self._list: list[str] | None = None
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        given = {k: v or "" for k, v in attrs}
        self.attributes += [(tag, k, v) for k, v in given.items()]
        if tag == "a":
            self.links.append(given.get("href", ""))
        if tag == "ul" and given.get("aria-label"):
            self._list = self.lists.setdefault(given["aria-label"], [])
        elif tag == "li" and self._list is not None and self._item is None:
            self._item = []
        if given.get("role") == "region":
            self._label = given["aria-label"]
        elif tag == "table" and self._label:
            self.tables.setdefault(self._label, []).append([])
        elif tag == "tr" and self._label:
            self.tables[self._label][-1].append([])
        elif tag in ("td", "th") and self._label:
            self._cell = []
        elif tag == "pre":
            self._pre = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._item is not None and self._list is not None:
            self._list.append("".join(self._item))
            self._item = None
        elif tag == "ul" and self._item is None:
            self._list = None
        if tag in ("td", "th") and self._cell is not None and self._label:
            self.tables[self._label][-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._label = None
        elif tag == "pre" and self._pre is not None:
            self.pre.append("".join(self._pre))
            self._pre = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._item is not None:
            self._item.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._pre is not None:
            self._pre.append(data)


def parsed(path: Path) -> Tables:
    tables = Tables()
    tables.feed(path.read_text(encoding="utf-8"))
    return tables


def write_page(db: str, path: Path, *filters: str) -> str:
    return ok(db, "report", "page", "-o", str(path), "--until", UNTIL, *filters)


@pytest.fixture
def both(istanbul: None, db: str) -> str:
    """A ledger holding both shipped datasets."""
    ok(db, "load", str(GAZA))
    return db


def _number(text: str) -> str:
    """A figure as the CSV report writes it: no thousands separator."""
    return text.replace(",", "")


def fulfilment_csv(db: str, *filters: str) -> list[list[str]]:
    """The CSV report's figures per obligation, as the page's table shows them in its columns."""
    rows = csv.DictReader(io.StringIO(ok(db, "report", "fulfilment", "--format", "csv", "--until", UNTIL, *filters)))
    shown = []
    for r in rows:
        if not r["term"]:
            continue
        committed = ("≥" if r["basis"] == "at-least" else "") + r["committed"] if r["committed"] else "all"
        shown.append([r["term"], r["deliverer"], r["receiver"], committed, r["delivered"], r["undisclosed"],
                      r["outstanding"], r["due"], r["fulfilled_pct"], r["score"]])  # fmt: skip
    return shown


def fulfilment_page(rows: list[list[str]]) -> list[list[str]]:
    """The page's fulfilment rows in the columns of `fulfilment_csv`: term, from, to, committed,
    delivered, undisclosed, outstanding, due, % and score."""
    return [[_number(r[i]) for i in (0, 3, 4, 5, 6, 7, 8, 9, 11, 12)] for r in rows[1:]]


def test_page_of_both_datasets(both: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    assert write_page(both, path) == f"Wrote the page to {path} (gaza-2025, istanbul-2025; 6 charts).\n"
    page = parsed(path)
    # A section per process, the Gaza one first (its key sorts first), each with its tables.
    gaza, istanbul = page.tables["Fulfilment"]
    assert fulfilment_page(gaza) == fulfilment_csv(both, "--process", "gaza-2025")
    assert fulfilment_page(istanbul) == fulfilment_csv(both, "--process", "istanbul-2025")
    assert len(istanbul) == 13 and len(gaza) == 15  # the header and an obligation each
    assert ["r2-bodies-6000", "2", "remains of the dead", "RUS", "UKR", "6,000", "6,057", "0", "0", "", "", "101.0",
            "3"] in istanbul  # fmt: skip
    text = " ".join("".join(page.text).split())
    # A line in plain words per obligation, in the fulfilment report's order and figures.
    said = [" ".join(line.split()) for line in page.lists["Each obligation in plain words"]]
    assert len(said) == 14 + 12
    assert (
        said[16]
        == "Russia handed over 6,057 remains of the dead to Ukraine against 6,000 agreed: 101 % (r2-bodies-6000)."
    )
    assert said[1] == ("Israel handed over 150 detainees to Hamas against 150 agreed, 30 for each one handed over "
                       "under r1-hostages-civilian: 100 % (r1-detainees-per-civilian).")  # fmt: skip
    assert said[17] == ("Ukraine handed over 201 remains of the dead to Russia against 6,000 agreed: 3 %; 5,799 "
                        "outstanding (r2-bodies-6000).")  # fmt: skip
    assert said[0] == ("Israel handed over 1,378 detainees to Hamas; the term names all who qualify, and no number "
                       "(r1-detainees-others).")  # fmt: skip
    assert said[18] == ("Ukraine handed over prisoners of war to Russia in 7 handovers of undisclosed count; the term "
                        "names all who qualify, and no number (r2-pow-aged-18-25).")  # fmt: skip
    assert said[20] == ("Ukraine handed over 230 prisoners of war to Russia against at least 1,000 agreed: 23 % of "
                        "what was disclosed, and more in 7 handovers of undisclosed count; 770 outstanding "
                        "(r2-pow-at-least-1000).")  # fmt: skip
    # What counts towards no agreed term is in a section of its own, with the whole ledger's totals.
    (beyond,) = page.tables["Beyond every agreement"]
    assert beyond[1:] == [
        ["hostages", "HAM", "ISR", "5", "0", "2025-01-30", "2025-01-30"],
        ["remains of the dead", "RUS", "UKR", "5,000", "0", "2025-07-17", "2025-11-20"],
        ["detained civilians", "RUS", "UKR", "8", "0", "2025-08-24", "2025-08-24"],
        ["detained civilians", "UKR", "RUS", "8", "0", "2025-08-24", "2025-08-24"],
    ]
    assert ["RUS → UKR", "remains", "6,000", "11,057", "0", "5,000"] in page.tables[
        "Totals per side across every process and beyond"
    ][0]
    # Commitments: each round of the process a column, as the commitments report has them.
    header, *rows = page.tables["Commitments"][1]
    assert header == ["Category", "From", "To", "Who", "Round 1", "Round 2", "Round 3", "How it changed"]
    assert rows[1][:7] == ["prisoners of war", "RUS", "UKR", "any", "1,000", "≥1,000", "1,200"]
    # Totals per side keep living people and remains apart.
    assert ["RUS → UKR", "remains", "6,000", "6,057", "0"] in page.tables["Totals per side"][1]
    # Deadlines: nothing of the shipped data is outstanding with a deadline.
    assert "Nothing with a deadline is outstanding as of 2026-06-30." in text


def test_the_returns_chart_of_a_process_counts_its_transfers_only(both: str, tmp_path: Path) -> None:
    """A transfer belongs to a process through the terms it counts towards: the Gaza section's
    returns leave out what Russia and Ukraine exchanged, as `report chart returns --process` does."""
    path = tmp_path / "page.html"
    write_page(both, path)
    text = " ".join("".join(parsed(path).text).split())
    assert ("People and remains returned to each side. Cumulative returns from 2025-01-19 to 2026-01-29. By the "
            "end, living returned to HAM: 3,746; living returned to ISR: 45; remains returned to HAM: 345; remains "
            "returned to ISR: 35. Rounds marked: R1 19 Jan, R2 10 Oct.") in text  # fmt: skip
    assert ("By the end, living returned to RUS: 1,435; living returned to UKR: 1,435; remains returned to RUS: 201; "
            "remains returned to UKR: 6,057.") in text  # fmt: skip


def test_the_returns_of_a_process_take_a_category_as_fulfilment_does(both: str, tmp_path: Path) -> None:
    """Fulfilment takes a term's category: the Istanbul pow terms count the civilians exchanged with
    the prisoners of war, and no term is of civilians. The returns chart counts the same."""
    path = tmp_path / "page.html"
    write_page(both, path, "--process", "istanbul-2025", "--category", "pow")
    text = " ".join("".join(parsed(path).text).split())
    assert "By the end, living returned to RUS: 1,435; living returned to UKR: 1,435. Rounds marked" in text
    assert ["RUS → UKR", "living", "3,200", "1,435", "7"] in parsed(path).tables["Totals per side"][0]
    out = write_page(both, path, "--process", "istanbul-2025", "--category", "civilian")
    assert out == f"Wrote the page to {path} (istanbul-2025; 0 charts).\n"
    assert "No obligation that these filters reach." in "".join(parsed(path).text)


def test_the_checkpoint_at_the_foot_is_the_ledgers(both: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    write_page(both, path)
    assert parsed(path).pre == [ok(both, "checkpoint")]
    checkpoint = tmp_path / "page.checkpoint"
    checkpoint.write_text(parsed(path).pre[0], encoding="utf-8")
    assert run(both, "verify", "--checkpoint", str(checkpoint)).exit_code == 0


def test_the_page_fetches_nothing_and_runs_nothing(both: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    write_page(both, path)
    page = parsed(path)
    html = path.read_text(encoding="utf-8")
    assert not page.tags & {"script", "link", "img", "iframe", "object", "embed", "audio", "video", "source", "base"}
    assert not [(tag, name) for tag, name, _ in page.attributes if name in ("src", "srcset", "action", "data")]
    assert not [(tag, name) for tag, name, _ in page.attributes if name.startswith("on")]
    assert re.findall(r"url\((?!#)", html) == [] and "@import" not in html  # url(#…): a chart's own clip paths
    assert [v for tag, name, v in page.attributes if name.endswith("href") and tag != "a" and v[:1] != "#"] == []
    # Links: to the page's own sections, and to the sources the ledger cites, nothing else.
    sources = {s["url"] for s in ledger.open(both).sources() if s["url"]}
    outside = [link for link in page.links if not link.startswith("#")]
    assert outside and set(outside) <= sources
    assert ("meta", "content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:") in page.attributes


def test_the_page_names_no_individual(both: str, tmp_path: Path) -> None:
    """What the ledger holds about people (heads of delegation, claimants, quotes, notes,
    descriptions) is not on the page; nor are the values of claims about those fields."""
    path = tmp_path / "page.html"
    write_page(both, path)
    text = " ".join("".join(parsed(path).text).split())
    book = ledger.open(both)
    personal = [h for r in book.rounds() for h in r["heads"]]
    personal += [r["notes"] for r in book.rounds() if r["notes"]]
    personal += [t["notes"] for t in book.transfers() if t["notes"]]
    personal += [t["description"] for t in book.terms() if t["description"]]
    personal += [c[f] for c in book.claims() for f in ("claimant", "quote") if c[f]]
    personal += [c["value"] for c in book.claims() if c["field"] in ("notes", "description", "heads")]
    # A claimed figure keeps its figure: the words round it ("4, the fourth …") can name someone.
    worded = [c["value"] for c in book.claims() if c["field"] in ("count", "quantity") and not c["value"][-1].isdigit()]
    assert len(worded) >= 5
    personal += worded
    names = {p["name"] for p in book.parties()}  # a claimant may be a party ("Russia"): its name is on the page
    found = sorted({" ".join(p.split()) for p in personal if p not in names and " ".join(p.split()) in text})
    assert len(personal) > 100 and found == []
    assert "Volodymyr Zelensky" not in text and "Medinsky" not in text
    assert "aggregates only" in text


def test_filters_narrow_the_page(both: str, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    out = write_page(both, path, "--party", "RUS")
    assert out == f"Wrote the page to {path} (istanbul-2025; 3 charts).\n"
    page = parsed(path)
    assert "<title>Russia–Ukraine direct talks, Istanbul, 2025</title>" in path.read_text(encoding="utf-8")
    assert fulfilment_page(page.tables["Fulfilment"][0]) == fulfilment_csv(both, "--party", "RUS")
    write_page(both, path, "--round", "istanbul-2025-r2", "--category", "bodies")
    page = parsed(path)
    (rounds,) = page.tables["Rounds"]
    assert [row[0] for row in rounds[1:]] == ["2"]
    assert [row[0] for row in page.tables["Fulfilment"][0][1:]] == ["r2-bodies-6000", "r2-bodies-6000"]
    # Filters that reach nothing still write a page, which says so.
    ok(both, "party", "add", "NOR", "--name", "Norway")
    out = write_page(both, path, "--party", "NOR")
    assert out == f"Wrote the page to {path} (no process: nothing these filters reach; 0 charts).\n"
    assert "No process has a round, term or transfer that these filters reach." in "".join(parsed(path).text)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "page: give the page to write with -o FILE.html"),
        (("-o", "page.txt"), "page: give the page to write with -o FILE.html"),
        (("-o", "page.html", "--hxl"), "--hxl: tags CSV only, not the page"),
        (("-o", "page.html", "--party", "XXX"), "party: unknown party 'XXX'"),
        (("-o", "page.html", "--since", "2025-13"), "since"),
        (("-o", "missing/page.html"), "missing is not a folder; create it first"),
        (
            ("-o", "page.html", "--process", "gaza-2025", "--round", "istanbul-2025-r1"),
            "round 'istanbul-2025-r1' is of process 'istanbul-2025', not 'gaza-2025'",
        ),
    ],
)
def test_refusals_write_nothing(
    both: str, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(db, "report", "page", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("ledger.db")) == []


def test_markup_in_the_records_is_shown_as_text(db: str, tmp_path: Path) -> None:
    """A name, a claim or an address that holds markup is shown as the text it is, never run."""
    for args in [
        ("party", "add", "AAA", "--name", "<script>alert(1)</script>"),
        ("party", "add", "BBB", "--name", 'B" onmouseover="x'),
        ("source", "add", "s1", "--publisher", "<b>Pub</b>", "--url", 'https://example.org/a"b<c>'),
        ("process", "add", "p", "--name", "<i>Talks</i>"),
        ("round", "add", "p-r1", "--process", "p", "--number", "1", "--start", "2025-01-19", "--party", "AAA",
         "--party", "BBB", "--city", "Doha"),
        ("term", "add", "t", "--round", "p-r1", "--category", "pow", "--obligation", "AAA:BBB:5"),
        ("claim", "add", "--subject", "round:p-r1", "--field", "city", "--value", "</bdi><script>x()</script>",
         "--source", "s1"),
    ]:  # fmt: skip
        ok(db, *args)
    path = tmp_path / "page.html"
    ok(db, "report", "page", "-o", str(path), "--until", UNTIL)
    page = parsed(path)
    text = "".join(page.text)
    assert "script" not in page.tags and "b" in page.tags  # the page's own <b>, not the publisher's
    assert not [name for _, name, _ in page.attributes if name.startswith("on")]
    assert "<script>alert(1)</script>" in text and "<i>Talks</i>" in text
    # A claim's free text (a city, here) is not shown: it can name anyone. That the value differs is.
    assert "x()" not in text and "city: the ledger records “Doha”; 2 values in all." in " ".join(text.split())
    assert 'https://example.org/a"b<c>' in page.links
    assert "<b>Pub</b>" in text


def test_the_library_writes_the_page(both: str, tmp_path: Path) -> None:
    book = ledger.open(both)
    written = book.page(tmp_path / "gaza.html", process="gaza-2025", until=UNTIL)
    assert (written.processes, written.charts) == (["gaza-2025"], 3)
    assert (tmp_path / "gaza.html").read_text(encoding="utf-8") == written.html
    with pytest.raises(InvalidInput, match=r"the page is written to a file ending \.html or \.htm"):
        book.page(tmp_path / "gaza.pdf")
    with pytest.raises(ledger.LedgerError, match="is a folder"):
        book.page(tmp_path)


def test_the_same_ledger_gives_the_same_page(both: str, tmp_path: Path) -> None:
    first, second = tmp_path / "1.html", tmp_path / "2.html"
    write_page(both, first)
    write_page(both, second)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.skipif("postgres" not in ENGINES, reason="PostgreSQL tests: set LEDGER_TEST_POSTGRES_URL")
def test_both_engines_give_the_same_page(pg_db: str, tmp_path: Path) -> None:
    """The same datasets loaded on SQLite and on PostgreSQL give the same page, byte for byte, but
    for the checkpoint: each ledger has a name (its origin) of its own."""
    sqlite_db = str(tmp_path / "ledger.db")
    ok(None, "--db", sqlite_db, "init")
    pages = []
    for db in (sqlite_db, pg_db):
        ok(db, "load", "--example", "istanbul-2025")
        ok(db, "load", str(GAZA))
        path = tmp_path / f"{len(pages)}.html"
        write_page(db, path)
        pages.append(re.sub(r"<pre>.*?</pre>", "", path.read_text("utf-8"), flags=re.S))
    assert pages[0] == pages[1]


# In the browser


@pytest.fixture(scope="module")
def chromium() -> Any:
    if executable() is None:
        if IN_CI:
            pytest.fail("CI=true but there is no chromium: `make browser` installs it, and the page's tests must run")
        pytest.skip("no chromium: `make browser` installs Debian's chromium package")
    from chromium import browser

    with browser() as launched:
        yield launched


@pytest.fixture(scope="module")
def shipped_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[list[str]]]]:
    """The page of both shipped datasets in a SQLite ledger, and the CSV report's figures per process."""
    folder = tmp_path_factory.mktemp("page")
    db = str(folder / "ledger.db")
    ok(None, "--db", db, "init")
    ok(db, "load", "--example", "istanbul-2025")
    ok(db, "load", str(GAZA))
    write_page(db, folder / "page.html")
    figures = {name: fulfilment_csv(db, "--process", name) for name in ("gaza-2025", "istanbul-2025")}
    return folder / "page.html", figures


def opened(chromium: Any, path: Path, **context: Any) -> tuple[Any, list[str], list[str]]:
    """`path` in a new tab, with what it printed to the console (and its uncaught errors) and the
    addresses it requested."""
    tab = chromium.new_page(**context)
    said: list[str] = []
    asked: list[str] = []
    tab.on("console", lambda message: said.append(f"{message.type}: {message.text}"))
    tab.on("pageerror", lambda error: said.append(f"error: {error}"))
    tab.on("request", lambda request: asked.append(request.url))
    tab.goto(path.as_uri(), wait_until="load")
    return tab, said, asked


def test_the_page_loads_with_no_console_message_and_no_request(chromium: Any, shipped_page: Any) -> None:
    path, _ = shipped_page
    tab, said, asked = opened(chromium, path)
    tab.wait_for_timeout(200)  # anything a late style or image would ask for
    assert said == []
    assert asked == [path.as_uri()]
    assert tab.title() == "Humanitarian agreements: what was agreed, and what was delivered"
    # Six charts, each an image with a name and a description, drawn in the page itself.
    charts = tab.locator("figure svg[role=img]")
    assert charts.count() == 6
    for i in range(6):
        chart = charts.nth(i)
        named = tab.locator(f"[id='{chart.get_attribute('aria-labelledby')}']").text_content()
        described = tab.locator(f"[id='{chart.get_attribute('aria-describedby')}']").text_content()
        assert named and described.startswith(named + ".") and "," in described
    # No id twice, though six charts are drawn by one library.
    ids = tab.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) > 100 and len(ids) == len(set(ids))
    tab.close()


def test_the_page_passes_wcag_aa(chromium: Any, shipped_page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path, _ = shipped_page
    for viewport in ({"width": 1280, "height": 900}, {"width": 375, "height": 800}):
        tab, _, _ = opened(chromium, path, viewport=viewport)
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        results = Axe().run(tab, options=options)
        assert results.violations_count == 0, results.generate_report()
        checked = results.response["testEngine"]["version"]
        passed = {rule["id"] for rule in results.response["passes"]}
        assert {
            "color-contrast",
            "th-has-data-cells",
            "svg-img-alt",
            "html-has-lang",
            "scrollable-region-focusable",
        } <= passed
        tab.close()
    assert checked.startswith("4.")


def test_the_browser_shows_the_csv_reports_figures(chromium: Any, shipped_page: Any) -> None:
    path, figures = shipped_page
    tab, _, _ = opened(chromium, path)
    for n, process in enumerate(("gaza-2025", "istanbul-2025"), 1):
        table = tab.locator(f"#process-{n} [role=region][aria-label=Fulfilment] table")
        rows = table.evaluate("t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))")
        assert fulfilment_page(rows) == figures[process]
    tab.close()


def test_on_a_phone_only_the_tables_scroll(chromium: Any, shipped_page: Any) -> None:
    path, _ = shipped_page
    tab, _, _ = opened(chromium, path, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    # Every table is inside a region that scrolls sideways and can be reached with the keyboard.
    regions = tab.evaluate(
        "[...document.querySelectorAll('table')].map(t => { const r = t.parentElement;"
        " return [r.getAttribute('role'), r.tabIndex, getComputedStyle(r).overflowX, r.clientWidth <= 360]; })"
    )
    assert regions and all(region == ["region", 0, "auto", True] for region in regions)
    # Charts shrink to the screen.
    assert (
        tab.evaluate(
            "Math.max(...[...document.querySelectorAll('figure svg')].map(s => s.getBoundingClientRect().right))"
        )
        <= 360
    )
    tab.close()


def test_the_print_layout_fits_a4(chromium: Any, shipped_page: Any, tmp_path: Path) -> None:
    path, _ = shipped_page
    # A4 less the page's margins (12 mm each side): 186 mm at 96 dots to the inch.
    width = round(186 / 25.4 * 96)
    tab, _, _ = opened(chromium, path, viewport={"width": width, "height": 1000})
    tab.emulate_media(media="print")
    overflowing = tab.evaluate(
        f"[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > {width} + 0.5)"
        ".map(e => e.tagName + ' ' + e.textContent.slice(0, 40))"
    )
    assert overflowing == []
    pdf = tmp_path / "page.pdf"
    tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    tab.close()
    boxes = re.findall(rb"MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())  # each page's size
    assert len(boxes) >= 5
    assert {(round(float(w) / 72 * 25.4), round(float(h) / 72 * 25.4)) for w, h in boxes} == {(210, 297)}


def test_a_name_in_a_right_to_left_script_reads_right(chromium: Any, db: str, tmp_path: Path) -> None:
    """A party named in Arabic keeps its order inside an English sentence, and an obligation past
    its deadline is marked overdue, in words and not by colour alone."""
    for args in [
        ("party", "add", "HAM", "--name", "حركة حماس", "--kind", "group"),
        ("party", "add", "ISR", "--name", "Israel"),
        ("process", "add", "p", "--name", "Exchanges"),
        ("round", "add", "p-r1", "--process", "p", "--number", "1", "--start", "2025-01-19", "--party", "ISR",
         "--party", "HAM"),
        ("term", "add", "h", "--round", "p-r1", "--category", "hostage", "--obligation", "HAM:ISR:33",
         "--deadline", "P42D"),
        ("transfer", "add", "t1", "--date", "2025-01-19", "--from", "HAM", "--to", "ISR", "--category", "hostage",
         "--count", "3", "--term", "h"),
    ]:  # fmt: skip
        ok(db, *args)
    path = tmp_path / "page.html"
    ok(db, "report", "page", "-o", str(path), "--until", "2025-03-10")
    tab, said, asked = opened(chromium, path)
    assert said == [] and asked == [path.as_uri()]
    sentence = tab.locator("#process-1 ul[aria-label='Each obligation in plain words'] li")
    assert sentence.inner_text() == (
        "حركة حماس handed over 3 hostages to Israel against 33 agreed: 9 %; 30 outstanding, "
        "overdue since 2025-03-02 (h)."
    )
    name = sentence.locator("bdi").first
    assert name.inner_text() == "حركة حماس"
    assert name.evaluate("e => e.matches(':dir(rtl)')") is True
    deadlines = tab.locator("#process-1 [aria-label=Deadlines] table").evaluate(
        "t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))"
    )
    assert deadlines[1] == ["2025-03-02", "overdue", "-8", "h", "HAM", "ISR", "33", "3", "30"]
    tab.close()


def test_the_readme_screenshot(chromium: Any, tmp_path: Path) -> None:
    """`make screenshot` writes docs/page.png; the README shows it. Here it is drawn anew to a scratch
    file: a PNG of the screenshot's size."""
    from chromium import SCREENSHOT

    db = str(tmp_path / "ledger.db")
    ok(None, "--db", db, "init")
    ok(db, "load", "--example", "istanbul-2025")
    write_page(db, tmp_path / "page.html", "--process", "istanbul-2025")
    png = tmp_path / "page.png"
    screenshot(chromium, tmp_path / "page.html", png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (
        SCREENSHOT["width"], SCREENSHOT["height"],
    )  # fmt: skip
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "](docs/page.png)" in readme
    assert (Path(__file__).resolve().parent.parent / "docs" / "page.png").read_bytes()[:8] == data[:8]
    assert "--headless=new" in FLAGS
