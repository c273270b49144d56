//! The cost of `trigger!`, compared with calling the same callbacks directly and with a registry
//! written the way the original (Python) hook system worked, plus the registry's build time.
//!
//! Run with `cargo bench -p hooks-benches --bench trigger`; `BENCHMARKS.md` has the numbers.
//!
//! Every group runs in this one binary, which links `many-callbacks` and so holds 10,000
//! registrations besides the 126 of the `bench_*` and `real_3` hooks.
//!
//! - `callbacks_{1,3,10,100}`: hook `bench_N` (N callbacks, all run) four ways: `direct` calls the
//!   functions by name in execution order (the compiler may inline them), `direct_no_inline` calls
//!   them through `black_box`ed function pointers (each a real call), `trigger_macro` is
//!   `trigger!("bench_N", payload)`, `baseline_registry` is [`BaselineRegistry::trigger`] (name
//!   hashed on every call).
//! - `with_10k_others`: `bench_3` next to the 10,000 others, plus the runtime-name entry point
//!   `registry().trigger(name, payload)` and a baseline registry that also holds 10,000 others.
//! - `registry_build`: building a fresh registry from every record (10,126 callbacks, 1,007
//!   declarations), and validating it.
//! - `typed_3`: a typed hook (`declare_hook! { pub bench_typed_3: UserCreated; }`) with 3
//!   callbacks, `trigger!(bench_typed_3, payload)` against `trigger!("bench_string_3", payload)`
//!   (a string hook with callbacks of the same shape) and direct calls of the typed callbacks.
//! - `real_3`: hook `real_3`, 3 callbacks that are real functions (`#[inline(never)]`, two with
//!   a context, one without): `direct` calls them by name, `trigger_macro` is
//!   `trigger!("real_3", payload)`, `trigger_typed` is `trigger!(real_3, payload)` (the hook is
//!   also declared as an item) and `name_keyed_registry` is [`BaselineRegistry::trigger`] on a
//!   registry that also holds 1,000 other hooks (10 callbacks each).
//! - `async_3`: hook `bench_async_3` (3 async callbacks) on a current-thread Tokio runtime,
//!   `runtime.block_on(..)` in every iteration: `trigger_async!` sequential and with
//!   `concurrent = true`, the three functions awaited directly, an empty `block_on`, and the
//!   `jaeb` event bus publishing one event to 3 async handlers (awaited until all 3 finished)
//!   and to 3 sync handlers with priorities.
//! - `startup`: spawning the `startup_empty` and `startup_10k` binaries of this package and
//!   waiting for them to exit (the cost of the 10,000 registrations before `main`), and the same
//!   with the registry built before exit.
//!
//! Run it once per backend (`--features hooks-core/linkme` for linkme) for `registry_build` and
//! `startup` under both.

use std::hint::black_box;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use criterion::{Criterion, criterion_group, criterion_main};
use hooks_benches::{BaselineRegistry, UserCreated};
// Links the 10,000 registrations of the bench-only crate into this binary.
use many_callbacks as _;

include!(concat!(env!("OUT_DIR"), "/bench_callbacks.rs"));

/// Callbacks of the generated `bench_N` hooks (also held by the baseline registry).
const GENERATED_CALLBACKS: usize = 1 + 3 + 10 + 100;

/// Callbacks registered by the `bench_*` and `real_3` hooks: the generated ones,
/// `bench_typed_3`, `bench_string_3`, `bench_async_3` and `real_3`.
const BENCH_CALLBACKS: usize = GENERATED_CALLBACKS + 3 + 3 + 3 + 3;

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
    assert_eq!(baseline.len(), many_callbacks::CALLBACKS + GENERATED_CALLBACKS);

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
    eprintln!("hooks-core backend: {}", hooks_core::BACKEND);
    let fresh = hooks_core::__private::build_registry();
    assert_eq!(fresh.callbacks().count(), many_callbacks::CALLBACKS + BENCH_CALLBACKS);
    let validation = hooks_core::registry().validate();
    assert!(validation.is_clean(), "{validation}");
    let mut group = c.benchmark_group("registry_build");
    group.bench_function("build", |b| b.iter_with_large_drop(hooks_core::__private::build_registry));
    group.bench_function("validate", |b| b.iter_with_large_drop(|| hooks_core::registry().validate()));
    group.finish();
}

