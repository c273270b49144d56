//! Where the money comes from: the payment provider interface, and the built-in simulation.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::events::new_id;

/// A charge to make: `amount` credits, bought with `payment_method`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    /// The payment method, as the client names it (`pm_card_visa`).
    pub payment_method: String,
    /// Credits bought.
    pub amount: i64,
    /// The currency.
    pub currency: String,
    /// The same for every attempt to charge one purchase: a provider charges a key once.
    pub idempotency_key: String,
}

/// A provider's answer to a charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Charged {
    /// Approved, with the provider's payment id.
    Approved(String),
    /// Declined, with the provider's reason.
    Declined(String),
}

/// The provider's future answer.
pub type ChargeFuture<'a> = Pin<Box<dyn Future<Output = Result<Charged, String>> + Send + 'a>>;

/// A payment provider. A real one (a card processor's HTTP API) implements [`charge`] with the
/// charge's idempotency key passed on to the provider, so that retrying a purchase never charges
/// twice, and is installed at startup with [`install`]; `Err` is a provider that could not be
/// reached (the purchase then fails with a 500 and may be retried).
///
/// [`charge`]: PaymentProvider::charge
pub trait PaymentProvider: Send + Sync {
    /// Charges `charge`.
    fn charge<'a>(&'a self, charge: &'a Charge) -> ChargeFuture<'a>;
}

/// The process's provider: [`Simulation`] unless another was [`install`]ed first.
pub(super) fn installed() -> &'static dyn PaymentProvider {
    PROVIDER.get_or_init(|| Box::new(Simulation::default())).as_ref()
}

static PROVIDER: OnceLock<Box<dyn PaymentProvider>> = OnceLock::new();

/// Installs the payment provider of this process, before the first purchase; `Err` (with the
/// provider) when one is already in place.
///
/// ```
/// use example_app::payments::{ChargeFuture, Charge, Charged, PaymentProvider};
///
/// struct AlwaysApproves;
///
/// impl PaymentProvider for AlwaysApproves {
///     fn charge<'a>(&'a self, charge: &'a Charge) -> ChargeFuture<'a> {
///         Box::pin(async move { Ok(Charged::Approved(format!("pay_{}", charge.idempotency_key))) })
///     }
/// }
///
/// assert!(example_app::payments::install(Box::new(AlwaysApproves)).is_ok());
/// ```
pub fn install(provider: Box<dyn PaymentProvider>) -> Result<(), Box<dyn PaymentProvider>> {
    PROVIDER.set(provider)
}

/// The built-in provider: a simulation that follows the test payment-method names of the
/// best-known card payment API. `pm_card_visa` and `pm_card_mastercard` approve;
/// `pm_card_chargeDeclined` declines ("Your card was declined"),
/// `pm_card_chargeDeclinedInsufficientFunds` declines for insufficient funds; any other method is
/// declined as unknown. A key charged before returns the first answer again.
#[derive(Debug, Default, Clone)]
pub struct Simulation {
    charged: Arc<Mutex<HashMap<String, Charged>>>,
}

impl PaymentProvider for Simulation {
    fn charge<'a>(&'a self, charge: &'a Charge) -> ChargeFuture<'a> {
        Box::pin(async move {
            let mut charged = self.charged.lock().unwrap_or_else(PoisonError::into_inner);
            let answer =
                charged.entry(charge.idempotency_key.clone()).or_insert_with(|| match charge.payment_method.as_str() {
                    "pm_card_visa" | "pm_card_mastercard" => Charged::Approved(new_id("pay")),
                    "pm_card_chargeDeclined" => Charged::Declined("Your card was declined".to_owned()),
                    "pm_card_chargeDeclinedInsufficientFunds" => {
                        Charged::Declined("Your card has insufficient funds".to_owned())
                    }
                    other => Charged::Declined(format!("Unknown payment method {other}")),
                });
            Ok(answer.clone())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Charge, Charged, PaymentProvider, Simulation};

    fn charge(method: &str, key: &str) -> Charge {
        Charge {
            payment_method: method.to_owned(),
            amount: 5,
            currency: "credits".to_owned(),
            idempotency_key: key.to_owned(),
        }
    }

    #[tokio::test]
    async fn the_simulation_follows_the_test_card_names_and_charges_a_key_once() {
        let provider = Simulation::default();
        let first = provider.charge(&charge("pm_card_visa", "k1")).await.unwrap();
        assert!(matches!(&first, Charged::Approved(id) if id.starts_with("pay_")), "{first:?}");
        assert_eq!(provider.charge(&charge("pm_card_visa", "k1")).await.unwrap(), first, "same key, same payment");
        assert_ne!(provider.charge(&charge("pm_card_visa", "k2")).await.unwrap(), first);
        let declined = provider.charge(&charge("pm_card_chargeDeclined", "k3")).await.unwrap();
        assert_eq!(declined, Charged::Declined("Your card was declined".to_owned()));
    }
}
