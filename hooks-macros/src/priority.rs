//! The `priority` of a callback: an integer literal from 1 to 100, checked by the macro.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Error, Expr, LitInt};

const RANGE: &str = "priority must be an integer from 1 to 100 (lower runs first; default 10)";

/// A callback's priority.
pub(crate) enum Priority {
    Literal(u8),
}

impl Default for Priority {
    fn default() -> Self {
        Priority::Literal(10)
    }
}

impl Priority {
    /// The value of a `priority` option.
    pub(crate) fn from_value(value: &Expr) -> syn::Result<Priority> {
        let Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(literal), .. }) = value else {
            return Err(Error::new_spanned(value, format!("{RANGE}, found `{}`", source(value))));
        };
        match int(literal) {
            Some(priority @ 1..=100) => Ok(Priority::Literal(priority as u8)),
            _ => Err(Error::new_spanned(literal, format!("{RANGE}, found `{literal}`"))),
        }
    }

    /// The priority as a `u8` expression.
    pub(crate) fn value(&self) -> TokenStream {
        let Priority::Literal(priority) = self;
        quote!(#priority)
    }
}

fn int(literal: &LitInt) -> Option<u64> {
    literal.base10_parse().ok()
}

/// `value` as the user wrote it, for quoting in a message: `-1` rather than the token printer's
/// `- 1`.
fn source(value: &Expr) -> String {
    match value {
        Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => format!("-{}", source(expr)),
        other => quote!(#other).to_string(),
    }
}
