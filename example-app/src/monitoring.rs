//! Monitoring: the record of everything that failed.
//!
//! Callbacks, in context [`monitoring`](crate::events::monitoring):
//! - [`system_error`], priority 1: writes the failure to the
//!   `hook_failures` table (hook, callback, error, time, payload summary; never secrets, which
//!   payloads do not carry).
//! - [`job_failed`] (fired by a worker of hooks-durable), priority 1: writes each failed attempt
//!   of a durable callback to the same table, with the job, its event and the attempt as summary.
//! - [`module_initialized`]: checks the table.

use hooks_core::hook_callback;
use hooks_durable::{JobFailed, job_failed};

use crate::database::Db;
use crate::events::{self, ModuleInitialized, SystemError, Timestamp, module_initialized, new_id, system_error};
use crate::readiness;

/// Checks that the hook_failures table is reachable.
#[hook_callback(module_initialized, priority = 1, context = events::monitoring)]
async fn ready(event: &ModuleInitialized) -> Result<(), sqlx::Error> {
    readiness::check_table(&event.db, "hook_failures").await
}

/// Records one failure.
#[hook_callback(system_error, priority = 1, context = events::monitoring)]
async fn record_failure(event: &SystemError) -> Result<(), sqlx::Error> {
    let failure = Failure { hook: &event.hook, callback: &event.callback, error: &event.error, at: event.at };
    failure.insert(&event.db, &event.payload_summary).await
}

/// Records a failed attempt of a durable callback (the attempt's own writes were rolled back).
#[hook_callback(job_failed, priority = 1, context = events::monitoring)]
async fn record_failed_job(event: &JobFailed) -> Result<(), sqlx::Error> {
    let failure = Failure { hook: event.hook, callback: event.callback, error: &event.error, at: Timestamp::now() };
    let summary = format!(
        "job={} event_id={} attempt={}/{}{}",
        event.job_id,
        event.event_id,
        event.attempt,
        event.max_attempts,
        if event.is_dead() { " dead" } else { "" }
    );
    failure.insert(&Db::from(event.database.clone()), &summary).await
}

/// A row of `hook_failures`.
struct Failure<'a> {
    hook: &'a str,
    callback: &'a str,
    error: &'a str,
    at: Timestamp,
}

impl Failure<'_> {
    async fn insert(&self, db: &Db, payload_summary: &str) -> Result<(), sqlx::Error> {
        let (id, at) = (new_id("failure"), self.at.to_string());
        crate::on_db!(db, |pool| {
            sqlx::query(
                "INSERT INTO hook_failures (id, hook, callback, error, occurred_at, payload_summary) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&id)
            .bind(self.hook)
            .bind(self.callback)
            .bind(self.error)
            .bind(&at)
            .bind(payload_summary)
            .execute(pool)
            .await
            .map(|_| ())
        })?;
        tracing::warn!("recorded failure {id}: {} of {}", self.callback, self.hook);
        Ok(())
    }
}
