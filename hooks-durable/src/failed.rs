//! The hook a worker fires when an attempt of a durable callback fails: monitoring, alerts, a
//! failure table, without reading the engine's tables.

use crate::engine::Database;
use crate::job::Facts;

hooks_core::declare_hook! {
    /// Fired by a worker after an attempt of a durable callback failed (it returned an error or
    /// panicked), once the attempt's transaction was rolled back. Not fired for an attempt
    /// cancelled by a shutdown, which is handed back without using the attempt.
    ///
    /// Its callbacks are ordinary in-process callbacks of the worker's process; their failures
    /// are logged, never fired again.
    ///
    /// ```
    /// use hooks_core::hook_callback;
    /// use hooks_durable::JobFailed;
    ///
    /// #[hook_callback(hooks_durable::job_failed)]
    /// fn alert(failed: &JobFailed) {
    ///     if failed.is_dead() {
    ///         eprintln!("{} gave up on event {}: {}", failed.callback, failed.event_id, failed.error);
    ///     }
    /// }
    /// ```
    pub job_failed: JobFailed;
}

/// The payload of [`job_failed`]: which attempt of which callback failed, and why.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct JobFailed {
    /// The job's id, as [`Engine::dead_jobs`](crate::Engine::dead_jobs) lists it.
    pub job_id: i64,
    /// The hook of the callback.
    pub hook: &'static str,
    /// The callback's path.
    pub callback: &'static str,
    /// The event id of the trigger that enqueued the job.
    pub event_id: String,
    /// The attempt that failed, from 1.
    pub attempt: u16,
    /// The attempts the job has in all.
    pub max_attempts: u16,
    /// The callback's error, or the panic's message.
    pub error: String,
    /// The engine's database, for callbacks that record the failure in it.
    pub database: Database,
}

impl JobFailed {
    /// Whether this was the last attempt: the job is dead, kept until retried by hand.
    ///
    /// ```
    /// fn severity(failed: &hooks_durable::JobFailed) -> &'static str {
    ///     if failed.is_dead() { "error" } else { "warning" }
    /// }
    /// ```
    pub fn is_dead(&self) -> bool {
        self.attempt >= self.max_attempts
    }
}

/// Fires [`job_failed`] for the failed attempt `facts` describes.
pub(crate) async fn announce(facts: &Facts, error: &str, database: &Database) {
    let failed = JobFailed {
        job_id: facts.id,
        hook: facts.hook,
        callback: facts.callback,
        event_id: facts.event_id.clone(),
        attempt: facts.attempt,
        max_attempts: facts.max_attempts,
        error: error.to_owned(),
        database: database.clone(),
    };
    // hooks-core logs each callback that fails; nothing fires again.
    let _report = hooks_core::trigger_async!(job_failed, &failed).await;
}
