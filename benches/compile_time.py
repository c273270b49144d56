#!/usr/bin/env python3
"""Compile time of 1,000 callbacks: plain functions, registered by hand with `inventory`, and
registered with `#[hook_callback]` (with 50 `trigger!` sites).

Generates three library crates in one scratch workspace (`target/compile-time/`, path dependency
on this repository's `hooks-core`, the repository's `Cargo.lock`), builds each once to warm the
dependencies, then rebuilds each `ROUNDS` times after touching its `lib.rs`, the crates
interleaved round by round, in the dev and the release profile. Prints the median wall time of
each rebuild, the cost over the plain crate, and the ratio of the two registration costs; then
the median of each round's own ratio, which a machine slower in some rounds than in others moves
less than the ratio of the medians. Usage, from the repository root:

    python3 benches/compile_time.py [ROUNDS] [CALLBACKS] [--breakdown] [--instructions | --cpu]
        [--triggers=N]

With `--breakdown` three more crates say where `#[hook_callback]`'s cost goes: the same callbacks
without the trigger sites, the 50 trigger sites alone, and the callbacks written out as the
attribute expands them (its output for a sync callback returning `()`, by hand, without the
macro's own run; it names `hooks_core::__private`, so it follows the macro's expansion).

With `--instructions` it counts, instead of timing, the instructions of each rebuild's `rustc`
(valgrind's cachegrind, the proc macros' run included, the linker not): the same on every run,
so a change to the expansion can be weighed without a quiet machine. Slow (minutes per crate in
release).

With `--cpu` it times each rebuild by the processor time of `cargo` and the `rustc` it runs
(user and system, summed over their threads) rather than by the wall clock: on a machine shared
with other work, waiting for a core then counts for nothing, and a rebuild whose compiler runs
threads in parallel counts all of them.

With `--triggers=N` the crates have N trigger sites (and the callbacks N hooks) instead of 50:
the cost of one more site is the difference between two counts, for example of the sites alone
(`python3 benches/compile_time.py 1 0 --breakdown --instructions --triggers=10`, then
`--triggers=1`).

With `--optimised-macros` the scratch workspace builds proc macros optimised in dev
(`[profile.dev.build-override] opt-level = 3`), as a crate may choose to.
"""

import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

import re
import resource
import shlex

BREAKDOWN = "--breakdown" in sys.argv
INSTRUCTIONS = "--instructions" in sys.argv
CPU = "--cpu" in sys.argv
OPTIMISED_MACROS = "--optimised-macros" in sys.argv
ARGS = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
ROUNDS = int(ARGS[0]) if len(ARGS) > 0 else 3
CALLBACKS = int(ARGS[1]) if len(ARGS) > 1 else 1000
TRIGGERS = next((int(arg.split("=", 1)[1]) for arg in sys.argv[1:] if arg.startswith("--triggers=")), 50)
ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRATCH = ROOT / "target" / "compile-time"

PAYLOAD = """
pub struct Payload {
    pub value: u64,
}
"""


def plain() -> str:
    functions = "".join(
        f"pub fn callback_{i}(payload: &Payload) {{ std::hint::black_box(payload.value + {i}); }}\n"
        for i in range(CALLBACKS)
    )
    return PAYLOAD + functions


def by_hand() -> str:
    record = """
pub struct Record {
    pub hook: &'static str,
    pub priority: u8,
    pub path: &'static str,
    pub call: fn(&Payload),
}

inventory::collect!(Record);
"""
    registrations = "".join(
        f"inventory::submit! {{ Record {{ hook: \"compile_time_{i % TRIGGERS}\", priority: 10, "
        f"path: concat!(module_path!(), \"::callback_{i}\"), call: callback_{i} }} }}\n"
        for i in range(CALLBACKS)
    )
    return plain() + record + registrations


def callbacks() -> str:
    return "".join(
        f"#[hooks_core::hook_callback(\"compile_time_{i % TRIGGERS}\")]\n"
        f"pub fn callback_{i}(payload: &Payload) {{ std::hint::black_box(payload.value + {i}); }}\n"
        for i in range(CALLBACKS)
    )


