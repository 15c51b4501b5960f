"""Which ledger module may import which, read from the source files with `ast`, and how long a module
may grow.

`ALLOWED` is the layering as a table: each module of the package, and the ledger modules it may
import (at its top or inside a function, alike). A module missing from the table, or an import the
table does not allow, fails with a message that names it. The outer rules hold for every module:
nothing imports the command line, nothing outside `ledger/reports` imports pandas, and the core
(everything but the command line) never imports click.
"""

from __future__ import annotations

import ast
import functools
import importlib
import sys
from pathlib import Path

import pytest

from ledger.entities import ENTITIES

PACKAGE = Path(__file__).resolve().parent.parent / "ledger"
MAX_LINES = 500
# The command line (the package `ledger.cli` and its modules): the only modules that may import
# click, and that nothing imports but the entry and the command line itself.
COMMAND_LINE = "ledger.cli"
ENTRY = {"ledger.__main__"}
RULES = {f"ledger.rules.{path.stem}" for path in (PACKAGE / "rules").glob("*.py") if path.stem != "__init__"}
CLI_MODULES = {f"ledger.cli.{path.stem}" for path in (PACKAGE / "cli").glob("*.py") if path.stem != "__init__"}

LOW = {
    "ledger.errors",
    "ledger.entities",
    "ledger.domain",
    "ledger.encoding",
    "ledger.dates",
}  # what almost anything may read
# The public library API: the facade (`ledger.open`), its errors and vocabularies, the registry, the
# configuration, printing, and the reports' names and filters. The command line imports nothing else.
PUBLIC = {"ledger", *LOW, "ledger.config", "ledger.hxl", "ledger.render", "ledger.reports"}
ALLOWED: dict[str, set[str]] = {
    # the package, its entry and the description every layer reads
    "ledger": {"ledger.errors", "ledger.domain", "ledger.rules", "ledger.facade"},
    "ledger.__main__": {"ledger.cli"},
    "ledger.entities": set(),  # the registry names its behaviour as `module:name`, looked up on use
    "ledger.errors": {"ledger.rules"},  # for type checking only
    "ledger.domain": {"ledger.entities"},
    "ledger.config": {"ledger.errors"},
    "ledger.resources": {"ledger.errors"},
    "ledger.allocation": set(),
    "ledger.merkle": set(),  # RFC 9162 hashes and proofs: nothing of the ledger
    "ledger.render": {"ledger.domain", "ledger.encoding", "ledger.hxl"},
    "ledger.hxl": {"ledger.errors", "ledger.rules"},  # the HXL hashtags of every CSV column
    "ledger.descriptor": {"ledger.entities", "ledger.encoding", "ledger.corrections", "ledger.domain"},
    "ledger.package": {
        "ledger.entities",
        "ledger.encoding",
        "ledger.errors",
        "ledger.corrections",
        "ledger.descriptor",
    },
    "ledger.corrections": {"ledger.entities"},  # the format of corrections.csv
    "ledger.encoding": {"ledger.entities"},
    "ledger.dates": {"ledger.domain"},
    # the rules: pure validation of raw records against a catalog (no database)
    "ledger.rules": {*LOW, *RULES},
    "ledger.rules.records": {*LOW},
    "ledger.rules.fields": {*LOW, "ledger.rules.records"},
    "ledger.rules.filters": {*LOW, "ledger.rules.records"},
    "ledger.rules.entities": {*LOW, "ledger.rules.fields", "ledger.rules.records"},
    "ledger.rules.transfers": {*LOW, "ledger.rules.fields", "ledger.rules.records"},
    # the database
    "ledger.constraints": set(),
    "ledger.models": {"ledger.domain", "ledger.constraints"},
    "ledger.db": {"ledger.errors"},
    "ledger.db_errors": {"ledger.db", "ledger.errors"},
    "ledger.bulk": {"ledger.models"},
    "ledger.sql": {"ledger.models", "ledger.encoding"},
    # the core: write side
    "ledger.storage": {"ledger.bulk", "ledger.encoding", "ledger.models", "ledger.rules"},
    "ledger.catalog": {*LOW, "ledger.models", "ledger.rules", "ledger.sql"},
    "ledger.shares": {*LOW, "ledger.allocation", "ledger.bulk", "ledger.models", "ledger.sql"},
    "ledger.journal": {*LOW, "ledger.bulk", "ledger.config", "ledger.merkle", "ledger.models", "ledger.queries"},
    "ledger.unjournaled": {*LOW, "ledger.models"},
    "ledger.verification": {
        *LOW,
        "ledger.journal",
        "ledger.merkle",
        "ledger.models",
        "ledger.readers",
        "ledger.sql",
        "ledger.unjournaled",
    },
    "ledger.dependencies": {
        *LOW,
        "ledger.catalog",
        "ledger.models",
        "ledger.queries",
        "ledger.rules",
        "ledger.shares",
        "ledger.sql",
    },
    "ledger.writes": {*LOW, "ledger.rules"},
    "ledger.changes": {
        *LOW,
        "ledger.catalog",
        "ledger.corrections",
        "ledger.dependencies",
        "ledger.journal",
        "ledger.models",
        "ledger.queries",
        "ledger.rules",
        "ledger.shares",
        "ledger.writes",
    },
    # the core: read side
    "ledger.statements": {*LOW, "ledger.models", "ledger.sql"},
    "ledger.readers": {*LOW, "ledger.models", "ledger.sql", "ledger.statements"},
    "ledger.queries": {*LOW, "ledger.models", "ledger.package", "ledger.readers", "ledger.render", "ledger.sql"},
    "ledger.derived": {*LOW, "ledger.models", "ledger.queries", "ledger.shares", "ledger.sql"},
    # the use cases
    "ledger.package_terms": {*LOW},
    "ledger.load_report": {*LOW, "ledger.rules", "ledger.package_terms"},
    "ledger.loading": {
        *LOW,
        "ledger.package_terms",
        "ledger.bulk",
        "ledger.catalog",
        "ledger.changes",
        "ledger.corrections",
        "ledger.load_report",
        "ledger.db",
        "ledger.db_errors",
        "ledger.dependencies",
        "ledger.dump",
        "ledger.journal",
        "ledger.models",
        "ledger.package",
        "ledger.queries",
        "ledger.render",
        "ledger.rules",
        "ledger.shares",
        "ledger.storage",
    },
    "ledger.dump": {*LOW, "ledger.db", "ledger.package", "ledger.queries", "ledger.render", "ledger.rules"},
    # Datasette's metadata: the database's tables, views and columns described, with the ledger's counts
    "ledger.datasette": {
        *LOW,
        "ledger.checkpoints",
        "ledger.db",
        "ledger.descriptor",
        "ledger.hxl",
        "ledger.models",
        "ledger.rules",
        "ledger.sql",
    },
    "ledger.checks": {
        *LOW,
        "ledger.catalog",
        "ledger.db",
        "ledger.derived",
        "ledger.models",
        "ledger.queries",
        "ledger.rules",
        "ledger.sql",
    },
    "ledger.migrate": {
        *LOW,
        "ledger.config",
        "ledger.db",
        "ledger.db_errors",
        "ledger.journal",
        "ledger.models",
        "ledger.resources",
        "ledger.shares",
    },
    "ledger.roles": {*LOW, "ledger.db_errors", "ledger.models"},
    "ledger.checkpoints": {*LOW, "ledger.journal", "ledger.merkle", "ledger.models", "ledger.queries"},
    # the facade: records (facade) and whole-ledger operations (operations, which it inherits)
    "ledger.operations": {
        *LOW,
        "ledger.checkpoints",
        "ledger.checks",
        "ledger.config",
        "ledger.datasette",
        "ledger.db",
        "ledger.db_errors",
        "ledger.dump",
        "ledger.hxl",
        "ledger.loading",
        "ledger.migrate",
        "ledger.descriptor",
        "ledger.package",
        "ledger.reports",
        "ledger.reports.charts",
        "ledger.reports.frames",
        "ledger.reports.fulfilment",
        "ledger.reports.output",
        "ledger.reports.page",
        "ledger.reports.register",
        "ledger.resources",
        "ledger.roles",
        "ledger.rules",
    },
    "ledger.facade": {
        "ledger.operations",
        "ledger.unjournaled",
        "ledger.changes",
        "ledger.checkpoints",  # verify with a checkpoint, in one snapshot
        "ledger.sql",
        *LOW,
        "ledger.catalog",
        "ledger.config",
        "ledger.db",
        "ledger.db_errors",
        "ledger.dependencies",
        "ledger.derived",
        "ledger.journal",
        "ledger.models",
        "ledger.queries",
        "ledger.reports",
        "ledger.reports.typed",
        "ledger.rules",
        "ledger.shares",
        "ledger.verification",
        "ledger.writes",
    },
    # the reports (pandas only here)
    "ledger.reports": {"ledger.reports", "ledger.reports.filters", "ledger.reports.frames"},
    "ledger.reports.filters": {*LOW, "ledger.queries", "ledger.rules"},
    "ledger.reports.charts": {*LOW},
    "ledger.reports.register": {*LOW, "ledger.hxl", "ledger.queries", "ledger.render", "ledger.reports.filters"},
    "ledger.reports.fulfilment": {
        *LOW,
        "ledger.models",
        "ledger.queries",
        "ledger.reports.filters",
        "ledger.reports.register",
        "ledger.sql",
    },
    "ledger.reports.report": set(),
    "ledger.reports.commitments": {
        *LOW,
        "ledger.models",
        "ledger.queries",
        "ledger.reports.filters",
        "ledger.reports.fulfilment",
        "ledger.reports.report",
        "ledger.sql",
    },
    "ledger.reports.deadlines": {"ledger.reports.filters", "ledger.reports.fulfilment", "ledger.reports.report"},
    "ledger.reports.frames": {
        *LOW,
        "ledger.reports.commitments",
        "ledger.reports.deadlines",
        "ledger.reports.report",
        "ledger.models",
        "ledger.queries",
        "ledger.render",
        "ledger.reports",
        "ledger.reports.filters",
        "ledger.reports.fulfilment",
        "ledger.reports.register",
        "ledger.rules",
        "ledger.sql",
    },
    "ledger.reports.output": {*LOW, "ledger.render", "ledger.reports.frames", "ledger.reports.register"},
    "ledger.reports.html": {"ledger.reports.charts", "ledger.reports.output"},
    "ledger.reports.page": {
        *LOW,
        "ledger.checkpoints",
        "ledger.db",
        "ledger.hxl",
        "ledger.package",
        "ledger.queries",
        "ledger.reports.filters",
        "ledger.reports.frames",
        "ledger.reports.html",
        "ledger.reports.output",
    },
    "ledger.reports.typed": {*LOW, "ledger.reports.report"},
    # the command line: it parses, calls the public library API (`PUBLIC`), prints, sets the exit code
    "ledger.cli": {*PUBLIC, *CLI_MODULES},
    "ledger.cli.app": {*PUBLIC, "ledger.cli", "ledger.cli.options"},
    "ledger.cli.options": {*PUBLIC},
    "ledger.cli.records": {*PUBLIC, "ledger.cli", "ledger.cli.app", "ledger.cli.options"},
    "ledger.cli.categories": {*PUBLIC, "ledger.cli.app", "ledger.cli.options", "ledger.cli.records"},
    "ledger.cli.listing": {
        *PUBLIC,
        "ledger.cli.app",
        "ledger.cli.categories",
        "ledger.cli.options",
        "ledger.cli.records",
    },
    "ledger.cli.changes": {
        *PUBLIC,
        "ledger.cli.app",
        "ledger.cli.categories",
        "ledger.cli.options",
        "ledger.cli.records",
    },
    "ledger.cli.packages": {*PUBLIC, "ledger.cli.app", "ledger.cli.options"},
    "ledger.cli.report": {*PUBLIC, "ledger.cli.app", "ledger.cli.options"},
    "ledger.cli.admin": {*PUBLIC, "ledger.cli.app", "ledger.cli.options"},
    "ledger.cli.proofs": {*PUBLIC, "ledger.cli.app"},
}


