//! The expansion of `#[hook_callback]`: the user's function unchanged, and its registration.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Error, Ident, Item, ItemFn, LitStr};

use super::ast::Args;
use super::signature::{self, Callback};
use crate::function::{self, Annotated, Function};
use crate::refs::ContextRef;
use crate::{constraints, durable, errors};

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    // Read from the tokens, so that a durable callback's signature is checked as one even when
    // another option is wrong.
    let durable = args.clone().into_iter().any(|token| matches!(token, TokenTree::Ident(ident) if ident == "durable"));
    let parsed_args = syn::parse2::<Args>(args);
    let function = match function::parse(item) {
        Annotated::Fn(function) => function,
        Annotated::Other(item) => {
            let error =
                Error::new_spanned(item_head(&item), "#[hook_callback] applies to functions only: expected `fn`");
            return errors::after_item(item.into_token_stream(), error);
        }
        Annotated::Invalid(tokens) => return tokens,
    };
    match (parsed_args, signature::check(&function.item, durable)) {
        (Ok(args), Ok(callback)) => match (args.retry.backoff, &function.item.sig.asyncness) {
            (Some((_, span)), None) => {
                let error = Error::new(span, "backoff applies to async callbacks: a sync callback retries at once");
                errors::after_item(function.tokens, error)
            }
            _ => {
                let form = callback_form(&args, &function.item, &callback);
                registration(&args, &function, form)
            }
        },
        (Err(mut error), Err(other)) => {
            error.combine(other);
            errors::after_item(function.tokens, error)
        }
        (Err(error), _) | (_, Err(error)) => errors::after_item(function.tokens, error),
    }
}

/// What differs between the registrations of a callback, a filter and a first-result callback.
pub(crate) struct Form {
    /// Items that check the function's types against a typed hook's declaration.
    pub(crate) checks: TokenStream,
    /// The hook's name, a `&'static str` expression.
    pub(crate) hook_name: TokenStream,
    /// The record's `__private` constructor, called with the adapter, the hook's name and where
    /// the function is.
    pub(crate) record: TokenStream,
    /// The adapter around the user's function (for a sync callback returning `()`, the function
    /// itself), the constructor's first argument.
    pub(crate) adapter: TokenStream,
}