// ---- Typed hooks (issue 4) ---------------------------------------------------------------------

hooks_core::declare_hook! {
    /// Benchmark hook declared as an item: triggers through it skip the runtime payload check.
    pub bench_typed_3: UserCreated;
}

hooks_core::declare_hook!(
    /// Benchmark hook with the same callbacks as `bench_typed_3`, triggered by name.
    "bench_string_3", UserCreated
);

/// Callback 0 of `bench_typed_3`.
#[hooks_core::hook_callback(bench_typed_3, priority = 1)]
fn typed_cb_0(user: &UserCreated) {
    black_box(user.user_id.wrapping_add(0));
}

/// Callback 1 of `bench_typed_3` (fallible, never fails).
#[hooks_core::hook_callback(bench_typed_3, priority = 2, context = "wallet")]
fn typed_cb_1(user: &UserCreated) -> Result<(), String> {
    if black_box(user.user_id.wrapping_add(1)) == u64::MAX {
        return Err(format!("user {} rejected", user.user_id));
    }
    Ok(())
}

/// Callback 2 of `bench_typed_3`.
#[hooks_core::hook_callback(bench_typed_3, priority = 3, context = "communications")]
fn typed_cb_2(user: &UserCreated) {
    black_box(user.user_id.wrapping_add(2));
}

/// Callback 0 of `bench_string_3`: the same body as `typed_cb_0`.
#[hooks_core::hook_callback("bench_string_3", priority = 1)]
fn string_cb_0(user: &UserCreated) {
    black_box(user.user_id.wrapping_add(0));
}

/// Callback 1 of `bench_string_3`: the same body as `typed_cb_1`.
#[hooks_core::hook_callback("bench_string_3", priority = 2, context = "wallet")]
fn string_cb_1(user: &UserCreated) -> Result<(), String> {
    if black_box(user.user_id.wrapping_add(1)) == u64::MAX {
        return Err(format!("user {} rejected", user.user_id));
    }
    Ok(())
}

/// Callback 2 of `bench_string_3`: the same body as `typed_cb_2`.
#[hooks_core::hook_callback("bench_string_3", priority = 3, context = "communications")]
fn string_cb_2(user: &UserCreated) {
    black_box(user.user_id.wrapping_add(2));
}

/// The typed callbacks called by name, in execution order; returns how many failed.
#[inline(always)]
fn direct_typed_3(user: &UserCreated) -> u32 {
    typed_cb_0(user);
    let failed = u32::from(typed_cb_1(user).is_err());
    typed_cb_2(user);
    failed
}

/// The typed callbacks called through opaque function pointers; returns how many failed.
#[inline(always)]
fn direct_no_inline_typed_3(user: &UserCreated) -> u32 {
    black_box(typed_cb_0 as fn(&UserCreated))(user);
    let failed = u32::from(black_box(typed_cb_1 as fn(&UserCreated) -> Result<(), String>)(user).is_err());
    black_box(typed_cb_2 as fn(&UserCreated))(user);
    failed
}

