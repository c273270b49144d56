#!/usr/bin/env python3
"""Times process spawn to exit of the startup binaries, interleaved, under both backends.

Criterion's `startup` group runs each binary in its own block of seconds, so a burst of load from
other jobs lands on one row and not the next. This runs every binary in turn, `RUNS` rounds, and
prints the median wall time of each (and the difference 10k - empty per backend). Usage, from the
repository root:

    for backend in inventory linkme; do
        features=$([ $backend = linkme ] && echo --features hooks-core/linkme)
        cargo build --profile bench -p hooks-benches --bins $features
        mkdir -p target/startup/$backend && cp target/release/startup_* target/startup/$backend/
    done
    python3 benches/startup.py [RUNS]
"""

import statistics
import subprocess
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 300
CASES = [
    (backend, binary, argument)
    for backend in ("inventory", "linkme")
    for binary in ("startup_empty", "startup_10k")
    for argument in ((), ("registry",))
]


def main() -> None:
    times = {case: [] for case in CASES}
    for _ in range(RUNS):
        for case in CASES:
            backend, binary, argument = case
            start = time.perf_counter()
            subprocess.run([f"target/startup/{backend}/{binary}", *argument], check=True)
            times[case].append(time.perf_counter() - start)
    print(f"| backend | binary | argument | median of {RUNS} |")
    print("|---|---|---|---:|")
    medians = {case: statistics.median(values) * 1e3 for case, values in times.items()}
    for (backend, binary, argument), ms in medians.items():
        print(f"| {backend} | {binary} | {' '.join(argument) or '-'} | {ms:.3f} ms |")
    for backend in ("inventory", "linkme"):
        for argument in ((), ("registry",)):
            cost = medians[(backend, "startup_10k", argument)] - medians[(backend, "startup_empty", argument)]
            print(f"{backend} {' '.join(argument) or 'exit at once'}: 10k - empty = {cost:.3f} ms")


if __name__ == "__main__":
    main()
