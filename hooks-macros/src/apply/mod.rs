//! `apply_filters!`, `apply_filters_async!`, `first_result!` and `first_result_async!`: a call
//! site of a filter or first-result hook, and the call that runs it.

mod ast;
mod expand;

pub(crate) use expand::expand;

/// Which of the four macros.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flavor {
    /// `apply_filters!` (a value, then an optional argument) or `first_result!` (an argument).
    pub(crate) filter: bool,
    /// The `_async` twin, whose call returns a future.
    pub(crate) asynchronous: bool,
}

impl Flavor {
    pub(crate) fn name(self) -> &'static str {
        match (self.filter, self.asynchronous) {
            (true, false) => "apply_filters!",
            (true, true) => "apply_filters_async!",
            (false, false) => "first_result!",
            (false, true) => "first_result_async!",
        }
    }

    fn example(self) -> &'static str {
        match (self.filter, self.asynchronous) {
            (true, false) => {
                "apply_filters!(credit_amount, credits, &purchase) or apply_filters!(title, title, context = \"admin\")"
            }
            (true, true) => "apply_filters_async!(credit_amount, credits, &purchase).await",
            (false, false) => "first_result!(price_quote, &cart)",
            (false, true) => "first_result_async!(price_quote, &cart).await",
        }
    }
}
