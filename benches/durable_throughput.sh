#!/bin/sh
# Completed jobs per second on PostgreSQL for the configurations of BENCHMARKS.md ("Durable
# hooks"): hooks-durable's `throughput` example, one process and one fresh database per line.
# Usage, from the repository root, with a PostgreSQL server:
#
#     HOOKS_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test sh benches/durable_throughput.sh
#
# The job counts are chosen so that each run lasts from a few to about 30 seconds.
set -eu
cargo build --release -p hooks-durable --example throughput
run() {
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    target/release/examples/throughput "$@"
}
# The engine's default poll interval (1 s), so River's default fetch cooldown (100 ms).
run --jobs 300 --workers 1
run --jobs 450 --workers 2
run --jobs 3000 --workers 20
run --jobs 10000 --workers 100
run --jobs 600 --workers 1 --engines 2
run --jobs 900 --workers 2 --engines 2
# poll_interval 10 ms, so a 10 ms fetch cooldown.
run --jobs 2000 --workers 1 --poll-ms 10
run --jobs 2000 --workers 2 --poll-ms 10
run --jobs 10000 --workers 20 --poll-ms 10
run --jobs 10000 --workers 100 --poll-ms 10
# poll_interval 1 ms, so a 1 ms fetch cooldown.
run --jobs 10000 --workers 1 --poll-ms 1
run --jobs 10000 --workers 2 --poll-ms 1
run --jobs 10000 --workers 4 --poll-ms 1
run --jobs 10000 --workers 20 --poll-ms 1
run --jobs 10000 --workers 1 --engines 2 --poll-ms 1
run --jobs 10000 --workers 2 --engines 2 --poll-ms 1
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
