"""Where the ledger lives: `--db`, then `LEDGER_DATABASE_URL`, then `sqlite:///ledger.db`.

A plain path means a SQLite file; `postgresql://` means PostgreSQL through psycopg 3.

>>> database_url("team.db", environ={})
'sqlite:///team.db'
>>> database_url(None, environ={"LEDGER_DATABASE_URL": "postgresql://u@h/db"})
'postgresql+psycopg://u@h/db'
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ledger.errors import LedgerError, Parameter, Said, SchemaError

DEFAULT_URL = "sqlite:///ledger.db"
ENV_VAR = "LEDGER_DATABASE_URL"
# The engines the ledger runs on, with the drivers it ships.
ENGINES = ("sqlite", "sqlite+pysqlite", "postgresql+psycopg")


def database_url(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    environ = os.environ if environ is None else environ
    if option is not None and not option.strip():  # `--db "$LEDGER"` with the variable unset
        raise SchemaError(
            Said(
                Parameter("db"), ": is empty: give a SQLite file (PATH or sqlite:///PATH) or postgresql://USER@HOST/DB"
            )
        )
    value = option or utf8_text(ENV_VAR, environ.get(ENV_VAR)) or DEFAULT_URL
    return normalise_url(value)


def utf8_text(name: str, value: str | None) -> str | None:
    r"""A value from the environment, refused (naming the variable) if it is not UTF-8: Python keeps
    such bytes as lone surrogates, which no database, file or terminal can take.

    >>> utf8_text("LEDGER_ACTOR", "analyst\udcff")
    Traceback (most recent call last):
    ...
    ledger.errors.LedgerError: LEDGER_ACTOR: must be UTF-8 text, got b'analyst\xff'
    """
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise LedgerError(f"{name}: must be UTF-8 text, got {value.encode('utf-8', 'surrogateescape')!r}") from None
    return value


def normalise_url(value: str) -> str:
    if "://" not in value:
        return f"sqlite:///{value}"
    # psycopg 3 is the driver we ship; SQLAlchemy's bare `postgresql://` means psycopg2.
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    scheme = value.split("://", 1)[0]
    if scheme not in ENGINES:  # only the scheme is shown: the rest may hold a password
        raise SchemaError(
            f"{scheme}:// is not a database the ledger runs on: give a SQLite file (PATH or sqlite:///PATH) "
            "or postgresql://USER@HOST/DB"
        )
    return value


def sqlite_path(url: str) -> str | None:
    """The file behind a SQLite URL, or None for another engine or an in-memory database."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    return None if path in ("", ":memory:") else path
