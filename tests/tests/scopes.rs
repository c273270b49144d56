//! Scopes: callbacks skipped and payloads recorded for the code inside `run` on its thread, or
//! inside the future given to `run_async` on whatever thread polls it; never on other threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};

use hooks_core::{Scope, declare_hook, hook_callback, trigger, trigger_async};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signup {
    pub email: String,
}

declare_hook! {
    /// Fired by the tests.
    pub scope_signed_up: Signup;
    /// Fired by nobody's callbacks: recorded anyway.
    pub scope_no_callbacks: u32;
}

static MAILS: AtomicUsize = AtomicUsize::new(0);
static AUDITS: AtomicUsize = AtomicUsize::new(0);

#[hook_callback(scope_signed_up, priority = 1)]
fn audit(_: &Signup) {
    AUDITS.fetch_add(1, Ordering::SeqCst);
}

#[hook_callback(scope_signed_up, priority = 2)]
fn send_welcome(_: &Signup) {
    MAILS.fetch_add(1, Ordering::SeqCst);
}

#[hook_callback("scope_async")]
async fn async_mail(_: &u32) {
    tokio::task::yield_now().await;
}

fn path(name: &str) -> String {
    format!("{}::{name}", module_path!())
}

fn signup(email: &str) -> Signup {
    Signup { email: email.to_owned() }
}

#[test]
fn a_scope_skips_and_records_inside_run_only() {
    let scope = Scope::new().disable(&path("send_welcome")).record::<scope_signed_up>();
    let report = scope.run(|| {
        let first = trigger!(scope_signed_up, signup("a@example.com"));
        let second = trigger!(scope_signed_up, signup("b@example.com"));
        (first.ran() + second.ran(), first.skipped() + second.skipped())
    });
    assert_eq!(report, (2, 2), "audit ran twice, the mail was skipped twice");
    assert_eq!(scope.recorded::<scope_signed_up>(), [signup("a@example.com"), signup("b@example.com")]);
    // Outside the scope: everything runs, nothing is recorded.
    let report = trigger!(scope_signed_up, signup("c@example.com"));
    assert_eq!((report.ran(), report.skipped()), (2, 0));
    assert_eq!(scope.recorded::<scope_signed_up>().len(), 2);
}

#[test]
fn a_hook_without_callbacks_is_recorded_and_an_unrecorded_hook_is_empty() {
    let scope = Scope::new().record::<scope_no_callbacks>();
    scope.run(|| {
        let _ = trigger!(scope_no_callbacks, 7u32);
    });
    assert_eq!(scope.recorded::<scope_no_callbacks>(), [7]);
    assert!(scope.recorded::<scope_signed_up>().is_empty());
}

#[test]
fn scopes_nest_and_the_inner_one_adds_to_the_outer() {
    let outer = Scope::new().disable(&path("send_welcome")).record::<scope_signed_up>();
    let inner = Scope::new().disable(&path("audit")).record::<scope_signed_up>();
    let (inside, after_inner) = outer.run(|| {
        let inside = inner.run(|| trigger!(scope_signed_up, signup("nested@example.com")));
        (inside, trigger!(scope_signed_up, signup("outer@example.com")))
    });
    assert_eq!((inside.ran(), inside.skipped()), (0, 2), "both disabled inside the inner scope");
    assert_eq!((after_inner.ran(), after_inner.skipped()), (1, 1), "only the outer's after it");
    assert_eq!(inner.recorded::<scope_signed_up>(), [signup("nested@example.com")]);
    assert_eq!(outer.recorded::<scope_signed_up>(), [signup("nested@example.com"), signup("outer@example.com")]);
}

#[test]
fn parallel_scopes_on_different_threads_do_not_interfere() {
    let start = Arc::new(Barrier::new(3));
    let threads: Vec<_> = ["one", "two", "three"]
        .into_iter()
        .map(|name| {
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                let scope = Scope::new().record::<scope_signed_up>();
                // Only the first thread's scope disables the mail.
                let scope = if name == "one" { scope.disable(&path("send_welcome")) } else { scope };
                start.wait();
                let skipped: usize = (0..200)
                    .map(|i| scope.run(|| trigger!(scope_signed_up, signup(&format!("{name}{i}@x"))).skipped()))
                    .sum();
                let recorded = scope.recorded::<scope_signed_up>();
                assert_eq!(recorded.len(), 200);
                assert!(recorded.iter().all(|s| s.email.starts_with(name)), "{name} recorded only its own");
                (name, skipped)
            })
        })
        .collect();
    let skipped: Vec<_> = threads.into_iter().map(|thread| thread.join().expect("no panic")).collect();
    assert_eq!(skipped, [("one", 200), ("two", 0), ("three", 0)]);
}

#[test]
fn run_async_applies_to_every_poll_on_any_thread_and_not_to_spawned_tasks() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().expect("runtime");
    let scope = Scope::new().disable(&path("async_mail"));
    runtime.block_on(async {
        let task = tokio::spawn(scope.run_async(async {
            let mut skipped = 0;
            for _ in 0..50 {
                // Yields between triggers, so the task may resume on the other worker thread.
                tokio::task::yield_now().await;
                skipped += trigger_async!("scope_async", 1u32).await.skipped();
            }
            // A task spawned inside the scope is outside it.
            let spawned = tokio::spawn(async { trigger_async!("scope_async", 1u32).await.ran() });
            (skipped, spawned.await.expect("spawned task"))
        }));
        let (skipped, spawned_ran) = task.await.expect("scoped task");
        assert_eq!((skipped, spawned_ran), (50, 1));
        // Concurrently, outside the scope, the callback runs.
        assert_eq!(trigger_async!("scope_async", 1u32).await.ran(), 1);
    });
}

#[test]
#[should_panic(expected = "Scope::disable: no callback has the path `scopes::no_such_callback`")]
fn disabling_an_unknown_path_panics_with_the_path() {
    let _ = Scope::new().disable("scopes::no_such_callback");
}
