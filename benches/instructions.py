#!/usr/bin/env python3
"""Counts instructions per iteration of the `trigger` benchmarks with callgrind (noise-free).

Wall-clock medians on a shared machine move by 10-30% from run to run; instruction counts do not.
For each benchmark this runs the bench binary under `valgrind --tool=callgrind` in criterion's
`--profile-time` mode, then divides the inclusive instruction count of criterion's timing loop
(`Bencher::iter`, warm-up included) by the number of loop iterations (the execution count of the
loop's most executed-once-per-iteration instruction). Instructions are not time: a call through
a pointer, a dependent load or a mispredicted branch costs more than a `mov`.

Usage, from the repository root, after `cargo bench -p hooks-benches --bench trigger --no-run`:

    python3 benches/instructions.py [BENCH_BINARY] [BENCHMARK_REGEX]
"""

import collections
import glob
import os
import re
import subprocess
import sys
import tempfile

BENCHES = [
    f"callbacks_{count}/{variant}"
    for count in (1, 3, 10, 100)
    for variant in ("direct", "direct_no_inline", "trigger_macro", "baseline_registry")
] + [
    f"with_10k_others/{variant}"
    for variant in ("trigger_macro", "registry_trigger_runtime_name", "baseline_registry_10k")
] + [
    f"typed_3/{variant}" for variant in ("direct", "direct_no_inline", "trigger_typed", "trigger_string")
] + [
    f"real_3/{variant}" for variant in ("direct", "trigger_macro", "trigger_typed", "name_keyed_registry")
] + [
    f"async_3/{variant}"
    for variant in (
        "block_on_empty", "direct_await", "trigger_async", "trigger_async_concurrent", "jaeb_async_handlers",
        "jaeb_sync_handlers_priority",
    )
]
LOOP = "criterion::bencher::Bencher<M>::iter"


def self_costs(path: str) -> collections.Counter:
    """Instructions executed per address inside the timing loop's function (callees excluded)."""
    costs: collections.Counter = collections.Counter()
    names: dict = {}
    current = None
    address = 0
    after_call = False
    with open(path) as out:
        for line in out:
            match = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?", line)
            if match:
                if match.group(3):
                    names[match.group(2)] = match.group(3).strip()
                if match.group(1) == "fn":
                    current = names.get(match.group(2))
                continue
            if line.startswith("calls="):
                after_call = True
                continue
            parts = line.split()
            if len(parts) != 3 or not re.match(r"^(0x[0-9a-f]+|[+-]\d+|\*)$", parts[0]):
                continue
            position = parts[0]
            if position.startswith("0x"):
                address = int(position, 16)
            elif position[0] in "+-":
                address += int(position)
            if after_call:  # the inclusive cost of a call, not an instruction of this function
                after_call = False
                continue
            if current and current.startswith(LOOP):
                costs[address] += int(parts[2])
    return costs


def inclusive(path: str) -> int:
    """The inclusive instruction count of the timing loop."""
    text = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", path], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"^\s*([\d,]+) \([^)]*\)\s+\?\?\?:" + re.escape(LOOP) + " ", text, re.M)
    return int(match.group(1).replace(",", ""))


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else max(
        (p for p in glob.glob("target/release/deps/trigger-*") if not p.endswith(".d")), key=os.path.getmtime
    )
    print(f"binary: {binary}")
    print("| benchmark | instructions per iteration |")
    print("|---|---:|")
    with tempfile.TemporaryDirectory() as directory:
        for bench in BENCHES:
            if len(sys.argv) > 2 and not re.search(sys.argv[2], bench):
                continue
            out = os.path.join(directory, bench.replace("/", "_") + ".out")
            subprocess.run(
                ["valgrind", "--tool=callgrind", "--dump-instr=yes", f"--callgrind-out-file={out}", binary,
                 "--bench", "--profile-time", "1", f"^{bench}$"],
                capture_output=True, check=True,
            )
            counts = collections.Counter(self_costs(out).values())
            iterations = max((c for c in counts if c > 1000), key=lambda c: (counts[c], -c))
            print(f"| {bench} | {inclusive(out) / iterations:.0f} |")


if __name__ == "__main__":
    main()
