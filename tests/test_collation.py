"""Keys sort by code point on every engine, whatever the PostgreSQL database's collation: a ledger
dumps to the same bytes, and its reports list the same rows in the same order, anywhere."""

from __future__ import annotations

from pathlib import Path

from conftest import ok, run

# Keys that an en-US collation orders another way than code points do: by case (`Src-b` before
# `src-a` by code point, after it in en-US) and by punctuation (`A_B` after `AB` by code point).
PACKAGE = {
    "parties": "code,name\nUKR,Ukraine\nRUS,Russia\nAB,Ab\nA_B,A underscore B\n",
    "sources": "key,publisher\nsrc-a,Lower\nSrc-b,Upper\nsrc.c,Dotted\n",
    "processes": "key,name\np-b,Second\nP-a,First\n",
    "rounds": "key,process,number,start_date,parties,sources\n"
    "r1,p-b,1,2025-05-16,UKR;RUS,src-a;Src-b\nR1,P-a,1,2025-05-16,UKR;RUS,src.c\n",
    "terms": "term,round,category,deliverer,receiver,quantity,basis\n"
    "t-pow,r1,pow,RUS,UKR,5,exact\nT-pow,R1,pow,RUS,UKR,5,exact\nt_pow,r1,pow,UKR,RUS,3,exact\n",
    "transfers": "key,date,deliverer,receiver,category,count,terms\n"
    "b1,2025-05-23,RUS,UKR,pow,4,t-pow\nB2,2025-05-23,RUS,UKR,pow,4,T-pow\nb-3,2025-05-23,RUS,UKR,pow,4,\n"
    "c1,2025-05-24,UKR,RUS,pow,2,\nC2,2025-05-24,UKR,RUS,pow,2,\nx1,2025-05-25,AB,A_B,civilian,1,\n"
    "x2,2025-05-25,A_B,AB,civilian,1,\n",
    "claims": "subject,field,value,source\n"
    "transfer:b1,count,5,src-a\ntransfer:B2,count,3,Src-b\ntransfer:b1,count,6,src.c\ntransfer:B2,count,2,src-a\n",
    "assertions": "key,as_of,deliverer,receiver,category,scope,expected\n"
    "a-low,2025-06-01,RUS,UKR,pow,,11\nA-up,2025-06-01,RUS,UKR,pow,,13\n",
}


def _package(folder: Path) -> Path:
    folder.mkdir()
    for stem, text in PACKAGE.items():
        (folder / f"{stem}.csv").write_text(text, encoding="utf-8")
    return folder


def _outputs(db: str, folder: Path) -> dict[str, bytes]:
    """What a user sees of the ledger: its dump, file by file, and its reports and lists as CSV."""
    ok(db, "dump", str(folder))
    seen = {path.name: path.read_bytes() for path in sorted(folder.iterdir())}
    for report in ("fulfilment", "register", "commitments", "timeline", "discrepancies"):
        seen[report] = ok(db, "report", report, "--format", "csv").encode()
    check = run(db, "check")
    assert check.exit_code == 1  # both assertions fail, listed in order of date and key
    seen["check"] = check.stdout.encode()
    for entity in ("party", "source", "round", "term", "transfer", "assertion"):
        seen[f"{entity} list"] = ok(db, entity, "list").encode()
    return seen


def test_a_dump_and_its_reports_are_the_same_bytes_on_an_icu_en_us_database(postgres, tmp_path: Path) -> None:
    from ledger import migrate

    package = _package(tmp_path / "package")
    sqlite = str(tmp_path / "ledger.db")
    ok(sqlite, "init")
    ok(sqlite, "load", str(package))
    expected = _outputs(sqlite, tmp_path / "from-sqlite")
    assert expected["parties.csv"].decode().splitlines()[1:] == [
        "AB,Ab,state,", "A_B,A underscore B,state,", "RUS,Russia,state,", "UKR,Ukraine,state,"]  # fmt: skip
    assert [line.split(",")[0] for line in expected["transfers.csv"].decode().splitlines()[1:]] == [
        "B2", "b-3", "b1", "C2", "c1", "x1", "x2"]  # fmt: skip

    name = postgres.create(options=" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")
    url = postgres.url_of(name)
    migrate.upgrade(url)
    ok(url, "load", str(package))
    found = _outputs(url, tmp_path / "from-postgres")
    assert list(found) == list(expected)
    assert [what for what, text in expected.items() if found[what] != text] == []
