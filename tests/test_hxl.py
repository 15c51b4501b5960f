"""`--hxl`: the HXL hashtag row under the header of every CSV report and list, read back with
libhxl, the columns that could name individuals left out, and the formats it refuses."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import hxl as libhxl
import pytest

from ledger import hxl

from conftest import ok, refused, run

README = Path(__file__).resolve().parent.parent / "README.md"
REPORTS = ("commitments", "fulfilment", "register", "discrepancies", "timeline", "deadlines")
LISTS = ("party", "source", "process", "round", "category", "term", "transfer", "claim", "assertion")

FULFILMENT_TAGS = (
    "#indicator+code,#meta+id+x_round,#group+code,#org+code+deliverer,#org+code+receiver,#indicator+x_basis,"
    "#indicator+value+num+committed,#indicator+value+num+delivered,#indicator+x_undisclosed+num,"
    "#indicator+x_outstanding+num,#date+x_due,#status+x_overdue,#indicator+x_excess+num,"
    "#indicator+x_fulfilled+pct,#indicator+x_score+num,#date+occurred+x_first,#date+occurred+x_last"
)


def _read(text: str) -> libhxl.model.Dataset:
    return libhxl.data(list(csv.reader(io.StringIO(text))))


def _values(rows: list[libhxl.model.Row], tag: str) -> list[str]:
    """What libhxl reads in the column of `tag`, an empty cell as the CSV's empty text."""
    return [row.get(tag) or "" for row in rows]


def _column(text: str, name: str) -> list[str]:
    return [row[name] for row in csv.DictReader(io.StringIO(text))]


def test_fulfilment_read_through_libhxl_equals_the_csv_report(istanbul: str) -> None:
    plain = ok(istanbul, "report", "fulfilment", "--format", "csv")
    tagged = ok(istanbul, "report", "fulfilment", "--format", "csv", "--hxl")
    header, *rows = plain.splitlines()
    assert tagged.splitlines() == [header, FULFILMENT_TAGS, *rows]
    data = _read(tagged)
    assert [column.header for column in data.columns] == header.split(",")
    read = list(data)
    assert _values(read, "#indicator+value+delivered") == _column(plain, "delivered")
    assert _values(read, "#indicator+value+committed") == _column(plain, "committed")
    assert _values(read, "#indicator+x_outstanding") == _column(plain, "outstanding")
    # 6,057 bodies to Ukraine against 6,000 agreed
    bodies = next(row for row in read if row.get("#indicator+code") == "r2-bodies-6000")
    assert (bodies.get("#org+deliverer"), bodies.get("#indicator+value+delivered")) == ("RUS", "6057")


def test_the_python_api_tags_as_the_command_line(istanbul: str) -> None:
    import ledger

    book = ledger.open(istanbul)
    assert book.report_text("fulfilment", "csv", hxl=True) == ok(
        istanbul, "report", "fulfilment", "--format", "csv", "--hxl"
    )
    out = io.StringIO()
    book.report_csv("register", out, hxl=True)
    assert out.getvalue() == ok(istanbul, "report", "register", "--format", "csv", "--hxl")
    # the register built with pandas and streamed without it: the same tagged CSV
    assert book.report_text("register", "csv", hxl=True) == out.getvalue()