/// A typed `trigger!` against the string form and direct calls, 3 callbacks each.
fn typed(c: &mut Criterion) {
    let user = UserCreated::sample();
    for report in [hooks_core::trigger!(bench_typed_3, &user), hooks_core::trigger!("bench_string_3", &user)] {
        assert!(report.is_ok() && report.ran() == 3, "{report}");
    }
    assert_eq!(direct_typed_3(&user) + direct_no_inline_typed_3(&user), 0);
    let mut group = c.benchmark_group("typed_3");
    group.bench_function("direct", |b| b.iter(|| direct_typed_3(black_box(&user))));
    group.bench_function("direct_no_inline", |b| b.iter(|| direct_no_inline_typed_3(black_box(&user))));
    group.bench_function("trigger_typed", |b| b.iter(|| hooks_core::trigger!(bench_typed_3, black_box(&user))));
    group.bench_function("trigger_string", |b| b.iter(|| hooks_core::trigger!("bench_string_3", black_box(&user))));
    group.finish();
}

// ---- Real callbacks (issue 14) ----------------------------------------------------------------

hooks_core::declare_hook! {
    /// Benchmark hook whose 3 callbacks are real functions (`#[inline(never)]`), triggered both
    /// by name (`"real_3"`) and as an item.
    pub real_3: UserCreated;
}

/// Callback 0 of `real_3`: a real call, never inlined into its adapter.
#[hooks_core::hook_callback("real_3", priority = 1, context = "wallet")]
#[inline(never)]
fn real_cb_0(user: &UserCreated) {
    black_box(user.user_id);
}

/// Callback 1 of `real_3`, global (no context).
#[hooks_core::hook_callback("real_3", priority = 2)]
#[inline(never)]
fn real_cb_1(user: &UserCreated) {
    black_box(user.credits);
}

/// Callback 2 of `real_3`.
#[hooks_core::hook_callback("real_3", priority = 3, context = "communications")]
#[inline(never)]
fn real_cb_2(user: &UserCreated) {
    black_box(user.tier);
}

/// The three callbacks of `real_3` called by name, in execution order (three real calls).
#[inline(always)]
fn direct_real_3(user: &UserCreated) {
    real_cb_0(user);
    real_cb_1(user);
    real_cb_2(user);
}

/// `trigger!` with 3 callbacks that are real functions, against calling them directly and
/// against the baseline registry holding 1,000 other hooks (10,000 other callbacks).
fn real_callbacks(c: &mut Criterion) {
    let user = UserCreated::sample();
    for report in [hooks_core::trigger!("real_3", &user), hooks_core::trigger!(real_3, &user)] {
        assert!(report.is_ok() && report.ran() == 3, "{report}");
    }
    let order: Vec<&str> = hooks_core::registry()
        .hook("real_3")
        .expect("real_3 registered")
        .callbacks()
        .map(|callback| callback.path().rsplit("::").next().expect("a path"))
        .collect();
    assert_eq!(order, ["real_cb_0", "real_cb_1", "real_cb_2"], "execution order differs from the direct calls");
    let mut baseline = BaselineRegistry::new();
    for hook in 0..many_callbacks::HOOKS {
        let name = format!("many_{hook:04}");
        for callback in 0..many_callbacks::CALLBACKS / many_callbacks::HOOKS {
            let priority = u8::try_from((hook * 7 + callback * 13) % 100 + 1).expect("1..=100");
            register_stand_in(&mut baseline, &name, priority);
        }
    }
    for (priority, context, callback) in [
        (1, Some("wallet"), real_cb_0 as fn(&UserCreated)),
        (2, None, real_cb_1),
        (3, Some("communications"), real_cb_2),
    ] {
        baseline.register("real_3", priority, context, move |user: &UserCreated| {
            callback(user);
            Ok(())
        });
    }
    let check = baseline.trigger("real_3", None, &user);
    assert_eq!((check.ran, check.errors.len()), (3, 0), "baseline");

    let mut group = c.benchmark_group("real_3");
    group.bench_function("direct", |b| b.iter(|| direct_real_3(black_box(&user))));
    group.bench_function("trigger_macro", |b| b.iter(|| hooks_core::trigger!("real_3", black_box(&user))));
    group.bench_function("trigger_typed", |b| b.iter(|| hooks_core::trigger!(real_3, black_box(&user))));
    group.bench_function("name_keyed_registry", |b| {
        b.iter(|| baseline.trigger(black_box("real_3"), None, black_box(&user)))
    });
    group.finish();
}

