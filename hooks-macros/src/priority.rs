//! The `priority` of a callback: an integer literal, checked by the macro, or the path of a `u8`
//! constant, checked by rustc when it evaluates the constant.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Error, Expr, Ident, LitInt, Path};

use crate::krate::Krate;

const RANGE: &str = "priority must be an integer from 1 to 100 (lower runs first; default 10)";

/// The priority of a callback that sets none, the one its record starts with (hooks-core's
/// `record` module; `tests/record_defaults.rs` checks that the two agree).
const DEFAULT: u8 = 10;

/// A callback's priority.
pub(crate) enum Priority {
    Literal(u8),
    Constant(Path),
}

impl Default for Priority {
    fn default() -> Self {
        Priority::Literal(DEFAULT)
    }
}

impl Priority {
    /// The value of a `priority` option.
    pub(crate) fn from_value(value: &Expr) -> syn::Result<Priority> {
        match value {
            Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(literal), .. }) => match int(literal) {
                Some(priority @ 1..=100) => Ok(Priority::Literal(priority as u8)),
                _ => Err(Error::new_spanned(literal, format!("{RANGE}, found `{literal}`"))),
            },
            Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => {
                Ok(Priority::Constant(path.path.clone()))
            }
            other => Err(Error::new_spanned(
                other,
                format!("{RANGE}, written as a literal or as the path of a `u8` constant, found `{}`", source(other)),
            )),
        }
    }

    /// The items that check a constant priority, to be placed in the registration's block,
    /// outside of the backend's static so that an error names no backend item; nothing for a
    /// literal, which the macro has checked. A constant of another type is a type error on the
    /// user's path. One out of range fails the evaluation there with the range, in a constant
    /// that nothing uses, so that no second error reports its use.
    pub(crate) fn check(&self, krate: &Krate) -> TokenStream {
        let Priority::Constant(path) = self else {
            return TokenStream::new();
        };
        let span = path.span();
        let krate = krate.at(span);
        let value = value();
        let range = Ident::new("priority", Span::mixed_site());
        quote_spanned! {span=>
            const #value: u8 = #path;
            #[allow(non_upper_case_globals)]
            const #range: () = if #value < 1 || #value > 100 {
                #krate::__private::Option::<()>::None.expect(#RANGE);
            };
        }
    }

    /// Whether it is the default priority, which the record starts with.
    pub(crate) fn is_default(&self) -> bool {
        matches!(self, Priority::Literal(DEFAULT))
    }

    /// The priority as a `u8` expression.
    pub(crate) fn value(&self) -> TokenStream {
        match self {
            Priority::Literal(priority) => quote!(#priority),
            Priority::Constant(_) => {
                let value = value();
                quote!(#value)
            }
        }
    }
}

/// The constant a checked priority is stored in, named so that it cannot be the user's constant
/// (whose name it would shadow in its own initializer).
fn value() -> Ident {
    Ident::new("__HOOKS_PRIORITY", Span::mixed_site())
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
