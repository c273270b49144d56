//! The expansion of `trigger!` and `trigger_async!`: a static call site, registered at link time,
//! and the call that runs it with the borrowed payload.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::Ident;

use super::ast::{Flavor, Trigger};
use crate::refs::ContextRef;
use crate::{durable, errors};

pub(crate) fn expand<F: Flavor>(input: TokenStream) -> TokenStream {
    let trigger = match syn::parse2::<Trigger<F>>(input) {
        Ok(trigger) => trigger,
        Err(error) => return errors::as_expression(error),
    };
    let Trigger { hook, payload, context, concurrent, krate, tx, event, .. } = &trigger;
    let context_alias = ContextRef::alias(context.as_ref());
    let context_ref = context.as_ref();
    let context = ContextRef::option(context_ref, krate);
    // A typed context is also named in the caller's body (which compiles to nothing), so that a
    // local variable in its place is not reported a second time, as unused.
    let context_use = match context_ref {
        Some(ContextRef::Typed(_)) => quote!(let _ = #context;),
        _ => TokenStream::new(),
    };
    let asynchronous = F::ASYNC;
    let bound = Ident::new("__hooks_payload", Span::mixed_site());
    let hook_alias = hook.alias();
    let name = hook.name(krate);
    let site = Ident::new("__HOOKS_CALL_SITE", Span::call_site());
    let call = match (hook.typed(), asynchronous) {
        (None, _) if tx.is_some() => {
            let tx = tx.as_ref().expect("checked");
            durable::trigger_call(&site, quote!((&#bound).payload()), tx, event.as_ref(), krate)
        }
        (None, false) => quote!(__HOOKS_CALL_SITE.trigger((&#bound).payload())),
        (None, true) => quote!(__HOOKS_CALL_SITE.trigger_async((&#bound).payload(), #concurrent)),
        (Some(alias), asynchronous) => {
            let expected = {
                let span = hook.span();
                let krate = krate.at(span);
                quote_spanned!(span=> &<#alias as #krate::__private::TypedHook>::Payload)
            };
            let typed = Ident::new("__hooks_typed_payload", Span::mixed_site());
            let borrowed = borrowed(payload, &bound);
            let call = match (tx, asynchronous) {
                (Some(tx), _) => durable::trigger_call(&site, quote!(#typed), tx, event.as_ref(), krate),
                (None, false) => quote!(__HOOKS_CALL_SITE.trigger_typed::<#alias>(#typed)),
                (None, true) => quote!(__HOOKS_CALL_SITE.trigger_async_typed::<#alias>(#typed, #concurrent)),
            };
            quote!({
                let #typed: #expected = #borrowed;
                #call
            })
        }
    };
    let site_constructor = match tx {
        Some(_) => quote! {
            #krate::__private::CallSite::transactional(
                #name,
                #context,
                #krate::__private::file!(),
                #krate::__private::line!(),
            )
        },
        None => quote! {
            #krate::__private::CallSite::new(
                #name,
                #context,
                #krate::__private::file!(),
                #krate::__private::line!(),
                #asynchronous,
            )
        },
    };
    // The payload is borrowed in a `match` scrutinee, whose temporaries live until the end of the
    // caller's statement: `trigger_async!("h", Payload { .. }).await` keeps its payload alive.
    // Method resolution on `&PayloadRef` strips one reference from a payload of type `&T`.
    quote! {
        match #krate::__private::PayloadRef(&(#payload)) {
            #bound => {
                #hook_alias
                #context_alias
                static __HOOKS_CALL_SITE: #krate::__private::CallSite = #site_constructor;
                #krate::__private::register! {
                    site: #krate::__private::SiteRecord::new(__HOOKS_CALL_SITE.site())
                }
                #[allow(unused_imports)]
                use #krate::__private::{ByValue as _, StripReference as _};
                #context_use
                #call
            }
        }
    }
}

/// The payload expression borrowed through `bound` (the `PayloadRef` the `match` bound), spanned
/// over the user's whole expression (from its first token to its last): given a type in a `let`,
/// rustc reports a mismatch once, on that expression, with the hook as the reason, naming no
/// internals.
pub(crate) fn borrowed(payload: &syn::Expr, bound: &Ident) -> TokenStream {
    let (first, last) = ends(&payload.to_token_stream());
    let mut receiver = Group::new(Delimiter::Parenthesis, quote_spanned!(first=> &#bound));
    receiver.set_span(first);
    let mut arguments = Group::new(Delimiter::Parenthesis, TokenStream::new());
    arguments.set_span(last);
    quote_spanned!(first=> #receiver.payload #arguments)
}

/// The spans of the first and the last token of `tokens`.
fn ends(tokens: &TokenStream) -> (Span, Span) {
    let mut iter = tokens.clone().into_iter();
    let first = iter.next().map_or_else(Span::call_site, |token| token.span());
    let last = iter.last().map_or(first, |token: TokenTree| token.span());
    (first, last)
}
