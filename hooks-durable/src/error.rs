//! The one error type of the crate.

use std::error::Error as StdError;

/// What can go wrong when enqueueing, running workers or managing dead jobs.
///
/// Every message says what failed and, where there is one, what to do about it.
///
/// ```
/// let error = hooks_durable::Error::NotInstalled;
/// assert!(error.to_string().contains("install()"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A trigger with a transaction ran before any [`Engine`](crate::Engine) was installed.
    #[error(
        "no durable-hooks engine is installed: build one with `hooks_durable::Engine::sqlite(pool)` or \
         `Engine::postgres(pool)` and call `install()` on it before triggering with a transaction"
    )]
    NotInstalled,

    /// The trigger's transaction is of another database than the installed engine's.
    #[error("the trigger's transaction is {transaction} but the installed durable-hooks engine runs on {engine}")]
    WrongDatabase {
        /// The installed engine's database.
        engine: &'static str,
        /// The transaction's database.
        transaction: &'static str,
    },

    /// [`Job::sqlite`](crate::Job::sqlite) on a PostgreSQL job, or the reverse.
    #[error("this job's transaction is {actual}, not {requested}")]
    WrongTransaction {
        /// The database the callback asked for.
        requested: &'static str,
        /// The job's database.
        actual: &'static str,
    },

    /// A durable callback of the triggered hook takes another payload type than the trigger's.
    #[error(
        "durable callback `{callback}` of hook `{hook}` does not take the trigger's payload `{payload}`: \
         nothing was enqueued and no callback ran; roll the transaction back"
    )]
    PayloadType {
        /// The hook.
        hook: &'static str,
        /// The callback's path.
        callback: &'static str,
        /// The trigger's payload type.
        payload: &'static str,
    },

    /// The payload could not be serialized to JSON.
    #[error("the payload of hook `{hook}` cannot be serialized to JSON: {source}")]
    Serialize {
        /// The hook.
        hook: &'static str,
        /// Why.
        source: serde_json::Error,
    },

    /// [`Engine::retry`](crate::Engine::retry) of a job that is not dead (or not a durable callback's).
    #[error("job {id} is not a dead durable-callback job{}", state.map(|s| format!(" (it is {s})")).unwrap_or_default())]
    NotDead {
        /// The job's id.
        id: i64,
        /// Its state, `None` when there is no such job.
        state: Option<&'static str>,
    },

    /// An option of the [`EngineBuilder`](crate::EngineBuilder) is out of range.
    #[error("invalid durable-hooks configuration: {0}")]
    Config(String),

    /// The database failed (connecting, beginning or committing a transaction).
    #[error("database error: {0}")]
    Database(#[from] riverqueue::sqlx::Error),

    /// The job engine failed (inserting, migrating, listing, starting or stopping).
    #[error("job engine error: {0}")]
    Engine(#[source] Box<dyn StdError + Send + Sync>),
}

impl Error {
    pub(crate) fn engine(error: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Error::Engine(error.into())
    }
}
