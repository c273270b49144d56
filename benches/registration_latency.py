#!/usr/bin/env python3
"""Latency of POST /public/register on `example-app serve`, several builds side by side.

Starts one server per binary (each on a fresh SQLite database in a temporary directory, on its
own port, with the serve options given), waits until each answers GET /modules/status, then
registers users sequentially, interleaved: in each round, every server gets `--block`
registrations before the next server's turn (the server order alternates between rounds). Each
registration is a new user with a unique username and email, timed from sending the request to
reading the whole 201 answer over a kept-alive HTTP/1.1 connection. `--pause` seconds of idle
time follow every request, so that one server's background work (durable jobs, argon2) has
finished before the next request, whichever server it goes to.

Prints, per server, the number of registrations, the median, p95, mean, min and max in ms, and
the ratio of each median and p95 to the first server's. Python 3.11 standard library only.

Usage, from the repository root:

    python3 benches/registration_latency.py [--count 200] [--block 10] [--pause 0.1] \
        [--serve-args '--workers 2'] NAME=PATH/TO/example-app [NAME=PATH ...]

`--serve-args` applies to every server; give `NAME=PATH::ARGS` to set one server's arguments
(for example `head-api-only=target/release/example-app::--no-workers`).
"""

import argparse
import http.client
import json
import os
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, name: str, binary: str, args: list[str], directory: Path):
        self.name = name
        self.port = free_port()
        self.database = directory / f"{name}.db"
        command = [binary, "serve", "--addr", f"127.0.0.1:{self.port}", "--database", f"sqlite:{self.database}"]
        self.command = command + args
        self.log = open(directory / f"{name}.log", "wb")
        env = dict(os.environ, RUST_LOG="warn")
        self.process = subprocess.Popen(self.command, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.connection = None
        self.latencies: list[float] = []

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name} exited with {self.process.returncode}; see {self.log.name}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/modules/status")
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    self.connection = connection
                    return
            except OSError:
                time.sleep(0.05)
        sys.exit(f"{self.name} did not answer within {timeout} s")

    def register(self, index: int) -> float:
        body = json.dumps(
            {
                "username": f"user{index}",
                "email": f"user{index}@example.com",
                "password": "correct-horse-battery",
                "first_name": "Bench",
            }
        )
        headers = {"content-type": "application/json"}
        start = time.perf_counter()
        self.connection.request("POST", "/public/register", body=body, headers=headers)
        response = self.connection.getresponse()
        answer = response.read()
        elapsed = time.perf_counter() - start
        if response.status != 201:
            sys.exit(f"{self.name}: registration {index} answered {response.status}: {answer[:200]!r}")
        self.latencies.append(elapsed * 1000.0)
        return elapsed

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200, help="registrations per server")
    parser.add_argument("--block", type=int, default=10, help="consecutive registrations per server and round")
    parser.add_argument("--pause", type=float, default=0.1, help="idle seconds after each request")
    parser.add_argument("--warmup", type=int, default=5, help="untimed registrations per server first")
    parser.add_argument("--serve-args", default="", help="arguments of every `serve`")
    parser.add_argument("servers", nargs="+", help="NAME=PATH or NAME=PATH::ARGS")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="registration-latency-") as directory:
        servers = []
        try:
            for spec in options.servers:
                name, _, rest = spec.partition("=")
                binary, _, args = rest.partition("::")
                args = shlex.split(args) if args else shlex.split(options.serve_args)
                servers.append(Server(name, binary, args, Path(directory)))
            for server in servers:
                server.wait_ready()
                print(f"{server.name}: {shlex.join(server.command[1:])}", file=sys.stderr)
            index = 0
            for server in servers:
                for _ in range(options.warmup):
                    index += 1
                    server.register(index)
                    time.sleep(options.pause)
                server.latencies.clear()
            round_number = 0
            while any(len(server.latencies) < options.count for server in servers):
                order = servers if round_number % 2 == 0 else list(reversed(servers))
                for server in order:
                    for _ in range(min(options.block, options.count - len(server.latencies))):
                        index += 1
                        server.register(index)
                        time.sleep(options.pause)
                round_number += 1
        finally:
            for server in servers:
                server.stop()

    print(f"load average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print("| server | n | median | p95 | mean | min | max | median ratio | p95 ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    first = servers[0].latencies
    first_median, first_p95 = statistics.median(first), percentile(first, 0.95)
    for server in servers:
        values = server.latencies
        median, p95 = statistics.median(values), percentile(values, 0.95)
        print(
            f"| {server.name} | {len(values)} | {median:.1f} ms | {p95:.1f} ms | {statistics.fmean(values):.1f} ms "
            f"| {min(values):.1f} ms | {max(values):.1f} ms | {median / first_median:.3f}x | {p95 / first_p95:.3f}x |"
        )


if __name__ == "__main__":
    main()
