"""The files that ship with the ledger: its migrations and its datasets.

An installed package carries them inside itself, as `ledger/migrations/` and `ledger/data/`
(pyproject.toml maps the repository's top-level `alembic/` and `data/` folders there); a source
checkout has them at the top of the repository.

>>> sorted(datasets())
['gaza-2025', 'istanbul-2025']
>>> (migrations() / "env.py").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

from ledger.errors import NotFound

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent


def _shipped(inside_package: str, in_checkout: str) -> Path:
    installed = PACKAGE / inside_package
    return installed if installed.is_dir() else CHECKOUT / in_checkout


def migrations() -> Path:
    """The Alembic script folder (env.py and versions/)."""
    return _shipped("migrations", "alembic")


def datasets() -> dict[str, Path]:
    """Every shipped dataset (a data package folder) by name, in name order."""
    folder = _shipped("data", "data")
    if not folder.is_dir():
        return {}
    return {path.name: path for path in sorted(folder.iterdir()) if path.is_dir() and path.name[0] not in "._"}


def dataset(name: str) -> Path:
    """The folder of the shipped dataset `name`."""
    found = datasets()
    if name not in found:
        shipped = ", ".join(found) or "none"
        raise NotFound(f"no dataset named {name!r} ships with the ledger (shipped: {shipped})")
    return found[name]
