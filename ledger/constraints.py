"""The SQL of the schema's CHECK constraints, written from the vocabulary (`ledger.models` uses them)."""

from __future__ import annotations

# Set before the first migration so that every constraint has a stable name on both engines.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def one_of(column: str, values: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({listed})"


def precision_pair(column: str) -> str:
    """A date and its precision are both present or both absent."""
    return (
        f"({column} IS NULL AND {column}_precision IS NULL) OR "
        f"({column} IS NOT NULL AND {column}_precision IN ('day', 'month'))"
    )


def exactly_one(kind_column: str, options: dict[str, str]) -> str:
    """The reference column that matches `kind_column` is set and the others are empty."""
    cases = []
    for kind, column in options.items():
        others = [f"{other} IS NULL" for other in options.values() if other != column]
        cases.append(f"({kind_column} = '{kind}' AND {column} IS NOT NULL AND {' AND '.join(others)})")
    return " OR ".join(cases)
