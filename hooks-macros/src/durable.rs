//! Durable callbacks, run by the `hooks-durable` crate's workers:
//! `#[hook_callback(hook, durable, max_attempts = N, queue = "name")]` on
//! `async fn name(payload: &Payload, job: &mut hooks_durable::Job<'_>)`, and
//! `trigger_async!(hook, payload, tx = &mut tx)`, which enqueues them in the caller's transaction.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Error, Expr, FnArg, Ident, ItemFn, LitStr, Type};

use crate::errors::Errors;
use crate::krate::Krate;

const SIGNATURE: &str = "async fn name(payload: &Payload, job: &mut hooks_durable::Job<'_>)";

/// The default number of attempts of a durable callback's job.
pub(crate) const DEFAULT_MAX_ATTEMPTS: u16 = 10;

/// The durable options of `#[hook_callback]`.
#[derive(Default)]
pub(crate) struct DurableArgs {
    /// The `durable` flag, where it was written.
    pub(crate) flag: Option<Span>,
    pub(crate) max_attempts: Option<(u16, Span)>,
    pub(crate) queue: Option<LitStr>,
}

impl DurableArgs {
    /// `max_attempts` and `queue` without `durable` are mistakes: they would be ignored.
    pub(crate) fn check(&self, errors: &mut Errors) {
        if self.flag.is_none() {
            if let Some((_, span)) = self.max_attempts {
                errors.push(Error::new(span, "max_attempts applies to durable callbacks: add `durable`"));
            }
            if let Some(queue) = &self.queue {
                errors.push(Error::new_spanned(queue, "queue applies to durable callbacks: add `durable`"));
            }
        }
    }
}

/// The value of `max_attempts`: an integer literal from 1 to 1000.
pub(crate) fn max_attempts(value: &Expr) -> syn::Result<(u16, Span)> {
    const EXPECTED: &str = "max_attempts must be an integer from 1 to 1000 (how often a job is tried; default 10)";
    if let Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(literal), .. }) = value {
        if let Ok(attempts @ 1..=1000) = literal.base10_parse::<u16>() {
            return Ok((attempts, literal.span()));
        }
    }
    Err(Error::new_spanned(value, EXPECTED))
}

/// The value of `queue`: a non-empty string literal.
pub(crate) fn queue(value: &Expr) -> syn::Result<LitStr> {
    match value {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(literal), .. }) if !literal.value().trim().is_empty() => {
            Ok(literal.clone())
        }
        _ => Err(Error::new_spanned(value, "queue must be a non-empty string literal, like queue = \"mail\"")),
    }
}

/// Checks a durable callback's shape (after the checks every callback gets: no `self`, not
/// generic...) and returns its payload type `T` (from the `&T` parameter).
pub(crate) fn check_signature(function: &ItemFn) -> syn::Result<Type> {
    let sig = &function.sig;
    let mut errors = Errors::default();
    if sig.asyncness.is_none() {
        errors.push(Error::new_spanned(
            sig.fn_token,
            format!("a durable callback must be an `async fn`: expected {SIGNATURE}"),
        ));
    }
    let inputs: Vec<&FnArg> = sig.inputs.iter().collect();
    let payload = match inputs.as_slice() {
        [FnArg::Typed(payload), FnArg::Typed(job)] => {
            if !matches!(&*job.ty, Type::Reference(reference) if reference.mutability.is_some()) {
                errors.push(Error::new_spanned(
                    &job.ty,
                    format!("the job is lent to the callback: expected `&mut hooks_durable::Job<'_>`; {SIGNATURE}"),
                ));
            }
            match &*payload.ty {
                Type::Reference(reference) if reference.mutability.is_none() => Some((*reference.elem).clone()),
                other => {
                    let message = format!("the payload is borrowed: expected a reference `&Payload`; {SIGNATURE}");
                    errors.push(Error::new_spanned(other, message));
                    None
                }
            }
        }
        _ => {
            let message = format!("a durable callback takes the payload and its job: expected {SIGNATURE}");
            errors.push(Error::new(sig.paren_token.span.join(), message));
            None
        }
    };
    errors.finish(())?;
    Ok(payload.expect("a missing payload type is a recorded error"))
}

/// The statements and the adapter expression of a durable callback's record: the runner that
/// decodes the payload and calls the function, and its job options.
pub(crate) fn adapter(function: &ItemFn, payload: &Type, args: &DurableArgs, krate: &Krate) -> TokenStream {
    let name = &function.sig.ident;
    let durable_crate = quote!(::hooks_durable);
    let max_attempts = args.max_attempts.map_or(DEFAULT_MAX_ATTEMPTS, |(attempts, _)| attempts);
    let queue = match &args.queue {
        Some(queue) => quote!(#krate::__private::Option::Some(#queue)),
        None => quote!(#krate::__private::Option::None),
    };
    let json = Ident::new("json", Span::mixed_site());
    let job = Ident::new("job", Span::mixed_site());
    let decoded = Ident::new("payload", Span::mixed_site());
    // `decode::<#payload>` carries the payload type's span: a payload that cannot be stored in a
    // job is reported there, once, by the bound of `decode`.
    quote! {
        static __HOOKS_DURABLE_RUNNER: #durable_crate::__private::Runner = #durable_crate::__private::Runner::new(
            |#json, #job| #durable_crate::__private::Box::pin(async move {
                let #decoded = #durable_crate::__private::decode::<#payload>(#json)?;
                #durable_crate::__private::outcome(#name(&#decoded, #job).await)
            }),
        );
        static __HOOKS_DURABLE: #krate::__private::Durable =
            #krate::__private::Durable::new(#max_attempts, #queue, &__HOOKS_DURABLE_RUNNER);
        // A static too: the record, a constant, can point to one but not promote a reference to
        // a value that names a static.
        static __HOOKS_DURABLE_ADAPTER: #krate::__private::Adapter<#payload> =
            #krate::__private::durable::<#payload>(&__HOOKS_DURABLE);
    }
}

/// The adapter of a durable callback's record, declared by the statements of [`adapter`].
pub(crate) fn adapter_expression() -> TokenStream {
    quote!(__HOOKS_DURABLE_ADAPTER)
}

/// The call of a trigger given the caller's transaction: enqueue the durable callbacks in it, run
/// the others. `site` is the call site's static, `payload` an expression of type `&T`.
pub(crate) fn trigger_call(
    site: &Ident,
    payload: TokenStream,
    tx: &Expr,
    event: Option<&Expr>,
    krate: &Krate,
) -> TokenStream {
    let event = match event {
        Some(event) => {
            quote!(#krate::__private::Option::Some(::core::convert::Into::<::std::string::String>::into(#event)))
        }
        None => quote!(#krate::__private::Option::None),
    };
    quote!(::hooks_durable::__private::trigger(&#site, #payload, #tx, #event))
}