// ---- Async (issue 3) ---------------------------------------------------------------------------

/// Async callback 0 of `bench_async_3`.
#[hooks_core::hook_callback("bench_async_3", priority = 1)]
async fn async_cb_0(user: &UserCreated) {
    black_box(user.user_id.wrapping_add(0));
}

/// Async callback 1 of `bench_async_3`.
#[hooks_core::hook_callback("bench_async_3", priority = 2)]
async fn async_cb_1(user: &UserCreated) {
    black_box(user.user_id.wrapping_add(1));
}

/// Async callback 2 of `bench_async_3`.
#[hooks_core::hook_callback("bench_async_3", priority = 3)]
async fn async_cb_2(user: &UserCreated) {
    black_box(user.user_id.wrapping_add(2));
}

/// The three async callbacks awaited directly, in execution order.
async fn direct_async_3(user: &UserCreated) {
    async_cb_0(user).await;
    async_cb_1(user).await;
    async_cb_2(user).await;
}

/// A jaeb async handler doing the same work as `async_cb_N`, then counting itself done.
struct JaebAsync {
    index: u64,
    done: Arc<AtomicU64>,
}

impl jaeb::EventHandler<UserCreated> for JaebAsync {
    async fn handle(&self, user: &UserCreated, _bus: &jaeb::EventBus) -> jaeb::HandlerResult {
        black_box(user.user_id.wrapping_add(self.index));
        self.done.fetch_add(1, Ordering::Release);
        Ok(())
    }
}

/// A jaeb sync handler doing the same work (jaeb orders only sync handlers by priority).
struct JaebSync {
    index: u64,
}

impl jaeb::SyncEventHandler<UserCreated> for JaebSync {
    fn handle(&self, user: &UserCreated, _bus: &jaeb::EventBus) -> jaeb::HandlerResult {
        black_box(user.user_id.wrapping_add(self.index));
        Ok(())
    }
}

/// A bus with 3 subscribed handlers of one kind, for one event type.
async fn jaeb_bus(asynchronous: Option<&Arc<AtomicU64>>) -> jaeb::EventBus {
    let bus = jaeb::EventBus::builder().build().await.expect("jaeb bus");
    for index in 0..3 {
        let subscription = match asynchronous {
            Some(done) => bus.subscribe(JaebAsync { index, done: Arc::clone(done) }).await,
            // Higher runs first in jaeb: priorities 3, 2, 1 give the order 0, 1, 2.
            None => {
                let policy = jaeb::SyncSubscriptionPolicy::default().with_priority(3 - index as i32);
                bus.subscribe_with_policy(JaebSync { index }, policy).await
            }
        };
        // Subscriptions stay until the bus is dropped.
        std::mem::forget(subscription.expect("subscribe"));
    }
    bus
}

/// Publishes one event to the 3 async handlers and waits until all 3 have run: `publish`
/// returns once the handlers' tasks are spawned, so the current task yields to the runtime until
/// the handlers' completion counter has moved by 3.
async fn jaeb_publish_and_wait(bus: &jaeb::EventBus, done: &AtomicU64, user: &UserCreated) {
    let target = done.load(Ordering::Acquire) + 3;
    bus.publish(user.clone()).await.expect("publish");
    while done.load(Ordering::Acquire) < target {
        tokio::task::yield_now().await;
    }
}

