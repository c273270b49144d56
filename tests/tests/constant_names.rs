//! Hooks and contexts named by `&'static str` constants: the constant's value is the name, the
//! same hook and context as the string literal.

use hooks_core::{hook_callback, registry, trigger, trigger_async};
use hooks_tests::Journal;

static JOURNAL: Journal = Journal::new();

const ORDER_PLACED: &str = "constant_names_order_placed";
const BILLING: &str = "billing";

mod events {
    pub(crate) const REFUND_ISSUED: &str = "constant_names_refund_issued";
}

struct Order;

#[hook_callback(ORDER_PLACED, priority = 1)]
fn reserve_stock(_: &Order) {
    JOURNAL.record("reserve_stock");
}

#[hook_callback(ORDER_PLACED, priority = 2, context = BILLING)]
fn charge(_: &Order) {
    JOURNAL.record("charge");
}

#[hook_callback("constant_names_order_placed", priority = 3, context = "shipping")]
fn ship(_: &Order) {
    JOURNAL.record("ship");
}

#[hook_callback(events::REFUND_ISSUED)]
fn refund(_: &Order) {
    JOURNAL.record("refund");
}

#[test]
fn a_constant_names_the_same_hook_as_its_value() {
    let report = trigger!(ORDER_PLACED, Order);
    assert!(report.is_ok());
    assert_eq!(JOURNAL.take(), ["reserve_stock", "charge", "ship"]);
    assert_eq!(registry().hook(ORDER_PLACED).unwrap().callbacks().count(), 3);
}

#[test]
fn a_constant_context_filters_like_its_value() {
    assert_eq!(trigger!(ORDER_PLACED, Order, context = BILLING).ran(), 2);
    assert_eq!(JOURNAL.take(), ["reserve_stock", "charge"]);
    assert_eq!(trigger!("constant_names_order_placed", Order, context = "billing").ran(), 2);
    assert_eq!(JOURNAL.take(), ["reserve_stock", "charge"]);
}

#[test]
fn a_constant_path_reaches_a_constant_in_another_module() {
    assert_eq!(trigger!(events::REFUND_ISSUED, Order).ran(), 1);
    assert_eq!(JOURNAL.take(), ["refund"]);
}

#[tokio::test]
async fn an_async_trigger_takes_constants() {
    let report = trigger_async!(ORDER_PLACED, Order, context = BILLING).await;
    assert_eq!(report.ran(), 2);
}

#[test]
fn constant_call_sites_are_registered_under_the_constant_value() {
    let sites: Vec<_> = registry().trigger_sites().filter(|site| site.hook() == ORDER_PLACED).collect();
    assert!(sites.iter().any(|site| site.context() == Some(BILLING)));
}
