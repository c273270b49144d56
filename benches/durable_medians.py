#!/usr/bin/env python3
"""Prints the medians of hooks-durable's `enqueue` bench as a Markdown table.

Reads criterion's `target/criterion/enqueue_{sqlite,postgres}/<bench>/<baseline>/estimates.json`
(the median point estimate, in ns) of the last run (`new`, or the baseline given) and prints, per
database, the transaction without and with the trigger and their ratio. Usage, from the repository
root, after `cargo bench -p hooks-durable --bench enqueue`:

    python3 benches/durable_medians.py [baseline] [target/criterion]
"""

import json
import sys
from pathlib import Path

BASELINE = sys.argv[1] if len(sys.argv) > 1 else "new"
ROOT = Path(sys.argv[2] if len(sys.argv) > 2 else "target/criterion")


def median(group: str, bench: str) -> float | None:
    path = ROOT / group / bench / BASELINE / "estimates.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"]


def fmt(ns: float) -> str:
    if ns >= 1e6:
        return f"{ns / 1e6:.3g} ms"
    return f"{ns / 1e3:.3g} µs"


def main() -> None:
    print("| database | insert + commit | insert + trigger (1 durable callback) + commit | difference | with / without |")
    print("|---|---:|---:|---:|---:|")
    for database in ("sqlite", "postgres"):
        group = f"enqueue_{database}"
        without, with_trigger = median(group, "insert_commit"), median(group, "insert_trigger_commit")
        if without is None or with_trigger is None:
            print(f"| {database} | not run | | | |")
            continue
        print(
            f"| {database} | {fmt(without)} | {fmt(with_trigger)} | {fmt(with_trigger - without)} "
            f"| {with_trigger / without:.2f}x |"
        )


if __name__ == "__main__":
    main()
