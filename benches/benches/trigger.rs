//! The cost of `trigger!`, compared with calling the same callbacks directly and with a registry
//! written the way the original (Python) hook system worked, plus the registry's build time.
//!
//! Run with `cargo bench -p hooks-benches --bench trigger`; `BENCHMARKS.md` has the numbers.
//!
//! Every group runs in this one binary, which links `many-callbacks` and so holds 10,000
//! registrations besides the 114 of the `bench_*` hooks.
//!
//! - `callbacks_{1,3,10,100}`: hook `bench_N` (N callbacks, all run) four ways: `direct` calls the
//!   functions by name in execution order (the compiler may inline them), `direct_no_inline` calls
//!   them through `black_box`ed function pointers (each a real call), `trigger_macro` is
//!   `trigger!("bench_N", payload)`, `baseline_registry` is [`BaselineRegistry::trigger`] (name
//!   hashed on every call).
//! - `with_10k_others`: `bench_3` next to the 10,000 others, plus the runtime-name entry point
//!   `registry().trigger(name, payload)` and a baseline registry that also holds 10,000 others.
//! - `registry_build`: building a fresh registry from every record (10,114 callbacks, 1,004
//!   declarations), and validating it.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hooks_benches::{BaselineRegistry, UserCreated};
// Links the 10,000 registrations of the bench-only crate into this binary.
use many_callbacks as _;

include!(concat!(env!("OUT_DIR"), "/bench_callbacks.rs"));

/// Callbacks registered by the `bench_*` hooks.
const BENCH_CALLBACKS: usize = 1 + 3 + 10 + 100;

/// The baseline registry holding the same callbacks as the `bench_*` hooks.
fn baseline() -> BaselineRegistry {
    let mut registry = BaselineRegistry::new();
    register_baseline_bench_1(&mut registry);
    register_baseline_bench_3(&mut registry);
    register_baseline_bench_10(&mut registry);
    register_baseline_bench_100(&mut registry);
    registry
}

/// Panics unless `trigger!`, the registry, the direct calls and the baseline all agree on what
/// `hook` runs, so that the benchmark compares equal work.
fn check(
    hook: &str,
    report: hooks_core::TriggerReport,
    order: &[&str],
    direct_failed: u32,
    baseline: &BaselineRegistry,
) {
    assert!(report.hook_known() && report.is_ok(), "{hook}: {report}");
    assert_eq!(report.ran(), order.len(), "{hook}: trigger! ran {}", report.ran());
    let paths: Vec<&str> = hooks_core::registry()
        .hook(hook)
        .expect("hook registered")
        .callbacks()
        .map(|callback| callback.path().rsplit("::").next().expect("a path"))
        .collect();
    assert_eq!(paths, order, "{hook}: execution order differs from the direct calls");
    assert_eq!(direct_failed, 0);
    let baseline = baseline.trigger(hook, None, &UserCreated::sample());
    assert_eq!((baseline.ran, baseline.errors.len()), (order.len(), 0), "{hook}: baseline");
}

/// One `callbacks_N` group: direct calls, `trigger!` and the baseline registry on hook `bench_N`.
macro_rules! compare {
    ($c:expr, $baseline:expr, $count:tt, $hook:tt, $direct:ident, $no_inline:ident, $order:ident) => {{
        let user = UserCreated::sample();
        check($hook, hooks_core::trigger!($hook, &user), $order, $direct(&user) + $no_inline(&user), $baseline);
        let mut group = $c.benchmark_group(concat!("callbacks_", $count));
        group.bench_function("direct", |b| b.iter(|| $direct(black_box(&user))));
        group.bench_function("direct_no_inline", |b| b.iter(|| $no_inline(black_box(&user))));
        group.bench_function("trigger_macro", |b| b.iter(|| hooks_core::trigger!($hook, black_box(&user))));
        group.bench_function("baseline_registry", |b| {
            b.iter(|| $baseline.trigger(black_box($hook), None, black_box(&user)))
        });
        group.finish();
    }};
}

/// `trigger!` against direct calls and the baseline, for 1, 3, 10 and 100 callbacks.
fn by_count(c: &mut Criterion) {
    let baseline = baseline();
    compare!(c, &baseline, 1, "bench_1", direct_bench_1, direct_no_inline_bench_1, ORDER_BENCH_1);
    compare!(c, &baseline, 3, "bench_3", direct_bench_3, direct_no_inline_bench_3, ORDER_BENCH_3);
    compare!(c, &baseline, 10, "bench_10", direct_bench_10, direct_no_inline_bench_10, ORDER_BENCH_10);
    compare!(c, &baseline, 100, "bench_100", direct_bench_100, direct_no_inline_bench_100, ORDER_BENCH_100);
}

/// `bench_3` while 10,000 other callbacks are registered, through the cached call site and
/// through the runtime-name lookup, and the baseline registry with 10,000 other entries too.
fn with_many_others(c: &mut Criterion) {
    let registry = hooks_core::registry();
    assert_eq!(registry.callbacks().count(), many_callbacks::CALLBACKS + BENCH_CALLBACKS, "all records linked");
    let mut baseline = baseline();
    for hook in 0..many_callbacks::HOOKS {
        let name = format!("many_{hook:04}");
        for callback in 0..many_callbacks::CALLBACKS / many_callbacks::HOOKS {
            let priority = u8::try_from((hook * 7 + callback * 13) % 100 + 1).expect("1..=100");
            register_stand_in(&mut baseline, &name, priority);
        }
    }
    assert_eq!(baseline.len(), many_callbacks::CALLBACKS + BENCH_CALLBACKS);

    let user = UserCreated::sample();
    assert_eq!(registry.trigger("bench_3", &user).ran(), 3);
    let mut group = c.benchmark_group("with_10k_others");
    group.bench_function("direct", |b| b.iter(|| direct_bench_3(black_box(&user))));
    group.bench_function("direct_no_inline", |b| b.iter(|| direct_no_inline_bench_3(black_box(&user))));
    group.bench_function("trigger_macro", |b| b.iter(|| hooks_core::trigger!("bench_3", black_box(&user))));
    group.bench_function("registry_trigger_runtime_name", |b| {
        b.iter(|| hooks_core::registry().trigger(black_box("bench_3"), black_box(&user)))
    });
    group.bench_function("baseline_registry_10k", |b| {
        b.iter(|| baseline.trigger(black_box("bench_3"), None, black_box(&user)))
    });
    group.finish();
}

/// Registers one stand-in callback for a `many_*` hook in the baseline registry.
fn register_stand_in(baseline: &mut BaselineRegistry, hook: &str, priority: u8) {
    baseline.register(hook, priority, None, |payload: &u64| {
        black_box(*payload);
        Ok(())
    });
}

/// Building the registry from every collected record, and validating it.
fn build(c: &mut Criterion) {
    let fresh = hooks_core::__private::build_registry();
    assert_eq!(fresh.callbacks().count(), many_callbacks::CALLBACKS + BENCH_CALLBACKS);
    let validation = hooks_core::registry().validate();
    assert!(validation.is_clean(), "{validation}");
    let mut group = c.benchmark_group("registry_build");
    group.bench_function("build_10114_callbacks", |b| b.iter_with_large_drop(hooks_core::__private::build_registry));
    group.bench_function("validate_10114_callbacks", |b| b.iter_with_large_drop(|| hooks_core::registry().validate()));
    group.finish();
}

criterion_group!(benches, by_count, with_many_others, build);
criterion_main!(benches);
