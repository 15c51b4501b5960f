"""Write a valid data package with N transfers, for benchmarks: `python bench/generate.py N OUT_DIR`.

About N/1,000 rounds of talks between two parties, seven terms each (an exact exchange with a
deadline, an at-least floor, a ratio of so many per person the other side delivered under it, an
`all` term, an `all` term of a category the package adds in categories.csv, bodies one way),
transfers in date order with explicit and
automatic allocations, undisclosed counts and month-precision dates. The same N and seed give
the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

PARTIES = [("UKR", "Ukraine"), ("RUS", "Russia"), ("TUR", "Türkiye"), ("UAE", "United Arab Emirates"),
           ("ICRC", "International Committee of the Red Cross")]  # fmt: skip
START = dt.date(2000, 1, 1)


def _writer(folder: Path, name: str, header: list[str]):
    handle = (folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(header)
    return handle, writer


def generate(transfers: int, folder: Path, seed: int = 2025) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rounds = max(3, transfers // 1000)
    span = max(rounds * 20, 365)  # days the whole series covers
    sources = [f"s{i:05}" for i in range(max(5, transfers // 20_000))]

    handle, w = _writer(folder, "parties", ["code", "name", "kind", "aliases"])
    for code, name in PARTIES:
        w.writerow([code, name, "organisation" if code == "ICRC" else "state", ""])
    handle.close()

    handle, w = _writer(folder, "sources", ["key", "publisher", "title", "url", "published", "language", "kind"])
    for i, key in enumerate(sources):
        w.writerow([key, f"Publisher {i % 40}", f"Report {i}", f"https://example.org/{key}", "", "en", "media"])
    handle.close()

    handle, w = _writer(folder, "categories", ["code", "name", "kind"])  # one of the package's own
    w.writerow(["missing", "Missing persons found alive", "living"])
    handle.close()

    handle, w = _writer(folder, "processes", ["key", "name", "description"])
    processes = max(1, rounds // 100)
    for p in range(processes):
        w.writerow([f"p{p:03}", f"Talks series {p}", ""])
    handle.close()

    starts = sorted(START + dt.timedelta(days=rng.randrange(span)) for _ in range(rounds))
    handle, w = _writer(folder, "rounds", ["key", "process", "number", "start_date", "parties", "mediators", "sources"])
    numbers = [0] * processes
    round_rows = []
    for r, start in enumerate(starts):
        process = r % processes
        numbers[process] += 1
        key = f"r{r:05}"
        round_rows.append((key, start))
        w.writerow([key, f"p{process:03}", numbers[process], start.isoformat(), "UKR;RUS", "TUR", rng.choice(sources)])
    handle.close()

    handle, w = _writer(folder, "terms", ["term", "round", "category", "deliverer", "receiver", "quantity", "basis",
                                          "per", "min_age", "max_age", "condition", "status", "deadline",
                                          "sources"])  # fmt: skip
    for key, start in round_rows:
        source = rng.choice(sources)
        # A term's deadline: a date, or a duration from the round's start.
        deadline = (start + dt.timedelta(days=rng.randrange(7, 90))).isoformat() if rng.random() < 0.5 else "P42D"
        for a, b in (("UKR", "RUS"), ("RUS", "UKR")):
            w.writerow([f"{key}-pow", key, "pow", a, b, rng.randrange(200, 2000), "exact", "", "", "", "", "agreed",
                        deadline, source])  # fmt: skip
        for a, b in (("UKR", "RUS"), ("RUS", "UKR")):
            w.writerow([f"{key}-civ", key, "civilian", a, b, rng.randrange(10, 300), "at-least", "", "", "", "",
                        "agreed", "", source])  # fmt: skip
        # So many per person the other side delivered under the civilian term (named before its base).
        w.writerow([f"{key}-civ-ratio", key, "civilian", "RUS", "UKR", rng.randrange(2, 6), "ratio", f"{key}-civ", "",
                    "", "", "agreed", "PT72H", source])  # fmt: skip
        for a, b in (("UKR", "RUS"), ("RUS", "UKR")):
            w.writerow([f"{key}-wounded", key, "pow", a, b, "", "all", "", "", "", "severely wounded", "agreed", "",
                        source])  # fmt: skip
        for a, b in (("UKR", "RUS"), ("RUS", "UKR")):
            w.writerow([f"{key}-missing", key, "missing", a, b, "", "all", "", "", "", "", "agreed", "", source])
        w.writerow([f"{key}-bodies", key, "bodies", "RUS", "UKR", rng.randrange(500, 6000), "exact", "", "", "", "",
                    "agreed", "", source])  # fmt: skip
    handle.close()

    handle, w = _writer(folder, "transfers", ["key", "date", "deliverer", "receiver", "category", "count", "terms",
                                              "exchange", "intermediaries", "sources", "notes"])  # fmt: skip
    first = starts[0]
    days = (starts[-1] - first).days + 60
    started = 0
    for i in range(transfers):
        date = first + dt.timedelta(days=days * i // transfers)
        while started + 1 < len(starts) and starts[started + 1] <= date:
            started += 1
        deliverer, receiver = rng.choice((("UKR", "RUS"), ("RUS", "UKR")))
        category = rng.choices(("pow", "civilian", "bodies", "missing"), (6, 2, 2, 1))[0]
        if category == "bodies":
            deliverer, receiver = "RUS", "UKR"
        count = "undisclosed" if rng.random() < 0.05 else str(rng.randrange(0, 400))
        terms = ""
        if rng.random() < 0.3:  # explicit: the latest started round's term in this direction
            round_key = round_rows[started][0]
            term = {"pow": "pow", "civilian": "civ", "bodies": "bodies", "missing": "missing"}[category]
            if category == "pow" and rng.random() < 0.3:
                term = "wounded"
            if category == "civilian" and deliverer == "RUS" and rng.random() < 0.5:
                term = "civ-ratio"  # a ratio takes only the transfers that name it
            terms = f"{round_key}-{term}"
            if count != "undisclosed" and rng.random() < 0.2:
                terms += f":{max(1, int(count) // 2)}" if int(count) > 1 else ""
        when = date.strftime("%Y-%m") if rng.random() < 0.05 else date.isoformat()
        via = "ICRC" if rng.random() < 0.2 else ""
        w.writerow([f"t{i:07}", when, deliverer, receiver, category, count, terms, f"x{i // 2:07}", via,
                    rng.choice(sources), "" if rng.random() < 0.9 else f"note {i}"])  # fmt: skip
    handle.close()

    handle, w = _writer(folder, "assertions", ["key", "as_of", "deliverer", "receiver", "category", "scope",
                                               "expected", "source"])  # fmt: skip
    for k in range(min(20, rounds)):
        w.writerow([f"a{k:03}", (first + dt.timedelta(days=days)).isoformat(), "RUS", "UKR", "pow", "", k, sources[0]])
    handle.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("transfers", type=int, nargs="?", default=1_000_000)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    generate(args.transfers, args.out_dir, args.seed)


if __name__ == "__main__":
    main()
