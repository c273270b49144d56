//! The expansion of `#[hook_filter]` and `#[hook_first_result]`: the user's function unchanged,
//! and a callback record whose payload is the trigger's chain, registered as callbacks are.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Error, Ident, ItemFn, Type};

use super::Kind;
use super::signature::{self, Signature};
use crate::callback::{Args, Constructor, Form, by_reference, registration};
use crate::errors;
use crate::function::{self, Annotated};
use crate::krate::Krate;

pub(crate) fn expand(kind: Kind, args: TokenStream, item: TokenStream) -> TokenStream {
    let parsed_args = syn::parse2::<Args>(args);
    let function = match function::parse(item) {
        Annotated::Fn(function) => function,
        Annotated::Other(item) => {
            let message = format!("{} applies to functions only: expected `fn`", kind.attribute());
            return errors::after_item(item.to_token_stream(), Error::new_spanned(&item, message));
        }
        Annotated::Invalid(tokens) => return tokens,
    };
    let checked = signature::check(&function.item, kind);
    let args = match (parsed_args, checked) {
        (Ok(args), Ok(signature)) => match options_fit(&args, &function.item, kind) {
            Ok(()) => (args, signature),
            Err(error) => return errors::after_item(function.tokens, error),
        },
        (Err(mut error), Err(other)) => {
            error.combine(other);
            return errors::after_item(function.tokens, error);
        }
        (Err(error), _) | (_, Err(error)) => return errors::after_item(function.tokens, error),
    };
    let (args, signature) = args;
    let form = form(&args, &function.item, &signature, kind);
    registration(&args, &function, form)
}

/// The options of `#[hook_callback]` that do not apply here, and the hook, which must be the item
/// of a declaration: its types are what rustc checks the function against.
fn options_fit(args: &Args, function: &ItemFn, kind: Kind) -> syn::Result<()> {
    if args.hook.typed().is_none() {
        let example = match kind {
            Kind::Filter => "#[hook_filter(credit_amount)]",
            Kind::FirstResult => "#[hook_first_result(shipping_quote)]",
        };
        let message = format!(
            "{} names its hook by the item `{}` declares, like {example}",
            kind.attribute(),
            kind.declaring_macro()
        );
        return Err(Error::new(args.hook.span(), message));
    }
    if let Some(span) = args.durable.flag {
        let message = format!("{} runs in its trigger, to pass its value on: it cannot be durable", kind.attribute());
        return Err(Error::new(span, message));
    }
    if let (Some((_, span)), None) = (args.retry.backoff, &function.sig.asyncness) {
        return Err(Error::new(span, "backoff applies to async callbacks: a sync callback retries at once"));
    }
    Ok(())
}

fn form(args: &Args, function: &ItemFn, signature: &Signature, kind: Kind) -> Form {
    let krate = &args.krate;
    let alias = args.hook.typed().expect("checked by options_fit");
    let hook_span = args.hook.span();
    let unit: Type = syn::parse_quote!(());
    let argument = signature.argument.as_ref().unwrap_or(&unit);
    // Where a missing argument is reported: the parameter list.
    let argument_span = signature.argument.as_ref().map_or_else(|| function.sig.paren_token.span.join(), Spanned::span);
    let trait_path = match kind {
        Kind::Filter => quote_spanned!(hook_span=> TypedFilter),
        Kind::FirstResult => quote_spanned!(hook_span=> TypedFirstResult),
    };
    // One check per parameter, through a function whose bound makes rustc compare the
    // parameter's type with the declaration's, on the parameter, naming the hook.
    let check_argument = Ident::new("__hooks_argument_of_hook", Span::mixed_site());
    let check_value = Ident::new("__hooks_value_of_hook", Span::mixed_site());
    let bound_krate = krate.at(hook_span);
    let mut checks = quote_spanned! {hook_span=>
        const fn #check_argument<H: #bound_krate::__private::#trait_path<Argument = A>, A>() -> &'static str {
            H::NAME
        }
    };
    let argument_alias = Ident::new(&alias.to_string(), argument_span);
    let argument_check = quote_spanned!(argument_span=> #check_argument::<#argument_alias, #argument>());
    let hook_name = match (kind, &signature.value) {
        (Kind::Filter, Some(value)) => {
            checks.extend(quote_spanned! {hook_span=>
                const fn #check_value<H: #bound_krate::__private::TypedFilter<Value = V>, V>() -> &'static str {
                    H::NAME
                }
                const _: &str = #argument_check;
            });
            let value_alias = Ident::new(&alias.to_string(), value.span());
            quote_spanned!(value.span()=> #check_value::<#value_alias, #value>())
        }
        _ => argument_check,
    };
    let (record, adapter) = match kind {
        Kind::Filter => filter_adapter(args, function, signature, argument),
        Kind::FirstResult => first_result_adapter(args, function, signature, argument, &alias),
    };
    Form { checks, hook_name, record, adapter: by_reference(adapter) }
}

