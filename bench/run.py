"""The benchmark: each ledger operation against a raw baseline on the same data, in the same run.

    python bench/run.py            # 10k, 100k and 1M transfers (make bench)
    python bench/run.py --scale 0.1  # 1k, 10k and 100k (make bench-quick)

Every figure is the median of --runs runs (default 5), with min and max, and the ratio of our
median to the baseline's, because these machines are shared and noisy. Peak memory is the child
process's maximum resident set. The table is printed and written to bench/results.md with the
machine and versions.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
LEDGER = [PYTHON, "-m", "ledger"]

# What each target allows: ours ÷ baseline, median.
TARGETS = {
    "ledger --help": 1.5,
    "transfer add": 1.5,
    "load (SQLite)": 5.0,
    "load (SQLite) vs pandas": 1.2,
    "load (PostgreSQL)": 8.0,
    "verify": 1.0,
    "check": 0.5,
    "report fulfilment": 2.0,
    "report register": 2.0,
    "report workbook": 1.3,
    "dump": 2.0,
}


@dataclass
class Timing:
    seconds: list[float]
    peak_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run(
    command: list[str],
    *,
    prepare: Callable[[], None] | None = None,
    runs: int,
    cwd: Path | None = None,
    exit_codes: tuple[int, ...] = (0,),
) -> Timing:
    """Time a command `runs` times (after `prepare`, untimed), with its peak memory; it must end
    with one of `exit_codes` (`ledger check` ends with 1 when an assertion does not hold)."""
    seconds, peak = [], 0.0
    for _ in range(runs):
        if prepare:
            prepare()
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) not in exit_codes:
            raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode() if process.stderr else ''}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return Timing(seconds, peak)


BASELINE_LOAD = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE transfer (key TEXT PRIMARY KEY, date TEXT, deliverer TEXT, receiver TEXT, category TEXT,"
           " count TEXT, terms TEXT, exchange TEXT, intermediaries TEXT, sources TEXT, notes TEXT)")
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    rows = csv.reader(handle)
    next(rows)
    with db:
        db.executemany("INSERT INTO transfer VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
"""
BASELINE_PANDAS = """
import sqlite3, sys, pandas
db = sqlite3.connect(sys.argv[2])
pandas.read_csv(sys.argv[1]).to_sql("transfer", db, index=False)
db.close()
"""
GROUP_BY = "sqlite3 GROUP BY read with pandas.read_sql"
SELECT_CSV = "sqlite3 SELECT written with the csv module"
BASELINE_GROUP = """
import sqlite3, sys, pandas
db = sqlite3.connect(sys.argv[1])
pandas.read_sql("SELECT deliverer_id, receiver_id, category, SUM(count) AS n FROM transfer"
                " GROUP BY deliverer_id, receiver_id, category", db).to_csv(sys.stdout)
"""
BASELINE_SELECT = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
writer = csv.writer(sys.stdout)
writer.writerows(db.execute("SELECT * FROM transfer ORDER BY date, key"))
"""
BASELINE_XLSX = """
import sqlite3, sys, xlsxwriter
db = sqlite3.connect(sys.argv[1])
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
sheet = book.add_worksheet("Register")
for r, row in enumerate(db.execute("SELECT * FROM transfer ORDER BY date, key")):
    for c, value in enumerate(row):
        sheet.write(r, c, value)
