//! The check every module runs on [`module_initialized`](crate::events::module_initialized):
//! its table is reachable after the migrations.

use sqlx::AssertSqlSafe;

use crate::events::Db;

/// Counts the rows of `table` and logs the count; an error when the table cannot be read.
///
/// `table` is part of the SQL, so it is a name written in the code, never input.
pub async fn check_table(db: &Db, table: &'static str) -> Result<(), sqlx::Error> {
    let (rows,): (i64,) = sqlx::query_as(AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"))).fetch_one(db).await?;
    tracing::info!("ready: {rows} row(s) in {table}");
    Ok(())
}