/// `trigger_async!` with 3 async callbacks against awaiting them directly and against jaeb.
fn asynchronous(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("tokio runtime");
    let user = UserCreated::sample();
    let done = Arc::new(AtomicU64::new(0));
    let jaeb_async = runtime.block_on(jaeb_bus(Some(&done)));
    let jaeb_sync = runtime.block_on(jaeb_bus(None));
    for concurrent in [false, true] {
        let report = match concurrent {
            false => runtime.block_on(hooks_core::trigger_async!("bench_async_3", &user)),
            true => runtime.block_on(hooks_core::trigger_async!("bench_async_3", &user, concurrent = true)),
        };
        assert!(report.is_ok() && report.ran() == 3, "{report}");
    }
    runtime.block_on(jaeb_publish_and_wait(&jaeb_async, &done, &user));
    assert_eq!(done.load(Ordering::Acquire), 3, "jaeb ran its 3 async handlers");

    let mut group = c.benchmark_group("async_3");
    group.bench_function("block_on_empty", |b| b.iter(|| runtime.block_on(async { black_box(&user) })));
    group.bench_function("direct_await", |b| b.iter(|| runtime.block_on(direct_async_3(black_box(&user)))));
    group.bench_function("trigger_async", |b| {
        b.iter(|| runtime.block_on(hooks_core::trigger_async!("bench_async_3", black_box(&user))))
    });
    group.bench_function("trigger_async_concurrent", |b| {
        b.iter(|| runtime.block_on(hooks_core::trigger_async!("bench_async_3", black_box(&user), concurrent = true)))
    });
    group.bench_function("jaeb_async_handlers", |b| {
        b.iter(|| runtime.block_on(jaeb_publish_and_wait(&jaeb_async, &done, black_box(&user))))
    });
    group.bench_function("jaeb_sync_handlers_priority", |b| {
        b.iter(|| runtime.block_on(async { jaeb_sync.publish(black_box(&user).clone()).await.expect("publish") }))
    });
    group.finish();
}

// ---- Startup (issue 5) -------------------------------------------------------------------------

/// Spawns a binary of this package and waits for it to exit successfully.
fn run(binary: &str, argument: Option<&str>) {
    let mut command = Command::new(binary);
    command.args(argument);
    let status = command.status().expect("spawn the startup binary");
    assert!(status.success(), "{binary}: {status}");
}

/// Process spawn to exit, with and without the 10,000 registrations linked in.
fn startup(c: &mut Criterion) {
    let empty = env!("CARGO_BIN_EXE_startup_empty");
    let many = env!("CARGO_BIN_EXE_startup_10k");
    let mut group = c.benchmark_group("startup");
    group.bench_function("empty", |b| b.iter(|| run(empty, None)));
    group.bench_function("10k", |b| b.iter(|| run(many, None)));
    group.bench_function("empty_then_registry", |b| b.iter(|| run(empty, Some("registry"))));
    group.bench_function("10k_then_registry", |b| b.iter(|| run(many, Some("registry"))));
    group.finish();
}

/// `bench_3` once a switch was used: every later trigger takes the checked path (it must run
/// last: the switch stays used for the rest of the process). `enabled_3` flips a switch on and
/// leaves every callback enabled; `one_disabled_3` disables one of the three.
fn switched(c: &mut Criterion) {
    let user = UserCreated::sample();
    let registry = hooks_core::registry();
    let callback = registry.hook("bench_3").and_then(|hook| hook.callbacks().next()).expect("bench_3 callbacks");
    let mut group = c.benchmark_group("switched");
    callback.enable();
    assert_eq!(hooks_core::trigger!("bench_3", &user).ran(), 3);
    group.bench_function("enabled_3", |b| b.iter(|| hooks_core::trigger!("bench_3", black_box(&user))));
    callback.disable();
    assert_eq!(hooks_core::trigger!("bench_3", &user).skipped(), 1);
    group.bench_function("one_disabled_3", |b| b.iter(|| hooks_core::trigger!("bench_3", black_box(&user))));
    callback.enable();
    group.finish();
}

criterion_group!(benches, by_count, with_many_others, build, typed, real_callbacks, asynchronous, startup, switched);
criterion_main!(benches);
