"""Packages as a careless user or a hostile tester would give them: every one refused with a line
saying where and what, nothing written, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_package import DATA, _edit, package, refused_load

__all__ = ["package"]  # the fixture, a copy of the Istanbul dataset


# Encodings


@pytest.mark.parametrize(
    ("encoding", "error"),
    [
        ("utf-16", "Error: parties.csv: line 1: is not utf-16 text (UTF-16 stream does not start with BOM)\n"),
        ("rot13", "Error: --encoding: 'rot13' is not a text encoding (such as utf-8 or cp1251)\n"),
        ("base64", "Error: --encoding: 'base64' is not a text encoding (such as utf-8 or cp1251)\n"),
    ],
)
def test_an_encoding_that_cannot_read_the_file_is_refused(db: str, encoding: str, error: str) -> None:
    assert refused_load(db, str(DATA / "parties.csv"), "--encoding", encoding) == error


# Values


def test_a_date_in_other_digits_than_ascii_is_refused_as_a_count_is(db: str, package: Path) -> None:
    _edit(package / "transfers.csv", "2025-05-23-rus-ukr-pow,2025-05-23,", "2025-05-23-rus-ukr-pow,２０２５-０５-２３,")
    _edit(package / "claims.csv", "Vladimir Medinsky,2025-07-23,", "Vladimir Medinsky,٢٠٢٥-٠٧-٢٣,")
    assert refused_load(db, str(package)) == (
        "transfers.csv:3: date: must be a date YYYY-MM-DD or YYYY-MM, got '２０２５-０５-２３'\n"
        "claims.csv:8: stated_on: must be a date YYYY-MM-DD or YYYY-MM, got '٢٠٢٥-٠٧-٢٣'\n"
        f"Error: {package}: 2 problems; nothing was loaded\n"
    )
