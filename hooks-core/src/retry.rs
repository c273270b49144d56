//! The timer that async retries with a backoff wait on. hooks-core depends on no executor: the
//! program installs one ([`set_retry_timer`]), or enables the `tokio` feature, whose timer is
//! used when none was installed.

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;
use std::time::Duration;

/// A function that returns a future completing after the given delay, like `tokio::time::sleep`.
pub type RetryTimer = fn(Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;

static TIMER: OnceLock<RetryTimer> = OnceLock::new();

/// Installs the timer that async callbacks registered with `backoff = "..."` wait on between
/// calls; `Err` with the given timer when one is already installed. Without a timer (and without
/// the `tokio` feature), such callbacks retry at once, and
/// [`validate()`](crate::Registry::validate) reports them.
///
/// ```
/// use std::time::Duration;
///
/// fn sleep(delay: Duration) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
///     // An executor's timer, e.g. `Box::pin(tokio::time::sleep(delay))`.
///     Box::pin(async move { std::thread::sleep(delay) })
/// }
///
/// assert!(hooks_core::set_retry_timer(sleep).is_ok());
/// assert!(hooks_core::set_retry_timer(sleep).is_err());
/// ```
pub fn set_retry_timer(timer: RetryTimer) -> Result<(), RetryTimer> {
    TIMER.set(timer)
}

/// The installed timer, or tokio's with the `tokio` feature.
pub(crate) fn timer() -> Option<RetryTimer> {
    TIMER.get().copied().or(DEFAULT)
}

#[cfg(feature = "tokio")]
const DEFAULT: Option<RetryTimer> = Some(|delay| Box::pin(tokio::time::sleep(delay)));

#[cfg(not(feature = "tokio"))]
const DEFAULT: Option<RetryTimer> = None;

/// The wait before call `attempt + 1` (the first retry follows attempt 1): `first` doubled for
/// each earlier retry, at most an hour, then a random half to all of it (full jitter would let
/// the wait be zero).
pub(crate) fn delay(first: Duration, attempt: u32) -> Duration {
    let exponential = first.saturating_mul(1 << attempt.saturating_sub(1).min(20)).min(Duration::from_secs(3600));
    exponential.mul_f64(0.5 + fastrand::f64() * 0.5)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::delay;

    #[test]
    fn delays_double_with_jitter() {
        let first = Duration::from_millis(100);
        for (attempt, full) in [(1, 100), (2, 200), (3, 400)] {
            let waited = delay(first, attempt);
            let full = Duration::from_millis(full);
            assert!(waited >= full / 2 && waited <= full, "attempt {attempt}: {waited:?}");
        }
        let capped = delay(Duration::from_secs(3600), 30);
        assert!(capped >= Duration::from_secs(1800) && capped <= Duration::from_secs(3600), "{capped:?}");
    }
}
