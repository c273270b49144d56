#!/usr/bin/env python3
"""Prints the medians of the last `cargo bench -p hooks-benches --bench trigger` run as Markdown.

Reads criterion's `target/criterion/<group>/<bench>/new/estimates.json` (the median point
estimate, in ns) and prints one table row per `callbacks_N` group with the ratios
trigger!/direct, trigger!/direct_no_inline and
baseline/trigger!, then the other groups. Usage, from the repository root:

    python3 benches/medians.py [target/criterion]
"""

import json
import sys
from pathlib import Path


def median(root: Path, group: str, bench: str) -> float:
    """The median estimate of one benchmark, in nanoseconds."""
    estimates = json.loads((root / group / bench / "new" / "estimates.json").read_text())
    return estimates["median"]["point_estimate"]


def fmt(ns: float) -> str:
    """A duration in ns, µs or ms with three significant digits."""
    if ns >= 1e6:
        return f"{ns / 1e6:.3g} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.3g} µs"
    return f"{ns:.3g} ns"


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
    print(
        "| callbacks | direct | direct, no inlining | `trigger!` | baseline registry "
        "| trigger!/direct | trigger!/direct no inlining | baseline/trigger! |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count in (1, 3, 10, 100):
        group = f"callbacks_{count}"
        direct = median(root, group, "direct")
        no_inline = median(root, group, "direct_no_inline")
        trigger = median(root, group, "trigger_macro")
        baseline = median(root, group, "baseline_registry")
        print(
            f"| {count} | {fmt(direct)} | {fmt(no_inline)} | {fmt(trigger)} | {fmt(baseline)} "
            f"| {trigger / direct:.2f}x | {trigger / no_inline:.2f}x | {baseline / trigger:.2f}x |"
        )
    print()
    print("| `with_10k_others` (hook `bench_3`) | median | vs `trigger!` |")
    print("|---|---:|---:|")
    trigger = median(root, "with_10k_others", "trigger_macro")
    for bench in ("direct", "direct_no_inline", "trigger_macro", "registry_trigger_runtime_name", "baseline_registry_10k"):
        ns = median(root, "with_10k_others", bench)
        print(f"| {bench} | {fmt(ns)} | {ns / trigger:.2f}x |")
    print()
    print("| `registry_build` | median |")
    print("|---|---:|")
    for bench in ("build_10114_callbacks", "validate_10114_callbacks"):
        print(f"| {bench} | {fmt(median(root, 'registry_build', bench))} |")


if __name__ == "__main__":
    main()