@functools.cache
def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path) -> list[tuple[int, str]]:
    """Every module `name` imports, with its line: `from ledger import queries` is `ledger.queries`,
    `from ledger.queries import rows` is `ledger.queries`, a relative import is made absolute."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            modules = _modules()
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.append((node.lineno, submodule if submodule in modules else base))
    return found


def _command_line(name: str) -> bool:
    return name == COMMAND_LINE or name.startswith(COMMAND_LINE + ".")


def _ledger(imported: str) -> bool:
    return imported == "ledger" or imported.startswith("ledger.")


def test_every_module_is_in_the_table() -> None:
    missing = sorted(set(_modules()) - set(ALLOWED))
    assert not missing, f"add these modules to ALLOWED in tests/test_imports.py, with what they may import: {missing}"


def test_each_module_imports_only_what_the_table_allows() -> None:
    forbidden = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name} imports {imported}, which ALLOWED does not let it"
        for name, path in _modules().items()
        for line, imported in _imports(name, path)
        if _ledger(imported) and imported != name and imported not in ALLOWED.get(name, set())
    ]
    assert not forbidden, "forbidden imports:\n" + "\n".join(forbidden)


def test_nothing_imports_the_command_line() -> None:
    forbidden = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name} imports {imported}"
        for name, path in _modules().items()
        if name not in ENTRY and not _command_line(name)
        for line, imported in _imports(name, path)
        if _command_line(imported)
    ]
    assert not forbidden, "only the entry point may import the command line:\n" + "\n".join(forbidden)


def test_only_the_reports_import_pandas() -> None:
    forbidden = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name} imports {imported}"
        for name, path in _modules().items()
        if not (name == "ledger.reports" or name.startswith("ledger.reports."))
        for line, imported in _imports(name, path)
        if imported.split(".")[0] == "pandas"
    ]
    assert not forbidden, "pandas is for ledger/reports alone:\n" + "\n".join(forbidden)


def test_the_core_never_imports_click() -> None:
    forbidden = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name} imports {imported}"
        for name, path in _modules().items()
        if not _command_line(name)
        for line, imported in _imports(name, path)
        if imported.split(".")[0] == "click"
    ]
    assert not forbidden, "click is for the command line alone:\n" + "\n".join(forbidden)


def test_no_module_is_over_the_limit() -> None:
    longer = {
        str(path.relative_to(PACKAGE.parent)): lines
        for path in _modules().values()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not longer, f"modules over {MAX_LINES} lines (split them by job): {longer}"


# What the command line may import besides the ledger's public API: click and the standard library.
CLI_THIRD_PARTY = {"click"}


def test_the_command_line_imports_nothing_but_click_the_standard_library_and_the_public_api() -> None:
    forbidden = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name} imports {imported}"
        for name, path in _modules().items()
        if _command_line(name)
        for line, imported in _imports(name, path)
        if not _ledger(imported)
        and imported.split(".")[0] not in CLI_THIRD_PARTY | sys.stdlib_module_names | {"__future__"}
    ]
    assert not forbidden, "the command line goes through the public API:\n" + "\n".join(forbidden)


@pytest.mark.parametrize("entity", list(ENTITIES))
def test_each_entity_of_the_registry_is_bound_to_its_behaviour(entity: str) -> None:
    """The registry names each behaviour as `module:name` (the import table cannot see those
    edges): every name resolves, to a function of the module the registry's docstring says."""
    described = ENTITIES[entity]
    for role, module in (("reader", "ledger.readers"), ("check", "ledger.rules"), ("store", "ledger.storage")):
        bound = getattr(described, role)
        assert callable(bound) and bound is getattr(importlib.import_module(module), bound.__name__), role
    assert described.model.__tablename__ == entity and described.model.__module__ == "ledger.models"
    assert isinstance(described.key_attribute.property.columns[0].name, str)
