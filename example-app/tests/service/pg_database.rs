//! A PostgreSQL database of one test: created on the server of `HOOKS_TEST_POSTGRES_URL`, dropped
//! when the test ends, also when it fails.

use sqlx::AssertSqlSafe;

/// A PostgreSQL database of one test, created on the server of `HOOKS_TEST_POSTGRES_URL` and
/// dropped when this is dropped (also when the test fails).
pub(crate) struct PgDatabase {
    /// The server's URL, as the environment gives it (to drop the database).
    admin: String,
    name: String,
    /// The URL of the test's database.
    pub(crate) url: String,
}

impl PgDatabase {
    /// A new database for the test `test`; `None` (with a line saying the test is skipped) when
    /// `HOOKS_TEST_POSTGRES_URL` is not set.
    pub(crate) async fn create(test: &str) -> Option<PgDatabase> {
        let Ok(admin) = std::env::var("HOOKS_TEST_POSTGRES_URL") else {
            println!("{test}: skipped, set HOOKS_TEST_POSTGRES_URL to run it on PostgreSQL");
            return None;
        };
        let unique = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_nanos();
        let name = format!("hooks_test_{}_{unique}", std::process::id());
        let mut server = connect_server(&admin).await;
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut server)
            .await
            .expect("the test database is created");
        let url = with_database(&admin, &name);
        Some(PgDatabase { admin, name, url })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        // Dropping needs the server: on a thread of its own, with its own runtime, as this may run
        // inside the test's runtime.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            runtime.block_on(async {
                let mut server = connect_server(&admin).await;
                sqlx::query(AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                    .execute(&mut server)
                    .await
                    .map(|_| ())
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("the test database {} was not dropped: {dropped:?}", self.name);
        }
    }
}

/// A connection to the server of `url`, for creating and dropping databases.
async fn connect_server(url: &str) -> sqlx::postgres::PgConnection {
    <sqlx::postgres::PgConnection as sqlx::Connection>::connect(url)
        .await
        .expect("HOOKS_TEST_POSTGRES_URL accepts connections")
}

/// `url` (`postgres://user@host:port/db?options`) naming the database `name` instead.
fn with_database(url: &str, name: &str) -> String {
    let (head, query) = url.split_once('?').map_or((url, None), |(head, query)| (head, Some(query)));
    let authority = head.find("://").map_or(0, |at| at + 3);
    let server = head[authority..].find('/').map_or(head, |slash| &head[..authority + slash]);
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

#[test]
fn a_postgresql_url_names_another_database() {
    assert_eq!(with_database("postgres://postgres@127.0.0.1:5432/test", "x"), "postgres://postgres@127.0.0.1:5432/x");
    assert_eq!(with_database("postgres://u:p@h/test?sslmode=disable", "x"), "postgres://u:p@h/x?sslmode=disable");
    assert_eq!(with_database("postgres://h:5432", "x"), "postgres://h:5432/x");
}