/// A filter's record and adapter: the chain's value and argument are the function's own types
/// (checked against the declaration above), and the return type converts into the next value.
fn filter_adapter(
    args: &Args,
    function: &ItemFn,
    signature: &Signature,
    argument: &Type,
) -> (Constructor, TokenStream) {
    let krate = &args.krate;
    let value = signature.value.as_ref().expect("a filter has a value parameter");
    let output = &signature.output;
    let callee = &function.sig.ident;
    let [chain, value_arg, argument_arg, turn, next] =
        ["chain", "value", "argument", "turn", "next"].map(|name| Ident::new(name, Span::mixed_site()));
    let call = match signature.argument {
        Some(_) => quote!(#callee(#value_arg, #argument_arg)),
        None => quote!(#callee(#value_arg)),
    };
    // Spanned on the return type: a return type that is not the value is reported there.
    let convert = {
        let span = output.span();
        let krate = krate.at(span);
        quote_spanned!(span=> <#output as #krate::__private::FilterReturn<#value>>::into_next)
    };
    let chain_type = quote!(#krate::__private::Chain<'static, #value, #argument>);
    let fallible = signature.fallible;
    let adapter = match function.sig.asyncness {
        None => quote! {
            #krate::__private::sync::<#chain_type>(
                |#chain: &#chain_type| #krate::__private::filter(#chain, |#value_arg, #argument_arg| #convert(#call)),
                #fallible,
            )
        },
        Some(asyncness) => {
            let body = quote! {
                let (#value_arg, #argument_arg) = (#turn.value(), #turn.argument());
                let #next = #convert(#call.await);
                #krate::__private::filtered(#turn, #next)
            };
            async_adapter(krate, &asyncness, &chain_type, fallible, body)
        }
    };
    (Constructor::new("filter_callback", quote!(#value, #argument)), adapter)
}

/// A first-result callback's record and adapter: the argument is the function's own type, the
/// output the declaration's, which the return type converts into.
fn first_result_adapter(
    args: &Args,
    function: &ItemFn,
    signature: &Signature,
    argument: &Type,
    alias: &Ident,
) -> (Constructor, TokenStream) {
    let krate = &args.krate;
    let output = &signature.output;
    let callee = &function.sig.ident;
    let [chain, argument_arg, turn, found] =
        ["chain", "argument", "turn", "found"].map(|name| Ident::new(name, Span::mixed_site()));
    let declared = quote!(<#alias as #krate::__private::TypedFirstResult>::Output);
    let convert = {
        let span = output.span();
        let krate = krate.at(span);
        quote_spanned!(span=> <#output as #krate::__private::FirstResultReturn<#declared>>::into_found)
    };
    let chain_type = quote!(#krate::__private::Chain<'static, #krate::__private::Option<#declared>, #argument>);
    let fallible = signature.fallible;
    let adapter = match function.sig.asyncness {
        None => quote! {
            #krate::__private::sync::<#chain_type>(
                |#chain: &#chain_type| #krate::__private::first_result(#chain, |#argument_arg| #convert(#callee(#argument_arg))),
                #fallible,
            )
        },
        Some(asyncness) => {
            let body = quote! {
                let #found = #convert(#callee(#turn.argument()).await);
                #krate::__private::found(#turn, #found)
            };
            async_adapter(krate, &asyncness, &chain_type, fallible, body)
        }
    };
    (Constructor::new("first_result_callback", quote!(#argument, #declared)), adapter)
}

/// The adapter of an async filter or first-result callback: a function returning a future that
/// takes its turn with the chain's value, then runs `body` with the turn (`turn`). Spanned on the
/// `async` keyword, so that a future that is not `Send` is reported there.
fn async_adapter(
    krate: &Krate,
    asyncness: &syn::token::Async,
    chain_type: &TokenStream,
    fallible: bool,
    body: TokenStream,
) -> TokenStream {
    let [chain, turn, halt] = ["chain", "turn", "halt"].map(|name| Ident::new(name, Span::mixed_site()));
    let span = asyncness.span();
    let krate = krate.at(span);
    quote_spanned! {span=>
        #krate::__private::asynchronous::<#chain_type, _>(
            |#chain: &'static #chain_type| async move {
                let #turn = match #chain.enter() {
                    #krate::__private::Result::Ok(#turn) => #turn,
                    #krate::__private::Result::Err(#halt) => return #krate::__private::Result::Err(#halt),
                };
                #body
            },
            #fallible,
        )
    }
}
