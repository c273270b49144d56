//! A trigger with the caller's transaction: enqueue the durable callbacks in it, then run the
//! in-process callbacks.
//!
//! # What a trigger enqueues
//!
//! The durable callbacks of the site's hook that the site's context reaches (that context's and
//! the global ones; all of them for a site without a context), one job each, all sharing one
//! event id: a UUID version 7 made here, or the `event = ...` the trigger was given. The payload
//! is serialized once. The jobs become visible to workers when the caller's transaction commits
//! and vanish if it rolls back.
//!
//! # When it fails
//!
//! Before anything is enqueued or run, a trigger fails with [`Error::NotInstalled`] (no engine),
//! [`Error::WrongDatabase`] (the transaction's database is not the engine's) or
//! [`Error::PayloadType`] (a durable callback of the hook takes another payload type): the
//! in-process callbacks do not run either, so a caller that rolls back on the error has no side
//! effect at all. A durable callback cannot be skipped silently the way an in-process callback
//! with another payload type is reported in the trigger's report: its job would be lost.

use std::future::Future;

use hooks_core::__private::CallSite;
use hooks_core::{Callback, TriggerReport, TriggerSite};
use riverqueue::sqlx;
use serde::Serialize;

use crate::Error;
use crate::backend::{Backend, BoxFuture, DatabaseKind, Db, Enqueued, NewJob};
use crate::engine::installed;

/// Not public API. Used by generated code: the caller's transaction, SQLite or PostgreSQL.
pub struct TxRef<'a>(&'a mut (dyn Enqueue + 'a));

impl<'a, 'c, DB: Db> From<&'a mut sqlx::Transaction<'c, DB>> for TxRef<'a> {
    fn from(tx: &'a mut sqlx::Transaction<'c, DB>) -> Self {
        TxRef(tx)
    }
}

impl std::fmt::Debug for TxRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("TxRef").field(&self.0.database()).finish()
    }
}

/// A transaction jobs can be enqueued in, whatever the lifetime of its connection.
pub(crate) trait Enqueue: Send {
    fn database(&self) -> DatabaseKind;

    fn enqueue<'s>(
        &'s mut self,
        backend: &'s dyn Backend,
        jobs: Vec<NewJob<'s>>,
    ) -> BoxFuture<'s, Result<Vec<Enqueued>, Error>>;
}

impl<DB: Db> Enqueue for sqlx::Transaction<'_, DB> {
    fn database(&self) -> DatabaseKind {
        DB::KIND
    }

    fn enqueue<'s>(
        &'s mut self,
        backend: &'s dyn Backend,
        jobs: Vec<NewJob<'s>>,
    ) -> BoxFuture<'s, Result<Vec<Enqueued>, Error>> {
        DB::enqueue(backend, self, jobs)
    }
}

/// Not public API. Used by generated code (`trigger_async!(hook, &payload, tx = &mut tx)`):
/// enqueues the site's durable callbacks in `tx`, then runs its in-process callbacks and returns
/// their report.
pub fn trigger<'a, T: Serialize + Sync + 'static>(
    site: &'static CallSite,
    payload: &'a T,
    tx: impl Into<TxRef<'a>>,
    event: Option<String>,
) -> impl Future<Output = Result<TriggerReport, Error>> + Send + 'a {
    let TxRef(tx) = tx.into();
    async move {
        let Some(backend) = installed() else { return Err(Error::NotInstalled) };
        if backend.database() != tx.database() {
            return Err(Error::WrongDatabase { engine: backend.database().name(), transaction: tx.database().name() });
        }
        let callbacks = durable_callbacks::<T>(site.site())?;
        if !callbacks.is_empty() {
            enqueue(&*backend, tx, site.site().hook(), &callbacks, payload, event).await?;
        }
        Ok(site.trigger_async(payload, false).await)
    }
}

/// The durable callbacks the site reaches; an error when one of them takes another payload type.
fn durable_callbacks<T: 'static>(site: &TriggerSite) -> Result<Vec<&'static Callback>, Error> {
    let Some(hook) = hooks_core::registry().hook(site.hook()) else { return Ok(Vec::new()) };
    let mut reached: Vec<&'static Callback> =
        hook.callbacks_reached_by(site.context()).filter(|c| c.durable().is_some()).collect();
    // River refuses a batch that repeats a unique key: one job per callback path, even if two
    // copies of a crate register the same path.
    reached.sort_by_key(|callback| callback.path());
    reached.dedup_by_key(|callback| callback.path());
    match reached.iter().find(|callback| !callback.takes_payload::<T>()) {
        Some(callback) => Err(Error::PayloadType {
            hook: hook.name(),
            callback: callback.path(),
            payload: std::any::type_name::<T>(),
        }),
        None => Ok(reached),
    }
}

/// Serializes the payload once and enqueues one job per callback.
async fn enqueue<T: Serialize>(
    backend: &dyn Backend,
    tx: &mut (dyn Enqueue + '_),
    hook: &'static str,
    callbacks: &[&'static Callback],
    payload: &T,
    event: Option<String>,
) -> Result<(), Error> {
    let payload = serde_json::value::to_raw_value(payload).map_err(|source| Error::Serialize { hook, source })?;
    let event_id = event.unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    let jobs = callbacks
        .iter()
        .map(|callback| {
            let durable = callback.durable().expect("only durable callbacks are enqueued");
            NewJob {
                hook,
                callback: callback.path(),
                event_id: &event_id,
                payload: &payload,
                max_attempts: durable.max_attempts(),
                queue: durable.queue(),
            }
        })
        .collect();
    let enqueued = tx.enqueue(backend, jobs).await?;
    let duplicates = enqueued.iter().filter(|job| job.duplicate).count();
    tracing::debug!(
        target: "hooks",
        hook,
        event = %event_id,
        enqueued = enqueued.len() - duplicates,
        duplicates,
        "durable callbacks enqueued in the caller's transaction",
    );
    Ok(())
}
