//! The expansion of the filter and first-result macros: a static call site, registered at link
//! time like a trigger's, and the call that runs it with the value and the borrowed argument.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use super::Flavor;
use super::ast::{self, Apply};
use crate::errors;
use crate::refs::ContextRef;
use crate::trigger::borrowed;

pub(crate) fn expand(input: TokenStream, flavor: Flavor) -> TokenStream {
    let apply = match ast::parse(input, flavor) {
        Ok(apply) => apply,
        Err(error) => return errors::as_expression(error),
    };
    let Apply { hook, value, argument, context, krate } = &apply;
    let alias = hook.typed().expect("a hook that is not a declared item is a parse error");
    let hook_alias = hook.alias();
    let context_alias = ContextRef::alias(context.as_ref());
    let context = ContextRef::option(context.as_ref(), krate);
    let (trait_name, kind) = match flavor.filter {
        true => (quote!(TypedFilter), quote!(Filter)),
        false => (quote!(TypedFirstResult), quote!(FirstResult)),
    };
    let name = {
        let span = hook.span();
        let krate = krate.at(span);
        quote_spanned!(span=> <#alias as #krate::__private::#trait_name>::NAME)
    };
    let bound = Ident::new("__hooks_argument", Span::mixed_site());
    let typed = Ident::new("__hooks_typed_argument", Span::mixed_site());
    let expected_argument = {
        let span = hook.span();
        let krate = krate.at(span);
        quote_spanned!(span=> &<#alias as #krate::__private::#trait_name>::Argument)
    };
    // Without an argument, the filter's argument is `()`: a filter declared with one is then a
    // type error on the hook.
    let (scrutinee, typed_argument) = match argument {
        Some(argument) => {
            let borrowed = borrowed(argument, &bound);
            (quote!(&(#argument)), quote!(let #typed: #expected_argument = #borrowed;))
        }
        None => {
            let span = hook.span();
            (quote!(&()), quote_spanned!(span=> let #typed: #expected_argument = (&#bound).payload();))
        }
    };
    let asynchronous = flavor.asynchronous;
    let call = match (flavor.filter, asynchronous) {
        (true, _) => {
            let value = value.as_ref().expect("a filter call has a value");
            let start = Ident::new("__hooks_value", Span::mixed_site());
            let expected_value = {
                let span = hook.span();
                let krate = krate.at(span);
                quote_spanned!(span=> <#alias as #krate::__private::TypedFilter>::Value)
            };
            let method = match asynchronous {
                false => quote!(apply_filters),
                true => quote!(apply_filters_async),
            };
            quote! {
                let #start: #expected_value = #value;
                __HOOKS_CALL_SITE.#method::<#alias>(#start, #typed)
            }
        }
        (false, false) => quote!(__HOOKS_CALL_SITE.first_result::<#alias>(#typed)),
        (false, true) => quote!(__HOOKS_CALL_SITE.first_result_async::<#alias>(#typed)),
    };
    // As for `trigger!`: the argument is borrowed in a `match` scrutinee, whose temporaries live
    // until the end of the caller's statement, so the async forms can be awaited in place.
    quote! {
        match #krate::__private::PayloadRef(#scrutinee) {
            #bound => {
                #hook_alias
                #context_alias
                static __HOOKS_CALL_SITE: #krate::__private::CallSite = #krate::__private::CallSite::chain(
                    #name,
                    #context,
                    #krate::__private::file!(),
                    #krate::__private::line!(),
                    #asynchronous,
                    #krate::__private::HookKind::#kind,
                );
                #krate::__private::register! {
                    site: #krate::__private::SiteRecord::new(__HOOKS_CALL_SITE.site())
                }
                #[allow(unused_imports)]
                use #krate::__private::{ByValue as _, StripReference as _};
                #typed_argument
                #call
            }
        }
    }
}
