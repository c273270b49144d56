//! The demo: one registration, played through every module, then checked.

use std::error::Error;
use std::fmt;
use std::io::{self, Write};

use hooks_core::{TriggerReport, Validation};

use crate::events::UserCreated;
use crate::store::{self, Counts, Notification, Transaction, Wallet};
use crate::user_management::{NewUser, Registration, RegistrationError, register_user};
use crate::{communications, transactions, wallet};

/// The order in which the `user_created` callbacks must run: by priority 5, 10, 15.
pub const EXPECTED_ORDER: [&str; 3] = [wallet::NAME, communications::NAME, transactions::NAME];

/// The records one registration must leave behind.
pub const EXPECTED_COUNTS: Counts = Counts { users: 1, wallets: 1, notifications: 1, transactions: 1 };

/// What the demo did, for the caller to inspect further.
#[derive(Debug)]
pub struct DemoSummary {
    /// The `user_created` payload of the registered user.
    pub user: UserCreated,
    /// The hook's report.
    pub report: TriggerReport,
    /// The modules whose callbacks ran for the user, in order.
    pub execution_order: Vec<&'static str>,
    /// The user's records in the store.
    pub counts: Counts,
    /// The user's wallet.
    pub wallet: Option<Wallet>,
    /// The user's notifications.
    pub notifications: Vec<Notification>,
    /// The user's transactions.
    pub transactions: Vec<Transaction>,
    /// The registry's validation findings.
    pub validation: Validation,
    /// The registry dump, as printed.
    pub dump: String,
}

/// Why the demo failed.
#[derive(Debug)]
pub enum DemoError {
    /// Writing the output failed.
    Io(io::Error),
    /// The demo user was refused (in a process that already ran the demo: `UsernameTaken`).
    Registration(RegistrationError),
    /// The registration went through, but the hook did not do what it must; one line per
    /// problem.
    Checks(Vec<String>),
}

impl fmt::Display for DemoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DemoError::Io(error) => write!(f, "cannot write the demo output: {error}"),
            DemoError::Registration(error) => write!(f, "the demo user was refused: {error}"),
            DemoError::Checks(problems) => {
                write!(f, "{} check(s) failed:", problems.len())?;
                for problem in problems {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl Error for DemoError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            DemoError::Io(error) => Some(error),
            DemoError::Registration(error) => Some(error),
            DemoError::Checks(_) => None,
        }
    }
}

impl From<io::Error> for DemoError {
    fn from(error: io::Error) -> Self {
        DemoError::Io(error)
    }
}

impl From<RegistrationError> for DemoError {
    fn from(error: RegistrationError) -> Self {
        DemoError::Registration(error)
    }
}

