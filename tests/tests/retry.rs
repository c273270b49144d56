//! Retry: `retry = N` calls a failing callback again, in place, before its failure is reported;
//! panics are not retried; async callbacks wait out their backoff on the installed timer.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use hooks_core::{hook_callback, registry, trigger, trigger_async};

/// What ran, in order.
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn log(entry: impl Into<String>) {
    LOG.lock().unwrap().push(entry.into());
}

fn taken(prefix: &str) -> Vec<String> {
    let mut log = LOG.lock().unwrap();
    let (of, rest): (Vec<String>, Vec<String>) = log.drain(..).partition(|entry| entry.starts_with(prefix));
    *log = rest;
    of
}

static FLAKY: AtomicU32 = AtomicU32::new(0);

/// Fails its first two calls, then succeeds.
#[hook_callback("retry_order", priority = 1, retry = 3)]
fn flaky(_: &u8) -> Result<(), String> {
    let call = FLAKY.fetch_add(1, Ordering::SeqCst) + 1;
    log(format!("order: flaky call {call}"));
    if call <= 2 { Err(format!("call {call} fails")) } else { Ok(()) }
}

#[hook_callback("retry_order", priority = 2)]
fn after(_: &u8) {
    log("order: after");
}

#[test]
fn a_failing_callback_is_called_again_in_place_until_it_succeeds() {
    let report = trigger!("retry_order", 1u8);
    assert!(report.is_ok(), "{report}");
    assert_eq!(report.ran(), 2);
    assert_eq!(
        taken("order:"),
        ["order: flaky call 1", "order: flaky call 2", "order: flaky call 3", "order: after"],
        "the retries happen before the next callback"
    );
}

#[hook_callback("retry_exhausted", retry = 2)]
fn always_down(_: &u8) -> Result<(), String> {
    log("exhausted: call");
    Err("still down".to_owned())
}

#[hook_callback("retry_panics", retry = 5)]
fn panics(_: &u8) -> Result<(), String> {
    log("panics: call");
    panic!("not retried")
}

#[test]
fn the_failure_after_the_last_retry_counts_the_calls() {
    let report = trigger!("retry_exhausted", 1u8);
    assert_eq!(report.failures().len(), 1);
    assert_eq!((report.failures()[0].attempts(), report.failures()[0].message()), (3, "still down"));
    assert_eq!(taken("exhausted:").len(), 3);
    let callback = registry().callback(&format!("{}::always_down", module_path!())).unwrap();
    assert_eq!((callback.retries(), callback.backoff()), (2, None));
}

#[test]
fn a_panic_is_not_retried() {
    let report = trigger!("retry_panics", 1u8);
    assert_eq!(report.failures()[0].attempts(), 1);
    assert_eq!(taken("panics:").len(), 1);
}

static ASYNC_CALLS: AtomicU32 = AtomicU32::new(0);

#[hook_callback("retry_async", retry = 3, backoff = "40ms")]
async fn async_flaky(_: &u8) -> Result<(), String> {
    let call = ASYNC_CALLS.fetch_add(1, Ordering::SeqCst) + 1;
    log(format!("async: call {call} at {:?}", Instant::now()));
    if call <= 2 { Err("not yet".to_owned()) } else { Ok(()) }
}

#[test]
fn async_retries_wait_out_their_backoff_on_the_installed_timer() {
    fn sleep(delay: Duration) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        log(format!("timer: {delay:?}"));
        Box::pin(tokio::time::sleep(delay))
    }
    let _ = hooks_core::set_retry_timer(sleep);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    let report = runtime.block_on(trigger_async!("retry_async", 1u8));
    assert!(report.is_ok(), "{report}");
    assert_eq!(taken("async:").len(), 3);
    // Two waits: 20 to 40 ms, then 40 to 80 ms (the backoff doubles, with jitter).
    let waits: Vec<Duration> = taken("timer:")
        .iter()
        .map(|entry| {
            let millis: f64 = entry.trim_start_matches("timer: ").trim_end_matches("ms").parse().unwrap();
            Duration::from_secs_f64(millis / 1000.0)
        })
        .collect();
    assert_eq!(waits.len(), 2, "{waits:?}");
    assert!(waits[0] >= Duration::from_millis(20) && waits[0] <= Duration::from_millis(40), "{waits:?}");
    assert!(waits[1] >= Duration::from_millis(40) && waits[1] <= Duration::from_millis(80), "{waits:?}");
}
