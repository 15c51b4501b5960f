"""Packages as a careless user or a hostile tester would give them: every one refused with a line
saying where and what, nothing written, never a traceback."""

from __future__ import annotations

import pytest
from test_package import DATA, package, refused_load

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
