//! Collecting every mistake of one macro call into one report, and emitting it so that the user
//! sees exactly those errors, whatever position the macro is in.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Error;

/// The errors found so far. Parsing records each mistake here and carries on, so one compile
/// reports all of them; only input that cannot be parsed any further stops it.
#[derive(Default)]
pub(crate) struct Errors(Option<Error>);

impl Errors {
    /// Records `error`.
    pub(crate) fn push(&mut self, error: Error) {
        match &mut self.0 {
            Some(errors) => errors.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// The value of `result`, or `None` after recording its error.
    pub(crate) fn check<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    /// `value` if nothing was recorded, else every recorded error.
    pub(crate) fn finish<T>(self, value: T) -> syn::Result<T> {
        match self.0 {
            Some(errors) => Err(errors),
            None => Ok(value),
        }
    }

    /// Every recorded error and then `error`: for input that cannot be parsed any further.
    pub(crate) fn fail(mut self, error: Error) -> Error {
        self.push(error);
        self.0.expect("an error was just recorded")
    }
}

/// For macros in item position: the user's item unchanged, followed by the errors, so that the
/// rest of the crate (and the IDE) still sees the item.
pub(crate) fn after_item(item: TokenStream, error: Error) -> TokenStream {
    let errors = error.to_compile_error();
    quote!(#item #errors)
}

/// For macros in expression position: the errors in one block, which is an expression however
/// many there are and whose type suppresses any follow-up error.
pub(crate) fn as_expression(error: Error) -> TokenStream {
    let errors = error.to_compile_error();
    quote!({ #errors })
}
