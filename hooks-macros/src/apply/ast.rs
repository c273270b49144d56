//! The input of the filter and first-result macros: the hook (a declared item), a filter's value,
//! the argument, and the options `context` and `crate`.

use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Error, Expr, Ident, Token};

use super::Flavor;
use crate::errors::Errors;
use crate::krate::Krate;
use crate::options;
use crate::refs::{ContextRef, HookRef, Usage};

/// A call, every option checked.
pub(crate) struct Apply {
    pub(crate) hook: HookRef,
    /// A filter's starting value.
    pub(crate) value: Option<Expr>,
    /// The argument; `None` for a filter applied without one.
    pub(crate) argument: Option<Expr>,
    pub(crate) context: Option<ContextRef>,
    pub(crate) krate: Krate,
}

pub(crate) fn parse(input: proc_macro2::TokenStream, flavor: Flavor) -> syn::Result<Apply> {
    (|input: ParseStream<'_>| parse_apply(input, flavor)).parse2(input)
}

fn parse_apply(input: ParseStream<'_>, flavor: Flavor) -> syn::Result<Apply> {
    let mut errors = Errors::default();
    let usage = Usage { example: flavor.example(), runtime: None };
    let hook = HookRef::parse(input, &usage, &mut errors)?;
    if hook.typed().is_none() {
        let declaring = if flavor.filter { "declare_filter!" } else { "declare_first_result!" };
        errors.push(Error::new(
            hook.span(),
            format!("{} names its hook by the item `{declaring}` declares: {}", flavor.name(), flavor.example()),
        ));
    }
    let positional = |input: ParseStream<'_>| -> syn::Result<Option<Expr>> {
        // An option (`context = ...`) ends the positional arguments.
        if input.is_empty() || (input.peek(Token![,]) && input.peek2(Ident::peek_any) && input.peek3(Token![=])) {
            return Ok(None);
        }
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            return Ok(None);
        }
        input.parse().map(Some)
    };
    let what = if flavor.filter { "the value" } else { "the argument" };
    let first = match positional(input) {
        Ok(Some(first)) => first,
        Ok(None) => {
            let message = format!("expected {what} after the hook: {}", flavor.example());
            return Err(errors.fail(Error::new(hook.span(), message)));
        }
        Err(error) => return Err(errors.fail(error)),
    };
    let (value, argument) = match flavor.filter {
        true => match positional(input) {
            Ok(argument) => (Some(first), argument),
            Err(error) => return Err(errors.fail(error)),
        },
        false => (None, Some(first)),
    };
    let mut apply = Apply { hook, value, argument, context: None, krate: Krate::default() };
    let parsed =
        options::parse(input, &["context", "crate"], &mut errors, |opt, errors| match opt.key.to_string().as_str() {
            "context" => apply.context = errors.check(ContextRef::from_value(&opt.value, None)),
            _ => apply.krate = errors.check(Krate::from_value(&opt.value)).unwrap_or_default(),
        });
    match parsed {
        Ok(()) => errors.finish(apply),
        Err(error) => Err(errors.fail(error)),
    }
}
