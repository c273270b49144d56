//! Opening the database and applying the embedded migrations.

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlSafeStr;
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

use crate::database::Db;

/// The migrations in `example-app/migrations`, compiled into the binary: (version, description, SQL).
const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../../migrations/0001_initial.sql")),
    (2, "sessions", include_str!("../../migrations/0002_sessions.sql")),
    (3, "idempotency", include_str!("../../migrations/0003_idempotency.sql")),
    (4, "login failures", include_str!("../../migrations/0004_login_failures.sql")),
];

/// How long a connection waits for another writer before giving up (SQLite has one writer), and
/// how long a request waits for a connection of the pool.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The connections of one instance's pool (requests and workers together).
const MAX_CONNECTIONS: u32 = 8;

/// Why the database could not be opened.
#[derive(Debug)]
pub enum DbError {
    /// The URL names a database this build does not support.
    Unsupported(String),
    /// Connecting failed.
    Connect(sqlx::Error),
    /// A migration failed.
    Migrate(sqlx::migrate::MigrateError),
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbError::Unsupported(url) => {
                write!(f, "unsupported database URL {url:?}: expected sqlite:PATH or postgres://USER@HOST/DATABASE")
            }
            DbError::Connect(error) => write!(f, "cannot open the database: {error}"),
            DbError::Migrate(error) => write!(f, "cannot migrate the database: {error}"),
        }
    }
}

impl std::error::Error for DbError {}

/// Opens the database at `url` and applies the pending migrations: SQLite for `sqlite:PATH`
/// (created if missing, in WAL mode with foreign keys on), PostgreSQL for `postgres://...` or
/// `postgresql://...` (the database must exist).
pub async fn connect(url: &str) -> Result<Db, DbError> {
    let db = if url.starts_with("sqlite:") {
        Db::Sqlite(sqlite(url).await?)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(BUSY_TIMEOUT)
            .connect(url)
            .await
            .map_err(DbError::Connect)?;
        Db::Postgres(pool)
    } else {
        return Err(DbError::Unsupported(url.to_owned()));
    };
    let migrator = Migrator::new(Embedded).await.map_err(DbError::Migrate)?;
    crate::on_db!(&db, |pool| migrator.run(pool).await).map_err(DbError::Migrate)?;
    Ok(db)
}

async fn sqlite(url: &str) -> Result<sqlx::SqlitePool, DbError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(DbError::Connect)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
    SqlitePoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .acquire_timeout(BUSY_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(DbError::Connect)
}

/// The [`MIGRATIONS`] as a migration source.
#[derive(Debug)]
struct Embedded;

impl MigrationSource<'static> for Embedded {
    fn resolve(self) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 'static>> {
        Box::pin(async {
            Ok(MIGRATIONS
                .iter()
                .map(|&(version, description, sql)| {
                    Migration::new(
                        version,
                        Cow::Borrowed(description),
                        MigrationType::Simple,
                        sql.into_sql_str(),
                        false,
                    )
                })
                .collect())
        })
    }
}
