//! The credit system of the original hook-system document, as an HTTP service.
//!
//! Each module is one file or folder and talks to the others only through the typed hooks,
//! contexts and payloads of [`events`]:
//!
//! | module | role | callbacks |
//! |---|---|---|
//! | [`user_management`] | `POST /public/register`, `POST /public/login`; triggers `user_created`, `user_login` | `user_login` |
//! | [`wallet`] | `GET /wallet/info`, `POST /wallet/purchase` (triggers `credit_purchase` in the purchase's transaction) | `user_created` durable (fires `wallet_opened`), `payment_processed` 5 |
//! | [`communications`] | notifications | `user_created` durable, `payment_processed` 10 |
//! | [`transactions`] | the ledger | `wallet_opened` durable, `payment_processed` after the wallet's credit |
//! | [`promotions`] | bonus credits on large purchases | `credit_amount` filter 5 |
//! | [`monitoring`] | the `hook_failures` table | `system_error` 1, `hooks_durable::job_failed` 1 |
//!
//! Every module also answers `module_initialized` in its own context at startup. Besides
//! [`events`], the modules share three pieces of plumbing: [`http`] (the request handlers'
//! environment, error answer and body parsing), [`failures`] (what failed, recorded through
//! `system_error`) and [`readiness`] (the table check of their `module_initialized` callbacks).
//! The `user_created` and `wallet_opened` callbacks are durable: enqueued in the registration's
//! transaction (or the wallet's) and run by workers (in the server, or in a separate
//! `example-app worker` process).
//! [`server`] wires the routes to the [`database`] (SQLite by default, or PostgreSQL);
//! [`demo`] plays the original test script
//! against it. No module registers anything: the callbacks are collected at link time.
//!
//! ```
//! use example_app::server::{Config, Server};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let path = std::env::temp_dir().join(format!("example-app-doc-{}.db", std::process::id()));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let server = Server::start(listener, &Config::new(format!("sqlite:{}", path.display()))).await?;
//! println!("serving on http://{}", server.addr());
//! server.stop().await?;
//! # for suffix in ["", "-wal", "-shm"] { let _ = std::fs::remove_file(format!("{}{suffix}", path.display())); }
//! # Ok(())
//! # }
//! ```

pub mod communications;
pub mod database;
pub mod demo;
pub mod events;
pub mod failures;
pub mod http;
pub mod idempotency;
pub mod monitoring;
pub mod payments;
pub mod promotions;
pub mod readiness;
pub mod server;
pub mod sessions;
pub mod transactions;
pub mod user_management;
pub mod wallet;
