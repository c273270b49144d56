//! A backoff without a retry timer: `validate()` says the callback retries at once, and its
//! retries still happen.

use std::sync::atomic::{AtomicU32, Ordering};

use hooks_core::{Severity, hook_callback, registry, trigger_async};

static CALLS: AtomicU32 = AtomicU32::new(0);

#[hook_callback("untimed_retry", retry = 2, backoff = "1s")]
async fn untimed(_: &u8) -> Result<(), String> {
    CALLS.fetch_add(1, Ordering::SeqCst);
    Err("down".to_owned())
}

#[test]
fn validate_warns_and_the_retries_still_happen() {
    let validation = registry().validate();
    let warning = validation.findings().iter().find(|f| f.hook() == "untimed_retry").expect("a finding");
    assert_eq!(warning.severity(), Severity::Warning);
    assert!(warning.message().contains("has a backoff, but no retry timer is installed"), "{validation}");
    assert!(warning.message().contains("set_retry_timer"), "{validation}");

    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let report = runtime.block_on(trigger_async!("untimed_retry", 1u8));
    assert_eq!((report.failures()[0].attempts(), CALLS.load(Ordering::SeqCst)), (3, 3));
}
