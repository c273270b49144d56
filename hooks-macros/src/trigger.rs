//! `trigger!("name", payload[, context = "ctx"])` and
//! `trigger_async!("name", payload[, context = "ctx"][, concurrent = true])`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Error, Expr, Ident, Token};

use crate::args::{self, ContextRef, Krate};
use crate::hook_name::{self, HookRef};

/// Which macro is being expanded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Sync,
    Async,
}

impl Flavor {
    fn example(self) -> &'static str {
        match self {
            Flavor::Sync => {
                "trigger!(\"user_created\", payload) or trigger!(\"user_created\", payload, context = \"wallet\")"
            }
            Flavor::Async => {
                "trigger_async!(\"user_created\", payload) or trigger_async!(\"user_created\", payload, context = \"wallet\", concurrent = true)"
            }
        }
    }

    fn runtime(self) -> &'static str {
        match self {
            Flavor::Sync => "hooks_core::registry().trigger(name, &payload)",
            Flavor::Async => "hooks_core::registry().trigger_async(name, &payload)",
        }
    }

    fn options(self) -> &'static [&'static str] {
        match self {
            Flavor::Sync => &["context", "crate"],
            Flavor::Async => &["context", "concurrent", "crate"],
        }
    }
}

struct Trigger {
    hook: HookRef,
    payload: Expr,
    context: Option<ContextRef>,
    concurrent: bool,
    krate: Krate,
}

fn parse(input: ParseStream<'_>, flavor: Flavor) -> syn::Result<Trigger> {
    let example = flavor.example();
    let hook = HookRef::parse(input, example, Some(flavor.runtime()))?;
    let missing_payload = || match &hook {
        HookRef::Name(name) => Error::new_spanned(name, format!("expected a payload after the hook name: {example}")),
        HookRef::Typed(path) => Error::new_spanned(path, format!("expected a payload after the hook: {example}")),
    };
    if input.is_empty() {
        return Err(missing_payload());
    }
    input.parse::<Token![,]>()?;
    if input.is_empty() {
        return Err(missing_payload());
    }
    let payload: Expr = input.parse()?;
    let mut trigger = Trigger { hook, payload, context: None, concurrent: false, krate: Krate::default() };
    for opt in args::parse_options(input, flavor.options())? {
        match opt.key.to_string().as_str() {
            "context" => trigger.context = Some(args::context(&opt.value)?),
            "crate" => trigger.krate = args::krate(&opt.value)?,
            _ => trigger.concurrent = args::flag(&opt.value, "concurrent")?,
        }
    }
    Ok(trigger)
}

pub(crate) fn expand(input: TokenStream, flavor: Flavor) -> TokenStream {
    let Trigger { hook, payload, context, concurrent, krate } =
        match (|input: ParseStream<'_>| parse(input, flavor)).parse2(input) {
            Ok(trigger) => trigger,
            Err(error) => return error.to_compile_error(),
        };
    let context = match context {
        Some(context) => {
            let context = context.name(&krate);
            quote!(#krate::__private::Option::Some(#context))
        }
        None => quote!(#krate::__private::Option::None),
    };
    let asynchronous = flavor == Flavor::Async;
    let bound = Ident::new("__hooks_payload", Span::mixed_site());
    let alias = hook_name::alias();
    let hook_alias = hook.alias(&alias);
    let name = hook.name(&alias, &krate);
    let call = match (&hook, flavor) {
        (HookRef::Name(_), Flavor::Sync) => quote!(__HOOKS_CALL_SITE.trigger((&#bound).payload())),
        (HookRef::Name(_), Flavor::Async) => {
            quote!(__HOOKS_CALL_SITE.trigger_async((&#bound).payload(), #concurrent))
        }
        (HookRef::Typed(_), flavor) => {
            // rustc checks the payload against the hook's type; the check is spanned on the
            // user's payload expression, where the error belongs.
            let krate = krate.at(payload.span());
            let typed = quote_spanned! {payload.span()=>
                #krate::__private::typed_payload::<#alias, _>((&#bound).payload())
            };
            match flavor {
                Flavor::Sync => quote!(__HOOKS_CALL_SITE.trigger_typed::<#alias>(#typed)),
                Flavor::Async => quote!(__HOOKS_CALL_SITE.trigger_async_typed::<#alias>(#typed, #concurrent)),
            }
        }
    };
    // The payload is borrowed in a `match` scrutinee, whose temporaries live until the end of the
    // caller's statement: `trigger_async!("h", Payload { .. }).await` keeps its payload alive.
    // Method resolution on `&PayloadRef` strips one reference from a payload of type `&T`.
    quote! {
        match #krate::__private::PayloadRef(&(#payload)) {
            #bound => {
                #hook_alias
                static __HOOKS_CALL_SITE: #krate::__private::CallSite = #krate::__private::CallSite::new(
                    #name,
                    #context,
                    #krate::__private::file!(),
                    #krate::__private::line!(),
                    #asynchronous,
                );
                #krate::__private::register! {
                    site: #krate::__private::SiteRecord::new(__HOOKS_CALL_SITE.site())
                }
                #[allow(unused_imports)]
                use #krate::__private::{ByValue as _, StripReference as _};
                #call
            }
        }
    }
}
