//! The check every module runs on [`module_initialized`](crate::events::module_initialized):
//! its table is reachable after the migrations.

use sqlx::AssertSqlSafe;

use crate::events::Db;

/// Counts the rows of `table` and logs the count; an error when the table cannot be read.
///
/// `table` is part of the SQL, so it is a name written in the code, never input.
pub async fn check_table(db: &Db, table: &'static str) -> Result<(), sqlx::Error> {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    let (rows,): (i64,) = crate::on_db!(db, |pool| sqlx::query_as(AssertSqlSafe(sql)).fetch_one(pool).await)?;
    tracing::info!("ready: {rows} row(s) in {table}");
    Ok(())
}