def test_hxl_to_a_file(istanbul: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / "register.csv"
    target.parent.mkdir()
    assert ok(istanbul, "report", "register", "--format", "csv", "--hxl", "-o", str(target)) == (
        f"Wrote the register report to {target}.\n"
    )
    assert target.read_text(encoding="utf-8") == ok(istanbul, "report", "register", "--format", "csv", "--hxl")


def test_register_dates_and_counts_through_libhxl_without_its_notes(istanbul: str) -> None:
    plain = ok(istanbul, "report", "register", "--format", "csv")
    tagged = ok(istanbul, "report", "register", "--format", "csv", "--hxl")
    data = _read(tagged)
    assert "notes" not in [column.header for column in data.columns]
    read = list(data)
    assert _values(read, "#date+occurred") == _column(plain, "date")
    assert _values(read, "#indicator+value+num") == _column(plain, "count")
    assert _values(read, "#org+code+receiver") == _column(plain, "receiver")


@pytest.mark.parametrize("name", REPORTS)
def test_every_report_column_has_a_tag_from_the_table(gaza: str, name: str) -> None:
    tagged = ok(gaza, "report", name, "--format", "csv", "--hxl", "--until", "2025-12-31")
    header, tags = next(csv.reader(io.StringIO(tagged))), list(csv.reader(io.StringIO(tagged)))[1]
    assert len(tags) == len(header) and all(tags)
    assert hxl.DEFAULT not in tags
    assert not set(header) & hxl.PERSONAL
    columns = _read(tagged).columns
    assert [column.display_tag for column in columns] == tags  # libhxl reads every tag as written


def test_commitments_tags_each_rounds_column_as_committed(gaza: str) -> None:
    tagged = ok(gaza, "report", "commitments", "--format", "csv", "--hxl")
    header, tags = list(csv.reader(io.StringIO(tagged)))[:2]
    assert dict(zip(header, tags, strict=True)) == {
        "category": "#group+code",
        "deliverer": "#org+code+deliverer",
        "receiver": "#org+code+receiver",
        "criteria": "#indicator+x_criteria",
        "gaza-2025-r1": "#indicator+x_committed",
        "gaza-2025-r2": "#indicator+x_committed",
        "change": "#meta+x_change",
    }


@pytest.mark.parametrize("entity", LISTS)
def test_every_list_column_has_a_tag_and_none_names_individuals(gaza: str, entity: str) -> None:
    plain = ok(gaza, entity, "list", "--format", "csv")
    tagged = ok(gaza, entity, "list", "--format", "csv", "--hxl")
    header, tags = list(csv.reader(io.StringIO(tagged)))[:2]
    assert header == [column for column in next(csv.reader(io.StringIO(plain))) if column not in hxl.PERSONAL]
    assert len(tags) == len(header) and all(tags) and hxl.DEFAULT not in tags
    read = list(_read(tagged))
    assert len(read) == len(plain.splitlines()) - 1
    assert _values(read, tags[0]) == _column(plain, header[0])


def test_lists_leave_out_claimants_quotes_heads_and_notes(gaza: str) -> None:
    claims = ok(gaza, "claim", "list", "--format", "csv", "--hxl").splitlines()
    assert claims[:2] == [
        "id,subject,field,value,source,stated_on",
        "#meta+id,#meta+id+x_subject,#meta+x_field,#meta+x_claimed,#meta+source,#date+reported+x_stated",
    ]
    rounds = ok(gaza, "round", "list", "--format", "csv", "--hxl").splitlines()
    assert rounds[0] == (
        "key,process,number,start_date,end_date,status,venue,city,country,parties,mediators,hosts,observers,sources"
    )
    assert rounds[1].split(",")[3:5] == ["#date+start", "#date+end"]
    assert rounds[1].split(",")[8] == "#country+name"  # the one column known to hold a state
    transfers = ok(gaza, "transfer", "list", "--format", "csv", "--hxl").splitlines()
    assert transfers[1] == (
        "#meta+id,#date+occurred,#org+code+deliverer,#org+code+receiver,#group+code,#indicator+value+num,"
        "#indicator+code+x_allocated,#meta+id+x_exchange,#org+code+x_intermediaries,#loc+name,#meta+source"
    )
    assert "Romi Gonen" in ok(gaza, "transfer", "list", "--format", "csv")
    assert "Romi Gonen" not in "\n".join(transfers)


def test_a_claim_on_a_personal_field_keeps_its_subject_but_not_its_text(istanbul: str) -> None:
    """A claim that disputes a round's heads (or a transfer's notes) holds that very text: a tagged
    export keeps the row, so that the dispute is seen, and empties its value and the ledger's."""
    heads = "UKR: Rustem Umerov; RUS: Vladimir Medinsky"
    ok(istanbul, "claim", "add", "--subject", "round:istanbul-2025-r3", "--field", "heads", "--value", heads,
       "--source", "chaspravdy-2025-07-23")  # fmt: skip
    assert heads in ok(istanbul, "claim", "list", "--format", "csv")
    for args in (("claim", "list"), ("report", "discrepancies")):
        tagged = ok(istanbul, *args, "--format", "csv", "--hxl")
        assert "Umerov" not in tagged and "Medinsky" not in tagged, args
    claims = list(csv.DictReader(io.StringIO(ok(istanbul, "claim", "list", "--format", "csv", "--hxl"))))[1:]
    assert [(c["subject"], c["value"]) for c in claims if c["field"] == "heads"] == [("round:istanbul-2025-r3", "")]
    rows = list(csv.DictReader(io.StringIO(ok(istanbul, "report", "discrepancies", "--format", "csv", "--hxl"))))
    assert [(r["subject"], r["recorded"]) for r in rows if r["field"] == "heads"] == [("round:istanbul-2025-r3", "")]
    # a figure stays: the claims on a start date keep their values
    assert any(c["field"] == "start_date" and c["value"] for c in claims)


def test_a_claimed_figure_keeps_its_figure_not_the_words_round_it(gaza: str) -> None:
    """A claim of a count or a quantity is a figure, but a source may have put words round it that
    name someone: a tagged export keeps the figure, `…` marking what it leaves out."""
    plain = list(csv.DictReader(io.StringIO(ok(gaza, "claim", "list", "--format", "csv"))))
    tagged = list(csv.DictReader(io.StringIO(ok(gaza, "claim", "list", "--format", "csv", "--hxl"))))[1:]
    figures = [
        (p["value"], t["value"]) for p, t in zip(plain, tagged, strict=True) if p["field"] in ("count", "quantity")
    ]
    assert figures == [
        ("4, the fourth Shiri Bibas; the remains were mixed up in the rubble of an airstrike", "4 …"),
        ("602 planned for 22 February", "602 …"), ("620 planned for 22 February", "620 …"), ("642", "642"),
        ("596 released overnight of 642; 46 women and children held back pending verification", "596 …"),
        ("1966", "1966"), ("1808", "1808"), ("1768", "1768"),
        ("1,700 Gazans plus 22 Gaza minors", "1,700 …"), ("250 of 270 life prisoners", "250 …"),
    ]  # fmt: skip
    discrepancies = ok(gaza, "report", "discrepancies", "--format", "csv", "--hxl")
    assert "Bibas" not in discrepancies and "Bibas" not in ok(gaza, "claim", "list", "--format", "csv", "--hxl")


def test_help_says_what_is_left_out(gaza: str) -> None:
    claim_help = " ".join(ok(None, "claim", "list", "--help").split())
    assert "Leaves out claimant, quote: HDX forbids personal data." in claim_help
    round_help = " ".join(ok(None, "round", "list", "--help").split())
    assert "Leaves out heads, notes: HDX forbids personal data." in round_help
    assert "Leaves out" not in " ".join(ok(None, "party", "list", "--help").split())
    assert "Leaves out description: HDX" in " ".join(ok(None, "term", "list", "--help").split())
    report_help = " ".join(ok(None, "report", "--help").split())
    assert "Leaves out the register's notes, the timeline's detail and the discrepancies' claims" in report_help


def test_excel_csv_keeps_the_byte_order_mark_before_the_header(istanbul: str) -> None:
    tagged = ok(istanbul, "report", "register", "--format", "csv", "--hxl", "--excel")
    lines = tagged.splitlines()
    assert lines[0].startswith("\ufeffkey,date,")
    assert lines[1].startswith("#meta+id,#date+occurred,")


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("report", "fulfilment", "--hxl"), "Error: --hxl: tags CSV only: give --format csv, not table\n"),
        (("report", "register", "--hxl", "--format", "md"), "Error: --hxl: tags CSV only: give --format csv, not md\n"),
        (("party", "list", "--hxl", "--format", "json"), "Error: --hxl: tags CSV only: give --format csv, not json\n"),
        (("transfer", "list", "--hxl"), "Error: --hxl: tags CSV only: give --format csv, not table\n"),
        (("report", "workbook", "--hxl", "-o", "book.xlsx"), "Error: --hxl: tags CSV only, not the workbook\n"),
        (("report", "chart", "returns", "--hxl", "-o", "r.png"), "Error: --hxl: tags CSV only, not the chart\n"),
    ],
)
def test_hxl_with_another_format_is_refused(istanbul: str, tmp_path: Path, args: tuple[str, ...], error: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = tuple(str(out / a) if a.endswith((".xlsx", ".png")) else a for a in args)
    assert refused(istanbul, *args) == error
    assert not list(out.iterdir())


def test_xlsx_with_hxl_writes_nothing(istanbul: str, tmp_path: Path) -> None:
    target = tmp_path / "register.xlsx"
    result = run(istanbul, "report", "register", "--format", "xlsx", "--hxl", "-o", str(target))
    assert (result.exit_code, result.stderr) == (2, "Error: --hxl: tags CSV only: give --format csv, not xlsx\n")
    assert not target.exists()


def _readme_block(marker: str) -> str:
    text = README.read_text(encoding="utf-8")
    return text.split(f"<!-- {marker}:start -->\n")[1].split(f"<!-- {marker}:end -->")[0]


def hxl_table() -> str:
    """The README's table of tags, as `ledger.hxl` gives them: a row per tag, its columns."""
    columns: dict[str, list[str]] = {}
    for column, tag in hxl.TAGS.items():
        entity, _, name = column.rpartition(".")
        columns.setdefault(tag, []).append(f"`{name}` of `{entity} list`" if entity else f"`{name}`")
    rows = [f"| `{tag}` | {', '.join(names)} |" for tag, names in columns.items()]
    rows += [
        f"| `{tag}` | each round's column of the `{report}` report |" for report, tag in hxl.REPORT_DEFAULTS.items()
    ]
    rows.append(f"| `{hxl.DEFAULT}` | any other column (none today) |")
    return "\n".join(["| tag | columns |", "|---|---|", *rows]) + "\n"


def test_the_readme_table_is_the_table_of_tags() -> None:
    assert _readme_block("hxl-tags") == hxl_table()
    assert not {column.rpartition(".")[2] for column in hxl.TAGS} & hxl.PERSONAL  # no tag for what is left out


def test_the_readme_example_prints_as_shown(istanbul: str) -> None:
    shown = _readme_block("hxl-example").removeprefix("```\n").removesuffix("```\n")
    tagged = ok(istanbul, "report", "fulfilment", "--process", "istanbul-2025", "--format", "csv", "--hxl")
    assert "\n".join(tagged.splitlines()[:3]) + "\n" == shown
