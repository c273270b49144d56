//! The delay between two attempts of a failing job.

use std::time::Duration;

/// Exponential backoff without jitter: after failed attempt `n` (1-based) the job waits
/// `base * factor^(n - 1)`, at most `cap`.
///
/// The engine computes the delay when an attempt fails and stores the next attempt's time in the
/// job's row, so a restart or another instance keeps the schedule. The default is 1 s, factor 3,
/// at most 1 hour: 1 s, 3 s, 9 s, 27 s, ... about two hours over the default 10 attempts.
///
/// ```
/// use std::time::Duration;
/// use hooks_durable::Backoff;
///
/// let backoff = Backoff::new(Duration::from_millis(10), 2, Duration::from_millis(50));
/// assert_eq!(backoff.delay(1), Duration::from_millis(10));
/// assert_eq!(backoff.delay(2), Duration::from_millis(20));
/// assert_eq!(backoff.delay(3), Duration::from_millis(40));
/// assert_eq!(backoff.delay(4), Duration::from_millis(50));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    base: Duration,
    factor: u32,
    cap: Duration,
}

impl Backoff {
    /// `base` after the first failure, multiplied by `factor` after each further one, at most
    /// `cap`. A `factor` of 1 gives a constant delay.
    ///
    /// See [`Backoff`] for an example.
    pub const fn new(base: Duration, factor: u32, cap: Duration) -> Self {
        Backoff { base, factor, cap }
    }

    /// The delay after failed attempt `attempt` (1-based; 0 counts as 1).
    ///
    /// See [`Backoff`] for an example.
    pub fn delay(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1);
        let multiplier = self.factor.checked_pow(exponent).unwrap_or(u32::MAX);
        self.base.checked_mul(multiplier).unwrap_or(Duration::MAX).min(self.cap)
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new(Duration::from_secs(1), 3, Duration::from_secs(3600))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_attempts_stay_at_the_cap() {
        let backoff = Backoff::default();
        assert_eq!(backoff.delay(0), Duration::from_secs(1));
        assert_eq!(backoff.delay(40), Duration::from_secs(3600));
        assert_eq!(backoff.delay(u32::MAX), Duration::from_secs(3600));
    }
}
