//! Payments: charging a purchase through a payment provider.
//!
//! Callbacks, in context [`payments`](crate::events::payments):
//! - [`credit_purchase`], priority 1: charges the purchase's payment method through the
//!   installed [`PaymentProvider`] (the purchase id is the charge's idempotency key), answers in
//!   the payload's slot, and fires [`payment_processed`] (approved, with the credits that the
//!   [`credit_amount`] filters computed) or [`payment_failed`] (declined) in the purchase's
//!   transaction. A failing callback of `payment_processed` fails
//!   this one, so the purchase endpoint rolls everything back.
//! - [`module_initialized`]: nothing to check (no table of its own); says which provider runs.
//!
//! The built-in provider is a [`Simulation`]; a real one plugs in with [`install`] at startup.

mod provider;

use hooks_core::hook_callback;

pub use provider::{Charge, ChargeFuture, Charged, PaymentProvider, Simulation, install};

use crate::events::{
    self, CreditPurchase, ModuleInitialized, PaymentFailed, PaymentOutcome, PaymentProcessed, Timestamp, credit_amount,
    credit_purchase, module_initialized, payment_failed, payment_processed,
};

/// Reports that the module is ready.
#[hook_callback(module_initialized, priority = 1, context = events::payments)]
async fn ready(_: &ModuleInitialized) {
    tracing::info!("ready: payments through the installed provider");
}

/// Charges the purchase and fires what follows from the answer.
#[hook_callback(credit_purchase, priority = 1, context = events::payments)]
async fn charge(event: &CreditPurchase) -> Result<(), String> {
    let charge = Charge {
        payment_method: event.payment_method.clone(),
        amount: event.amount,
        currency: event.currency.clone(),
        idempotency_key: event.purchase_id.clone(),
    };
    match provider::installed().charge(&charge).await? {
        Charged::Approved(payment_id) => {
            // A failing promotion is reported (and recorded) and skipped: the buyer gets the
            // credits of the filters that succeeded.
            let (credits, _report) = hooks_core::apply_filters!(credit_amount, event.amount, event);
            let processed = PaymentProcessed {
                purchase_id: event.purchase_id.clone(),
                payment_id: payment_id.clone(),
                user_id: event.user_id.clone(),
                wallet_id: event.wallet_id.clone(),
                amount: event.amount,
                credits,
                currency: event.currency.clone(),
                app_name: event.app_name.clone(),
                at: Timestamp::now(),
                tx: event.tx.clone(),
            };
            tracing::info!(user_id = %event.user_id, "charged {} {}: payment {payment_id}", event.amount, event.currency);
            let report = hooks_core::trigger_async!(payment_processed, &processed).await;
            if let Some(failure) = report.failures().first() {
                return Err(format!(
                    "{} callback(s) of {} failed, first {}: {}",
                    report.failures().len(),
                    payment_processed::NAME,
                    failure.callback_path(),
                    failure.message()
                ));
            }
            event.payment.set(PaymentOutcome::Approved { payment_id, credits });
        }
        Charged::Declined(reason) => {
            let failed = PaymentFailed {
                purchase_id: event.purchase_id.clone(),
                user_id: event.user_id.clone(),
                amount: event.amount,
                currency: event.currency.clone(),
                reason: reason.clone(),
                tx: event.tx.clone(),
            };
            tracing::info!(user_id = %event.user_id, "payment declined: {reason}");
            let report = hooks_core::trigger_async!(payment_failed, &failed).await;
            if let Some(failure) = report.failures().first() {
                return Err(format!("a callback of {} failed: {}", payment_failed::NAME, failure.message()));
            }
            event.payment.set(PaymentOutcome::Declined { reason });
        }
    }
    Ok(())
}