book.close()
"""


def bench(sizes: list[int], runs: int, work: Path, postgres: str | None) -> list[dict]:
    from generate import generate

    results = []

    def record(what: str, n: int | None, ours: Timing, base: Timing, baseline: str) -> None:
        ratio = ours.median / base.median
        results.append({
            "what": what, "n": n, "ours": ours, "base": base, "ratio": ratio, "baseline": baseline,
            "target": TARGETS[what], "holds": ratio <= TARGETS[what],
        })  # fmt: skip
        print(f"{what:<24} {n or '':>9} {ours.median:8.2f}s {base.median:8.2f}s  ×{ratio:6.2f} "
              f"(target ≤{TARGETS[what]})  peak {ours.peak_mb:.0f} MB", flush=True)  # fmt: skip

    record("ledger --help", None, run([*LEDGER, "--help"], runs=runs),
           run([PYTHON, "-c", "import click"], runs=runs), 'python -c "import click"')  # fmt: skip
    for n in sizes:
        package = work / f"package-{n}"
        if not package.exists():
            generate(n, package)
        transfers = package / "transfers.csv"
        empty, loaded = work / "empty.db", work / f"loaded-{n}.db"
        subprocess.run([*LEDGER, "--db", str(empty), "init"], check=True, stdout=subprocess.DEVNULL)
        target = work / "target.db"

        def fresh(target: Path = target, empty: Path = empty) -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copy(empty, target)

        def fresh_raw(target: Path = target) -> None:
            Path(f"{target}.raw").unlink(missing_ok=True)

        load = run([*LEDGER, "--db", str(target), "load", str(package)], prepare=fresh, runs=runs)
        record("load (SQLite)", n, load,
               run([PYTHON, "-c", BASELINE_LOAD, str(transfers), f"{target}.raw"], prepare=fresh_raw, runs=runs),
               "csv module → sqlite3 executemany, one transaction")  # fmt: skip
        record("load (SQLite) vs pandas", n, load,
               run([PYTHON, "-c", BASELINE_PANDAS, str(transfers), f"{target}.raw"], prepare=fresh_raw, runs=runs),
               "pandas.read_csv + DataFrame.to_sql into a new SQLite file (no validation, no journal)")  # fmt: skip
        # The last timed load is the loaded ledger the other commands read (not loaded again).
        for suffix in ("", "-wal", "-shm"):
            Path(f"{loaded}{suffix}").unlink(missing_ok=True)
            if Path(f"{target}{suffix}").exists():
                os.replace(f"{target}{suffix}", f"{loaded}{suffix}")
        copy = work / "copy.db"
        counter = iter(range(10**6))

        def fresh_copy(loaded: Path = loaded, copy: Path = copy) -> None:
            shutil.copy(loaded, copy)
            # On disk before the timing starts: else the add's first checkpoint, which syncs the
            # file, would write out the whole copy (hundreds of MB at a million transfers).
            os.sync()

        def add(copy: Path = copy, counter=counter) -> list[str]:
            return [*LEDGER, "--db", str(copy), "transfer", "add", f"bench-{next(counter)}", "--date", "2099-01-01",
                    "--from", "RUS", "--to", "UKR", "--category", "pow", "--count", "7"]  # fmt: skip

        timings, peak = [], 0.0
        for _ in range(runs):  # each add on a fresh copy of the loaded ledger
            fresh_copy()
            one = run(add(), runs=1)
            timings += one.seconds
            peak = max(peak, one.peak_mb)
        record("transfer add", n, Timing(timings, peak), run([PYTHON, "-c", "import sqlalchemy.orm, click"], runs=runs),
               'python -c "import sqlalchemy.orm, click"')  # fmt: skip
        record("report fulfilment", n,
               run([*LEDGER, "--db", str(loaded), "report", "fulfilment", "--format", "csv"], runs=runs),
               run([PYTHON, "-c", BASELINE_GROUP, str(loaded)], runs=runs), GROUP_BY)  # fmt: skip
        record("report register", n,
               run([*LEDGER, "--db", str(loaded), "report", "register", "--format", "csv"], runs=runs),
               run([PYTHON, "-c", BASELINE_SELECT, str(loaded)], runs=runs), SELECT_CSV)  # fmt: skip
        # The whole-ledger reads, against the load of the same ledger timed above.
        record("verify", n, run([*LEDGER, "--db", str(loaded), "verify"], runs=runs), load,
               "our own SQLite load of the same ledger (above)")  # fmt: skip
        record("check", n, run([*LEDGER, "--db", str(loaded), "check"], runs=runs, exit_codes=(0, 1)), load,
               "our own SQLite load of the same ledger (above)")  # fmt: skip
        out = work / "dump"
        record("dump", n, run([*LEDGER, "--db", str(loaded), "dump", str(out)], runs=runs),
               run([PYTHON, "-c", BASELINE_SELECT, str(loaded)], runs=runs), SELECT_CSV)  # fmt: skip
        if n <= 100_000:
            record("report workbook", n,
                   run([*LEDGER, "--db", str(loaded), "report", "workbook", "-o", str(work / "w.xlsx")], runs=runs),
                   run([PYTHON, "-c", BASELINE_XLSX, str(loaded), str(work / "raw.xlsx")], runs=runs),
                   "xlsxwriter constant_memory writing the same rows")  # fmt: skip
        if postgres:
            record("load (PostgreSQL)", n, *_postgres(postgres, package, runs))
    return results


RAW_TABLE = (
    "CREATE TABLE raw (key text, date text, deliverer text, receiver text, category text, count text, terms text,"
    " exchange text, intermediaries text, sources text, notes text)"
)


def _postgres(url: str, package: Path, runs: int) -> tuple[Timing, Timing, str]:
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    database = f"ledger_bench_{os.getpid()}"
    target = make_url(url).set(database=database).render_as_string(hide_password=False)
    plain = make_url(target).set(drivername="postgresql").render_as_string(hide_password=False)

    def fresh() -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {database}")
        subprocess.run([*LEDGER, "--db", target, "init"], check=True, stdout=subprocess.DEVNULL)

    def fresh_raw() -> None:
        fresh()
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(RAW_TABLE)

    ours = run([*LEDGER, "--db", target, "load", str(package)], prepare=fresh, runs=runs)
    copy = f"\\copy raw FROM '{package / 'transfers.csv'}' WITH (FORMAT csv, HEADER true)"
    base = run(["psql", plain, "-q", "-c", copy], prepare=fresh_raw, runs=runs)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    return ours, base, 'psql -c "\\copy" into a bare table'


def write_results(results: list[dict], runs: int, path: Path) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `python bench/run.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: median of "
        f"{runs} runs (min–max), ratio = our median ÷ the baseline's median in the same run.",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, SQLAlchemy {version('SQLAlchemy')}, pandas {version('pandas')}, "
        f"xlsxwriter {version('xlsxwriter')}.",
        "",
        "| what | transfers | ours (s) | baseline (s) | ratio | target | holds | peak MB | baseline |",
        "|---|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for r in results:
        ours, base = r["ours"], r["base"]
        lines.append(
            f"| {r['what']} | {r['n'] or ''} | {ours.median:.2f} ({min(ours.seconds):.2f}–{max(ours.seconds):.2f}) | "
            f"{base.median:.2f} ({min(base.seconds):.2f}–{max(base.seconds):.2f}) | {r['ratio']:.2f} | "
            f"≤{r['target']} | {'yes' if r['holds'] else '**no**'} | {ours.peak_mb:.0f} | {r['baseline']} |"
        )
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: 10k, 100k, 1M transfers; 0.1: a tenth")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", default=os.environ.get("LEDGER_TEST_POSTGRES_URL"))
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    sizes = [int(n * args.scale) for n in (10_000, 100_000, 1_000_000)]
    sys.path.insert(0, str(HERE))
    work = Path(os.environ.get("LEDGER_BENCH_DIR") or tempfile.mkdtemp(prefix="ledger-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    # Byte-compile the ledger as an installation does: with PYTHONDONTWRITEBYTECODE set (as on
    # these machines) an editable install would otherwise compile every module at every start.
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "ledger")], check=True)
    results = bench(sizes, args.runs, work, args.postgres)
    print(write_results(results, args.runs, args.out))
    if not all(r["holds"] for r in results):
        print("Some targets do not hold (see the table).")


if __name__ == "__main__":
    main()
