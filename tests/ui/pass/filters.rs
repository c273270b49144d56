//! Filters, first results and early stop as a user writes them: every supported shape compiles.

use std::ops::ControlFlow;

use hooks_core::{
    apply_filters, apply_filters_async, declare_context, declare_filter, declare_first_result, first_result,
    first_result_async, hook_callback, hook_filter, hook_first_result,
};

pub struct Purchase {
    pub cents: u64,
}

declare_filter! {
    /// Credits.
    pub credit_amount: u64, Purchase;
    pub title: String;
}

declare_first_result! {
    pub shipping_quote: u32 -> u64;
}

declare_context! { pub promotions; }

#[hook_filter(credit_amount, priority = 5, context = promotions, retry = 1)]
fn launch_bonus(credits: &u64, purchase: &Purchase) -> Result<u64, std::fmt::Error> {
    Ok(credits + purchase.cents / 1_000)
}

#[hook_filter(credit_amount)]
async fn remote_bonus(credits: &u64, _: &Purchase) -> u64 {
    *credits
}

#[hook_filter(title, enabled = false)]
fn trimmed(title: &String) -> String {
    title.trim().to_owned()
}

#[hook_first_result(shipping_quote)]
fn letter(grams: &u32) -> Option<u64> {
    (*grams < 500).then_some(190)
}

#[hook_first_result(shipping_quote, priority = 2)]
async fn courier(grams: &u32) -> std::io::Result<Option<u64>> {
    Ok(Some(u64::from(*grams)))
}

#[hook_callback("withdrawal")]
fn gate(cents: &u64) -> ControlFlow<()> {
    if *cents > 100 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
}

#[hook_callback("withdrawal", priority = 2)]
async fn async_gate(_: &u64) -> Result<ControlFlow<()>, String> {
    Ok(ControlFlow::Continue(()))
}

fn main() {
    let purchase = Purchase { cents: 10_000 };
    let (_credits, _report) = apply_filters!(credit_amount, 10, &purchase, context = promotions);
    let (_title, _report) = apply_filters!(title, String::from(" t "), context = "admin");
    let (_quote, _report) = first_result!(shipping_quote, &300);
    let _ = async {
        let (_credits, _) = apply_filters_async!(credit_amount, 10, Purchase { cents: 1 }).await;
        let (_quote, _) = first_result_async!(shipping_quote, &300).await;
    };
    let _ = hooks_core::trigger!("withdrawal", 5_u64);
}