def triggers() -> str:
    return "".join(
        f"pub fn trigger_{i}(payload: &Payload) -> usize {{ hooks_core::trigger!(\"compile_time_{i}\", payload).ran() }}\n"
        for i in range(TRIGGERS)
    )


def with_hooks() -> str:
    return PAYLOAD + callbacks() + triggers()


def without_triggers() -> str:
    return PAYLOAD + callbacks()


def triggers_only() -> str:
    return plain() + triggers()


def expanded() -> str:
    """What `#[hook_callback("compile_time_N")]` expands a sync callback returning `()` to: the
    function and one call of `register_callback!`, which rustc expands."""
    items = []
    for i in range(CALLBACKS):
        hook = f'"compile_time_{i % TRIGGERS}"'
        items.append(
            f"#[allow(clippy::ptr_arg)]\n"
            f"pub fn callback_{i}(payload: &Payload) {{ std::hint::black_box(payload.value + {i}); }}\n"
            f"::hooks_core::__private::register_callback! {{ [pub] \"callback_{i}\" "
            f"hook_callback_free_fn_callback_{i} plain_callback [Payload] {{ callback_{i} }} {{ {hook} }} {{}} {{}} }}\n"
        )
    return PAYLOAD + "".join(items)


HOOKS_CORE = f'hooks-core = {{ path = "{ROOT / "hooks-core"}" }}\n'
CRATES = {
    "plain": (plain, ""),
    "by_hand": (by_hand, 'inventory = "0.3"\n'),
    "hook_callback": (with_hooks, HOOKS_CORE),
}
BREAKDOWN_CRATES = {
    "without_triggers": (without_triggers, HOOKS_CORE),
    "triggers_only": (triggers_only, HOOKS_CORE),
    "expanded": (expanded, HOOKS_CORE),
}
if BREAKDOWN:
    CRATES.update(BREAKDOWN_CRATES)


def generate() -> None:
    if SCRATCH.exists():
        shutil.rmtree(SCRATCH)
    SCRATCH.mkdir(parents=True)
    members = ", ".join(f'"{name}"' for name in CRATES)
    profile = "\n[profile.dev.build-override]\nopt-level = 3\n" if OPTIMISED_MACROS else ""
    (SCRATCH / "Cargo.toml").write_text(f'[workspace]\nresolver = "3"\nmembers = [{members}]\n{profile}')
    shutil.copy(ROOT / "Cargo.lock", SCRATCH / "Cargo.lock")
    for name, (source, dependencies) in CRATES.items():
        crate = SCRATCH / name
        (crate / "src").mkdir(parents=True)
        (crate / "Cargo.toml").write_text(
            f'[package]\nname = "{name}"\nversion = "0.1.0"\nedition = "2024"\npublish = false\n\n'
            f"[dependencies]\n{dependencies}"
        )
        (crate / "src" / "lib.rs").write_text(source())


def build(name: str, release: bool) -> float:
    """Seconds to rebuild `name` after touching its `lib.rs`: wall clock, or processor time with
    `--cpu`."""
    lib = SCRATCH / name / "src" / "lib.rs"
    os.utime(lib)
    command = ["cargo", "build", "--quiet", "-p", name] + (["--release"] if release else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=SCRATCH, check=True, env={**os.environ, "CARGO_TARGET_DIR": str(SCRATCH / "target")})
    wall = time.perf_counter() - started
    # The children's usage counts every process waited for: cargo, and the rustc it waited for.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu if CPU else wall


def rustc_command(name: str, release: bool) -> list[str]:
    """The `rustc` command line with which cargo builds crate `name` (building it, verbosely)."""
    lib = SCRATCH / name / "src" / "lib.rs"
    os.utime(lib)
    command = ["cargo", "build", "-v", "-p", name] + (["--release"] if release else [])
    env = {**os.environ, "CARGO_TARGET_DIR": str(SCRATCH / "target")}
    output = subprocess.run(command, cwd=SCRATCH, check=True, env=env, capture_output=True, text=True).stderr
    running = [line for line in output.splitlines() if "Running `" in line and f"--crate-name {name} " in line]
    return shlex.split(running[-1].split("Running `", 1)[1].rstrip("`"))


