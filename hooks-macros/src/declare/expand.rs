//! The expansions of `declare_hook!` and `declare_context!`: link-time declaration records, and
//! for the item forms an item per hook or context that the other macros accept by path.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, Ident, LitStr, Visibility};

use super::ast::{ChainDeclarations, ContextDeclarations, Form, HookDeclarations, TypedContext, TypedHook};
use crate::krate::Krate;

pub(crate) fn hooks(input: TokenStream) -> TokenStream {
    let HookDeclarations { krate, form } = match syn::parse2(input) {
        Ok(declarations) => declarations,
        Err(error) => return error.to_compile_error(),
    };
    match form {
        Form::Named { docs, hook, payload } => {
            let location = quote!(#krate::__private::file!(), #krate::__private::line!());
            let record = match payload {
                Some(payload) => quote! {
                    #krate::__private::typed_declaration::<#payload>(#hook, #docs, #location)
                },
                None => quote!(#krate::__private::declaration(#hook, #docs, #location)),
            };
            quote!(#krate::__private::register! { declaration: #record })
        }
        Form::Items(hooks) => hooks.iter().map(|hook| typed_hook(hook, &krate)).collect(),
    }
}

/// `declare_filter!`: an item per filter, implementing `TypedFilter`, and its declaration record.
pub(crate) fn filters(input: TokenStream) -> TokenStream {
    let ChainDeclarations::<false> { krate, hooks } = match syn::parse2(input) {
        Ok(declarations) => declarations,
        Err(error) => return error.to_compile_error(),
    };
    hooks.iter().map(|hook| chain_hook(hook, &krate, false)).collect()
}

/// `declare_first_result!`: an item per hook, implementing `TypedFirstResult`, and its record.
pub(crate) fn first_results(input: TokenStream) -> TokenStream {
    let ChainDeclarations::<true> { krate, hooks } = match syn::parse2(input) {
        Ok(declarations) => declarations,
        Err(error) => return error.to_compile_error(),
    };
    hooks.iter().map(|hook| chain_hook(hook, &krate, true)).collect()
}

fn chain_hook(hook: &TypedHook, krate: &Krate, first_result: bool) -> TokenStream {
    let TypedHook { attributes, docs, visibility, name, payload, second } = hook;
    let location = {
        let krate = krate.at(name.span());
        quote_spanned!(name.span()=> #krate::__private::file!(), #krate::__private::line!())
    };
    let name_str = LitStr::new(&name.to_string(), name.span());
    let plain = |ty: &syn::Type| quote!(#ty).to_string().replace(' ', "");
    let unit: syn::Type = syn::parse_quote!(());
    let second = second.as_ref().unwrap_or(&unit);
    let (summary, implementation, record) = if first_result {
        let summary = format!("First-result hook `{name}`: `{}` in, `Option<{}>` out.", plain(payload), plain(second));
        let types = quote! {
            type Argument = #payload;
            type Output = #second;
        };
        let record = quote!(#krate::__private::first_result_declaration::<#payload, #second>);
        (
            summary,
            quote!(#krate::__private::TypedFirstResult for #name { const NAME: &'static str = #name_str; #types }),
            record,
        )
    } else {
        let summary = match &hook.second {
            Some(argument) => format!("Filter `{name}` of `{}`, argument `{}`.", plain(payload), plain(argument)),
            None => format!("Filter `{name}` of `{}`.", plain(payload)),
        };
        // Spanned on the declared types: a filter or trigger of another type is reported with a
        // note that points at them.
        let value_type = quote_spanned!(payload.span()=> type Value = #payload;);
        let argument_type = quote_spanned!(second.span()=> type Argument = #second;);
        let record = quote!(#krate::__private::filter_declaration::<#payload, #second>);
        (
            summary,
            quote!(#krate::__private::TypedFilter for #name { const NAME: &'static str = #name_str; #value_type #argument_type }),
            record,
        )
    };
    let item = named_item(attributes, &summary, visibility, name, "The hook's name.");
    quote! {
        #item

        #[diagnostic::do_not_recommend]
        impl #implementation

        #krate::__private::register! {
            declaration: #record(#name_str, #docs, #location)
        }
    }
}

fn typed_hook(hook: &TypedHook, krate: &Krate) -> TokenStream {
    let TypedHook { attributes, docs, visibility, name, payload, .. } = hook;
    // Spanned on the hook's name, so each hook of a block records its own line.
    let location = {
        let krate = krate.at(name.span());
        quote_spanned!(name.span()=> #krate::__private::file!(), #krate::__private::line!())
    };
    let name_str = LitStr::new(&name.to_string(), name.span());
    let summary = format!("Hook `{name}`, payload `{}`.", quote!(#payload).to_string().replace(' ', ""));
    let item = named_item(attributes, &summary, visibility, name, "The hook's name.");
    // `Payload` spanned on the declared type: a callback or trigger of another type is reported
    // with a note that points at it.
    let payload_type = quote_spanned!(payload.span()=> type Payload = #payload;);
    quote! {
        #item

        // Not offered as a candidate when another type is used as a hook: rustc would otherwise
        // list the program's (or hooks-core's own) hooks under an unrelated error.
        #[diagnostic::do_not_recommend]
        impl #krate::__private::TypedHook for #name {
            const NAME: &'static str = #name_str;
            #payload_type
        }

        #krate::__private::register! {
            declaration: #krate::__private::typed_declaration::<#payload>(#name_str, #docs, #location)
        }
    }
}

pub(crate) fn contexts(input: TokenStream) -> TokenStream {
    let ContextDeclarations { krate, contexts } = match syn::parse2(input) {
        Ok(declarations) => declarations,
        Err(error) => return error.to_compile_error(),
    };
    contexts.iter().map(|context| typed_context(context, &krate)).collect()
}

fn typed_context(context: &TypedContext, krate: &Krate) -> TokenStream {
    let TypedContext { attributes, visibility, name } = context;
    let name_str = LitStr::new(&name.to_string(), name.span());
    let summary = format!("Context `{name}`.");
    let item = named_item(attributes, &summary, visibility, name, "The context's name.");
    quote! {
        #item

        impl #krate::__private::TypedContext for #name {
            const NAME: &'static str = #name_str;
        }
    }
}

/// The item a typed hook or context declares: a braced struct, which lives in the type namespace
/// only so that the name stays free for variables and functions, with its name as `NAME`.
fn named_item(
    attributes: &[Attribute],
    summary: &str,
    visibility: &Visibility,
    name: &Ident,
    name_doc: &str,
) -> TokenStream {
    let name_str = LitStr::new(&name.to_string(), name.span());
    quote! {
        #(#attributes)*
        #[doc = ""]
        #[doc = #summary]
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #visibility struct #name {}

        impl #name {
            #[doc = #name_doc]
            #[allow(dead_code)]
            #visibility const NAME: &'static str = #name_str;
        }
    }
}