/// Registers the user `ada` through user management, prints what every module did, the
/// registry's validation and dump, and checks the outcome.
///
/// Returns [`DemoError::Checks`] (after printing everything) when the hook report has failures,
/// the callbacks did not run in [`EXPECTED_ORDER`], the store does not hold
/// [`EXPECTED_COUNTS`] for the user, or validation found errors. The store is process-wide and
/// keeps `ada`, so a second call in one process is refused with
/// [`RegistrationError::UsernameTaken`].
pub fn run_demo(out: &mut impl Write) -> Result<DemoSummary, DemoError> {
    let new_user = NewUser {
        username: "ada".to_owned(),
        email: "ada@example.com".to_owned(),
        first_name: "Ada".to_owned(),
        last_name: "Lovelace".to_owned(),
        app_id: "credit_demo".to_owned(),
        app_name: "Credit Demo".to_owned(),
        source: "external_app".to_owned(),
    };
    writeln!(out, "== Credit system: user registration through the `user_created` hook ==")?;
    writeln!(out)?;
    writeln!(
        out,
        "registering {} <{}> for app {:?} ({}), source {}",
        new_user.username, new_user.email, new_user.app_name, new_user.app_id, new_user.source
    )?;
    let Registration { event: user, report } = register_user(new_user)?;
    writeln!(out, "stored user {} at {}", user.user_id, user.created_at)?;
    writeln!(out)?;
    writeln!(out, "trigger report: {report}")?;

    let (execution_order, counts, totals, wallet, notifications, transactions) = {
        let store = store::lock();
        (
            store.execution_order_of(&user.user_id),
            store.counts_of(&user.user_id),
            store.totals(),
            store.wallet_of(&user.user_id).cloned(),
            store.notifications_of(&user.user_id).cloned().collect::<Vec<_>>(),
            store.transactions_of(&user.user_id).cloned().collect::<Vec<_>>(),
        )
    };

    writeln!(out)?;
    writeln!(out, "execution order:")?;
    for (index, name) in execution_order.iter().enumerate() {
        writeln!(out, "  {}. {name}", index + 1)?;
    }

    writeln!(out)?;
    writeln!(out, "store for {}:", user.user_id)?;
    writeln!(out, "  wallets:       {}", counts.wallets)?;
    if let Some(wallet) = &wallet {
        writeln!(
            out,
            "    {}: balance {} {}, opened {}",
            wallet.id, wallet.balance, wallet.currency, wallet.created_at
        )?;
    }
    writeln!(out, "  notifications: {}", counts.notifications)?;
    for notification in &notifications {
        writeln!(
            out,
            "    {}: [{}, priority {}, {}] {:?}",
            notification.id, notification.kind, notification.priority, notification.status, notification.title
        )?;
        writeln!(out, "      message:  {}", notification.message)?;
        let metadata = &notification.metadata;
        writeln!(
            out,
            "      metadata: source {}, app {:?}, email {}",
            metadata.source, metadata.app_name, metadata.email
        )?;
    }
    writeln!(out, "  transactions:  {}", counts.transactions)?;
    for transaction in &transactions {
        writeln!(
            out,
            "    {}: {} of {} {} on {}, balance after {} ({})",
            transaction.id,
            transaction.kind,
            transaction.amount,
            transaction.currency,
            transaction.wallet_id,
            transaction.balance_after,
            transaction.description
        )?;
    }
    writeln!(
        out,
        "store totals: {} user(s), {} wallet(s), {} notification(s), {} transaction(s)",
        totals.users, totals.wallets, totals.notifications, totals.transactions
    )?;

    let registry = hooks_core::registry();
    let validation = registry.validate();
    writeln!(out)?;
    writeln!(out, "validation: {validation}")?;
    let dump = registry.dump().to_string();
    writeln!(out)?;
    writeln!(out, "registry:")?;
    write!(out, "{dump}")?;

    let problems = check(&report, &execution_order, counts, &validation);
    writeln!(out)?;
    if problems.is_empty() {
        writeln!(out, "checks: ok (3 callbacks, in priority order; 1 wallet, 1 notification, 1 transaction)")?;
    } else {
        writeln!(out, "checks: {} failed", problems.len())?;
        for problem in &problems {
            writeln!(out, "  - {problem}")?;
        }
        return Err(DemoError::Checks(problems));
    }
    Ok(DemoSummary { user, report, execution_order, counts, wallet, notifications, transactions, validation, dump })
}

fn check(report: &TriggerReport, order: &[&'static str], counts: Counts, validation: &Validation) -> Vec<String> {
    let mut problems = Vec::new();
    if !report.is_ok() {
        problems.push(format!("the hook reported failures: {report}"));
    }
    if report.ran() != EXPECTED_ORDER.len() {
        problems.push(format!("{} callback(s) ran, expected {}", report.ran(), EXPECTED_ORDER.len()));
    }
    if order != EXPECTED_ORDER {
        problems.push(format!("execution order {order:?}, expected {EXPECTED_ORDER:?}"));
    }
    if counts != EXPECTED_COUNTS {
        problems.push(format!("store counts {counts:?}, expected {EXPECTED_COUNTS:?}"));
    }
    if !validation.is_clean() {
        problems.push(format!("registry validation has errors:\n{validation}"));
    }
    problems
}
