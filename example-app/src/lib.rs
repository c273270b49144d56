//! The credit system of the original hook-system document, played in-process.
//!
//! Each module is one file and talks to the others only through the typed hooks, contexts and
//! payloads of [`events`] (and the shared [`store`]):
//!
//! | module | role | on [`user_created`](events::user_created) |
//! |---|---|---|
//! | [`user_management`] | validates and stores a new user, triggers `user_created` | |
//! | [`wallet`] | opens a wallet: balance 0, currency `"credits"` | priority 5, context [`events::wallet`] |
//! | [`communications`] | sends the welcome notification | priority 10, context [`events::communications`] |
//! | [`transactions`] | records the wallet's opening transaction | priority 15, context [`events::transactions`] |
//!
//! No module registers anything: the callbacks are collected at link time. [`run_demo`] plays
//! one registration and checks what the modules did.
//!
//! ```
//! let mut output = Vec::new();
//! let summary = example_app::run_demo(&mut output).unwrap();
//! assert_eq!(summary.execution_order, ["wallet", "communications", "transactions"]);
//! assert_eq!(summary.counts, example_app::EXPECTED_COUNTS);
//! ```

pub mod communications;
mod demo;
pub mod events;
pub mod store;
pub mod transactions;
pub mod user_management;
pub mod wallet;

pub use demo::{DemoError, DemoSummary, EXPECTED_COUNTS, EXPECTED_ORDER, run_demo};