def instructions(name: str, release: bool) -> float:
    """Billions of instructions `rustc` runs to rebuild `name` after its `lib.rs` is touched."""
    command = rustc_command(name, release)
    os.utime(SCRATCH / name / "src" / "lib.rs")
    valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    result = subprocess.run(valgrind + command, cwd=SCRATCH, check=True, capture_output=True, text=True)
    counted = re.findall(r"I\s+refs:\s+([\d,]+)", result.stderr)
    return int(counted[-1].replace(",", "")) / 1e9


def measure(release: bool) -> tuple[dict[str, float], float | None]:
    """Each crate's rebuild (the median time, or the instruction count), and, when timing, the
    median over the rounds of each round's ratio of the attribute's cost to the by-hand cost."""
    if INSTRUCTIONS:
        # `rustc_command` builds each crate first, dependencies included.
        return {name: instructions(name, release) for name in CRATES}, None
    for name in CRATES:
        build(name, release)  # dependencies and a first build
    times = {name: [] for name in CRATES}
    for _ in range(ROUNDS):
        for name in CRATES:
            times[name].append(build(name, release))
    # A round's three rebuilds run within seconds of each other: their ratio is not moved by a
    # machine that is slower in one round than in another.
    per_round = [ratio({name: values[i] for name, values in times.items()}) for i in range(ROUNDS)]
    return {name: statistics.median(values) for name, values in times.items()}, statistics.median(per_round)


def ratio(measured: dict[str, float]) -> float:
    """The attribute's cost over the plain crate, divided by the by-hand cost."""
    hand = measured["by_hand"] - measured["plain"]
    return (measured["hook_callback"] - measured["plain"]) / hand if hand > 0 else float("nan")


def main() -> None:
    generate()
    what = "instructions of one rebuild" if INSTRUCTIONS else f"median of {ROUNDS} rebuilds ({'processor time' if CPU else 'wall clock'})"
    print(f"{CALLBACKS} callbacks, {TRIGGERS} trigger sites, {what} after touching lib.rs\n")
    unit = "G instructions" if INSTRUCTIONS else "s"
    digits = 3 if INSTRUCTIONS else 2
    measured = {release: measure(release) for release in (False, True)}
    rows = {release: crates for release, (crates, _) in measured.items()}
    print("| | dev | release |")
    print("|---|---:|---:|")
    dev, release = rows[False], rows[True]
    print(f"| plain functions | {dev['plain']:.{digits}f} {unit} | {release['plain']:.{digits}f} {unit} |")
    for name, label in (("by_hand", "by hand with inventory"), ("hook_callback", "`#[hook_callback]`")):
        cost = [rows[profile][name] - rows[profile]["plain"] for profile in (False, True)]
        if name == "by_hand":
            print(f"| {label} | +{cost[0]:.{digits}f} {unit} | +{cost[1]:.{digits}f} {unit} |")
        else:
            ratios = [ratio(rows[profile]) for profile in (False, True)]
            print(
                f"| {label} | +{cost[0]:.{digits}f} {unit} ({ratios[0]:.2f}x by hand) "
                f"| +{cost[1]:.{digits}f} {unit} ({ratios[1]:.2f}x by hand) |"
            )
    if BREAKDOWN:
        labels = {
            "without_triggers": f"`#[hook_callback]` without the {TRIGGERS} trigger sites",
            "triggers_only": f"the {TRIGGERS} trigger sites alone (plain functions)",
            "expanded": "the attribute's expansion written by hand (no macro run)",
        }
        for name, label in labels.items():
            cost = [rows[profile][name] - rows[profile]["plain"] for profile in (False, True)]
            print(f"| {label} | +{cost[0]:.{digits}f} {unit} | +{cost[1]:.{digits}f} {unit} |")
    if not INSTRUCTIONS:
        print(
            f"\nMedian of the {ROUNDS} rounds' own ratios (each round's three rebuilds): "
            f"{measured[False][1]:.2f}x dev, {measured[True][1]:.2f}x release"
        )


if __name__ == "__main__":
    main()