/// A plain callback's form: for a typed hook, the name comes through a function whose bound
/// makes rustc check the parameter against the hook's payload type: one error, on the
/// parameter's type, that names only public items (`TypedHook`) and points at the hook's
/// declaration.
fn callback_form(args: &Args, function: &ItemFn, callback: &Callback) -> Form {
    let Args { hook, krate, .. } = args;
    let payload = &callback.payload;
    let (checks, hook_name) = match hook.typed() {
        Some(alias) => {
            let check = Ident::new("__hooks_payload_of_hook", Span::mixed_site());
            let bound = {
                let span = hook.span();
                let krate = krate.at(span);
                quote_spanned!(span=> #krate::__private::TypedHook<Payload = P>)
            };
            let check_fn = quote_spanned! {hook.span()=>
                const fn #check<H: #bound, P>() -> &'static str {
                    H::NAME
                }
            };
            // The alias again, spanned on the parameter's type: the error's primary span.
            let alias = Ident::new(&alias.to_string(), payload.span());
            let name = quote_spanned!(payload.span()=> #check::<#alias, #payload>());
            (check_fn, name)
        }
        None => (TokenStream::new(), hook.name(krate)),
    };
    // A sync function returning `()` is registered as itself: no adapter to compile, and the
    // fast path calls it with no result to check.
    let (record, adapter) = match args.durable.flag {
        Some(_) => (quote!(#krate::__private::callback), durable::adapter_expression(payload, krate)),
        None if callback.fallible.is_none() && function.sig.asyncness.is_none() => {
            let name = &function.sig.ident;
            (quote!(#krate::__private::plain_callback::<#payload>), quote!(#name))
        }
        None => (quote!(#krate::__private::callback), adapter(args, function, callback, &function.sig.ident)),
    };
    let checks = match args.durable.flag {
        Some(_) => {
            let items = durable::adapter(function, payload, &args.durable, krate);
            quote!(#checks #items)
        }
        None => checks,
    };
    Form { checks, hook_name, record, adapter }
}

/// The function, followed by its registration record in the block of the hidden constant that
/// ordering constraints name it by (see the `constraints` module).
///
/// The attribute cannot tell whether it is inside an `impl`. So it also declares a constant,
/// `marker`, next to the function, whose name says what to do, and the block names it before it
/// names the function. Next to a free function, both are in scope. Inside an `impl`, both are
/// associated items that no path in the block can name: rustc reports the marker, then the
/// function, as not found. (Importing the function instead would make it the only error, but
/// would also make a free function that shares its name with a glob import ambiguous.)
pub(crate) fn registration(args: &Args, function: &Function, form: Form) -> TokenStream {
    let Args { hook, priority, context, krate, .. } = args;
    let Form { checks, hook_name, record, adapter } = form;
    let Function { item: function, tokens } = function;
    let name = &function.sig.ident;
    let plain_name = name.to_string().trim_start_matches("r#").to_owned();
    let marker = format_ident!(
        "hook_callback_cannot_register_an_associated_function__write_a_free_function_that_calls_{}",
        plain_name,
        span = name.span()
    );

    let hook_alias = hook.alias();
    let context_alias = ContextRef::alias(context.as_ref());
    let context = context.as_ref().map(|context| context.name(krate));
    let priority_check = priority.check(krate);
    // The name as a literal rather than `stringify!(#name)`: a crate may shadow `stringify!`.
    let fn_name = LitStr::new(&plain_name, name.span());
    let enabled = args.enabled;
    let (retries, backoff_ms) = (args.retry.retries(), args.retry.backoff_ms());
    let (constraint_checks, order) = args.constraints.expand(hook, krate);
    let path = quote!(#krate::__private::concat!(#krate::__private::module_path!(), "::", #fn_name));
    let (record_name, record_value) = constraints::record(name, &path, hook, krate);
    let vis = &function.vis;
    // One call with every option at its default, and one call around it per option set.
    let record = {
        let krate = krate.at(name.span());
        let mut record = quote_spanned! {name.span()=>
            #record(
                #adapter,
                #hook_name,
                #path,
                #krate::__private::file!(),
                #krate::__private::line!(),
            )
        };
        if !priority.is_default() {
            let priority = priority.value();
            record = quote!(#krate::__private::with_priority(#record, #priority));
        }
        if let Some(context) = context {
            record = quote!(#krate::__private::with_context(#record, #context));
        }
        if !enabled {
            record = quote!(#krate::__private::disabled(#record));
        }
        if retries > 0 || backoff_ms > 0 {
            record = quote!(#krate::__private::with_retry(#record, #retries, #backoff_ms));
        }
        if let Some((after, before)) = order {
            record = quote!(#krate::__private::with_order(#record, #after, #before));
        }
        record
    };
    quote! {
        #tokens

        #[allow(non_upper_case_globals)]
        const #marker: () = ();

        #[doc(hidden)]
        #[allow(dead_code, non_upper_case_globals)]
        #vis const #record_name: #krate::__private::CallbackName = {
            let _: () = #marker;
            #hook_alias
            #context_alias
            #constraint_checks
            #priority_check
            #checks
            #krate::__private::register! {
                callback: #record
            }
            #record_value
        };
    }
}

/// The closure that calls the user's function (as `callee`) through the one adapter signature of
/// its kind: an async callback, or a sync one that returns a `Result` or a `ControlFlow`.
fn adapter(args: &Args, function: &ItemFn, callback: &Callback, callee: &Ident) -> TokenStream {
    let krate = &args.krate;
    let payload = &callback.payload;
    // `<#output as CallbackReturn>` puts an unsupported return type's error, with the trait's
    // `on_unimplemented` message, on the user's return type. The adapter's parameter is
    // mixed-site, so a callback named `payload` still resolves to the callback.
    let (fallible, output) = match &callback.fallible {
        Some(ty) => (!signature::is_control_flow(ty), quote!(#ty)),
        None => (false, quote!(())),
    };
    let arg = Ident::new("payload", Span::mixed_site());
    match function.sig.asyncness {
        Some(asyncness) => {
            // The adapter returns the future itself: the trigger makes it in its own buffer.
            // `asynchronous` requires the future to be `Send`; spanned on the `async` keyword, so
            // that a future that is not is reported there.
            let span = asyncness.span();
            let krate_at = krate.at(span);
            let constructor = quote_spanned!(span=> #krate_at::__private::asynchronous::<#payload, _>);
            quote_spanned! {span=>
                #constructor(
                    |#arg: &'static #payload| async move {
                        <#output as #krate::__private::CallbackReturn>::into_outcome(#callee(#arg).await)
                    },
                    #fallible,
                )
            }
        }
        // Any other sync callback (one returning `()` is registered as itself, see
        // `callback_form`) is wrapped in an adapter, into which a small user function is inlined,
        // so the call still costs one indirect call.
        None => quote! {
            #krate::__private::sync::<#payload>(
                |#arg: &#payload| <#output as #krate::__private::CallbackReturn>::into_outcome(#callee(#arg)),
                #fallible,
            )
        },
    }
}

/// The item's keyword and name, where "applies to functions only" should point.
fn item_head(item: &Item) -> TokenStream {
    fn head(keyword: impl ToTokens, name: &Ident) -> TokenStream {
        quote!(#keyword #name)
    }
    match item {
        Item::Struct(s) => head(s.struct_token, &s.ident),
        Item::Enum(e) => head(e.enum_token, &e.ident),
        Item::Const(c) => head(c.const_token, &c.ident),
        Item::Static(s) => head(s.static_token, &s.ident),
        Item::Trait(t) => head(t.trait_token, &t.ident),
        Item::Type(t) => head(t.type_token, &t.ident),
        Item::Mod(m) => head(m.mod_token, &m.ident),
        other => other.to_token_stream(),
    }
}
