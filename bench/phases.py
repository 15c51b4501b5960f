"""Where a load's time goes: `python bench/phases.py --db URL load PACKAGE` runs the ledger's
`load` with a wall-clock timer around each phase, and prints the seconds of each on standard
error, slowest first, with the process's peak memory.

Each timer counts its own time only: a timed call made inside another (the journal's flush
inside a batch of transfers) is taken off the outer one's, so the phases add up to the load.
A phase whose function the ledger no longer has is left out. The timers cost about a
microsecond per call, so the phases of a million-row load add a second or two between them;
compare runs of the same code back to back, as in `bench/run.py`.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

SPENT: Counter[str] = Counter()
_INSIDE: list[float] = []  # for each timed call under way, the time its timed calls took


def _charge(name: str, seconds: float) -> None:
    SPENT[name] += seconds
    if _INSIDE:
        _INSIDE[-1] += seconds


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        _INSIDE.append(0.0)
        try:
            return function(*args, **kwargs)
        finally:
            inner = _INSIDE.pop()
            seconds = time.perf_counter() - start
            SPENT[name] += seconds - inner
            if _INSIDE:
                _INSIDE[-1] += seconds

    return wrapper


def timed_rows(name: str, function: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """A generator's time, each step's alone (not its consumer's)."""

    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        rows = function(*args, **kwargs)
        while True:
            start = time.perf_counter()
            row = next(rows, StopIteration)
            _charge(name, time.perf_counter() - start)
            if row is StopIteration:
                return
            yield row

    return wrapper


def instrument() -> None:
    import sqlalchemy.engine.base

    from ledger import bulk, journal, loading, package, shares

    def wrap(owner: Any, attribute: str, name: str, how: Callable[..., Any] = timed) -> None:
        if hasattr(owner, attribute):
            setattr(owner, attribute, how(name, getattr(owner, attribute)))

    wrap(package, "_csv_rows", "CSV reading", timed_rows)
    wrap(loading.TransferChecker, "__call__", "validation (TransferChecker)")
    wrap(loading, "link_texts", "link texts")
    wrap(loading, "store_transfers", "storing transfers and links")
    wrap(loading, "transfer_state", "journal: state texts")
    for method in ("append_encoded", "append", "record", "flush"):
        wrap(journal.Journal, method, f"journal: {method}")
    wrap(loading, "reallocate", "allocation walk (reallocate)")
    wrap(shares, "write_shares", "allocation shares written")
    wrap(bulk.Held, "hold", "keys and indexes dropped")
    wrap(bulk.Held, "restore", "indexes built, keys added back")
    wrap(loading, "_load_record", "other records (one by one)")
    wrap(sqlalchemy.engine.base.Connection, "_commit_impl", "commit")
    wrap(loading, "load", "the rest of the load")


def main() -> None:
    instrument()
    from ledger.cli.app import cli

    start = time.perf_counter()
    try:
        cli(sys.argv[1:], standalone_mode=False, prog_name="ledger")
    finally:
        total = time.perf_counter() - start
        for name, seconds in SPENT.most_common():
            print(f"{name:<36} {seconds:8.2f} s", file=sys.stderr)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{'the command, imports aside':<36} {total:8.2f} s, peak {peak:.0f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
