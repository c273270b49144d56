#!/usr/bin/env python3
"""Prints the medians of the `trigger` benchmark as Markdown tables.

Reads criterion's `target/criterion/<group>/<bench>/<baseline>/estimates.json` (the median point
estimate, in ns). The bench is run once per backend with `--save-baseline inventory` and
`--save-baseline linkme` (see BENCHMARKS.md); this prints every group of the inventory run, then
the linkme run's `registry_build`, `startup` and `callbacks_3` next to the inventory ones. Usage,
from the repository root:

    python3 benches/medians.py [target/criterion]

With `--real DIR...` it prints instead, for each directory in which a bench binary ran
`--bench '^real_3/'` (criterion writes `DIR/target/criterion/real_3/<bench>/new/estimates.json`),
the `real_3` medians, their ratios to `direct`, and the name-keyed registry's ratio to `trigger!`:
one line per directory, so that interleaved runs of two binaries can be compared.
"""

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "--real" else "target/criterion")
REAL = ("direct", "trigger_macro", "trigger_typed", "name_keyed_registry")


def median(group: str, bench: str, baseline: str = "inventory") -> float:
    """The median estimate of one benchmark, in nanoseconds."""
    path = ROOT / group / bench / baseline / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"]


def fmt(ns: float) -> str:
    """A duration in ns, µs or ms with three significant digits."""
    if ns >= 1e6:
        return f"{ns / 1e6:.3g} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.3g} µs"
    return f"{ns:.3g} ns"


def relative(group: str, benches: tuple, reference: str, title: str) -> None:
    """One table: each bench's median and its ratio to `reference`."""
    print(f"| `{group}` {title} | median | vs `{reference}` |")
    print("|---|---:|---:|")
    ref = median(group, reference)
    for bench in benches:
        ns = median(group, bench)
        print(f"| {bench} | {fmt(ns)} | {ns / ref:.2f}x |")
    print()


def real(directories: list) -> None:
    """The `real_3` group of each run directory, and the median over the directories."""
    print("| run | direct | trigger_macro | trigger_typed | name_keyed_registry "
          "| macro/direct | typed/direct | registry/macro | registry/typed |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    ratios = []
    for directory in directories:
        root = Path(directory) / "target" / "criterion" / "real_3"
        ns = {bench: json.loads((root / bench / "new" / "estimates.json").read_text())["median"]["point_estimate"]
              for bench in REAL}
        row = (ns["trigger_macro"] / ns["direct"], ns["trigger_typed"] / ns["direct"],
               ns["name_keyed_registry"] / ns["trigger_macro"], ns["name_keyed_registry"] / ns["trigger_typed"])
        ratios.append(row)
        times = " | ".join(fmt(ns[bench]) for bench in REAL)
        print(f"| {directory} | {times} | " + " | ".join(f"{r:.2f}x" for r in row) + " |")
    medians = [statistics.median(column) for column in zip(*ratios)]
    print("| median of the runs | | | | | " + " | ".join(f"{r:.2f}x" for r in medians) + " |")


def main() -> None:
    if "--real" in sys.argv:
        real(sys.argv[sys.argv.index("--real") + 1:])
        return
    print(
        "| callbacks | direct | direct, no inlining | `trigger!` | baseline registry "
        "| trigger!/direct | trigger!/direct no inlining | baseline/trigger! |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count in (1, 3, 10, 100):
        group = f"callbacks_{count}"
        direct = median(group, "direct")
        no_inline = median(group, "direct_no_inline")
        trigger = median(group, "trigger_macro")
        baseline = median(group, "baseline_registry")
        print(
            f"| {count} | {fmt(direct)} | {fmt(no_inline)} | {fmt(trigger)} | {fmt(baseline)} "
            f"| {trigger / direct:.2f}x | {trigger / no_inline:.2f}x | {baseline / trigger:.2f}x |"
        )
    print()
    relative(
        "with_10k_others",
        ("direct", "direct_no_inline", "trigger_macro", "registry_trigger_runtime_name", "baseline_registry_10k"),
        "trigger_macro",
        "(hook `bench_3`)",
    )
    relative("typed_3", ("direct", "direct_no_inline", "trigger_typed", "trigger_string"), "trigger_typed", "")
    relative(
        "async_3",
        (
            "block_on_empty",
            "direct_await",
            "trigger_async",
            "trigger_async_concurrent",
            "jaeb_async_handlers",
            "jaeb_sync_handlers_priority",
        ),
        "trigger_async",
        "(each in `runtime.block_on`)",
    )
    empty = median("async_3", "block_on_empty")
    print("| `async_3`, `block_on_empty` subtracted | median - empty | vs `trigger_async` |")
    print("|---|---:|---:|")
    trigger = median("async_3", "trigger_async") - empty
    for bench in ("direct_await", "trigger_async", "trigger_async_concurrent", "jaeb_async_handlers"):
        ns = median("async_3", bench) - empty
        print(f"| {bench} | {fmt(ns)} | {ns / trigger:.2f}x |")
    print()
    print("| benchmark | inventory | linkme | linkme/inventory |")
    print("|---|---:|---:|---:|")
    for group, bench in [("registry_build", "build"), ("registry_build", "validate")] + [
        ("startup", b) for b in ("empty", "10k", "empty_then_registry", "10k_then_registry")
    ] + [("callbacks_3", "trigger_macro"), ("typed_3", "trigger_typed"), ("async_3", "trigger_async")]:
        inventory = median(group, bench, "inventory")
        linkme = median(group, bench, "linkme")
        print(f"| {group}/{bench} | {fmt(inventory)} | {fmt(linkme)} | {linkme / inventory:.2f}x |")
    for backend in ("inventory", "linkme"):
        cost = median("startup", "10k", backend) - median("startup", "empty", backend)
        print(f"\nstartup cost of the 10,000 registrations ({backend}): {fmt(cost)}", end="")
    print()


if __name__ == "__main__":
    main()
