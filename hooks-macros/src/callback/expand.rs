//! The expansion of `#[hook_callback]`: the user's function unchanged, and its registration.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Error, Ident, Item, ItemFn, LitStr};

use super::ast::Args;
use super::signature::{self, Callback};
use crate::function::{self, Annotated, Function};
use crate::krate::Krate;
use crate::refs::ContextRef;
use crate::{constraints, durable, errors};

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    match super::fast::expand(&args, &item) {
        Some(expansion) => expansion,
        None => parsed(args, item),
    }
}

/// The expansion through the full parse of the arguments and the function.
pub(crate) fn parsed(args: TokenStream, item: TokenStream) -> TokenStream {
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
    /// The record's `__private` constructor, called with the registered path, the hook's name and
    /// the adapter.
    pub(crate) record: Constructor,
    /// The adapter around the user's function, by reference (for a sync callback returning
    /// `()`, the function itself), the constructor's last argument.
    pub(crate) adapter: TokenStream,
}

/// A record's constructor of `hooks_core::__private` and its generic arguments
/// (`plain_callback` and `Payload`).
pub(crate) struct Constructor {
    pub(crate) name: &'static str,
    pub(crate) generics: TokenStream,
}

impl Constructor {
    pub(crate) fn new(name: &'static str, generics: TokenStream) -> Self {
        Constructor { name, generics }
    }
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
        Some(_) => (Constructor::new("callback", TokenStream::new()), by_reference(durable::adapter_expression())),
        None if callback.fallible.is_none() && function.sig.asyncness.is_none() => {
            let name = &function.sig.ident;
            (Constructor::new("plain_callback", payload.to_token_stream()), quote!(#name))
        }
        None => (
            Constructor::new("callback", TokenStream::new()),
            by_reference(adapter(args, function, callback, &function.sig.ident)),
        ),
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

/// An adapter as its record's constructor takes it: by reference, which rustc promotes to a
/// `'static` in the initializer of the static that holds the record.
pub(crate) fn by_reference(adapter: TokenStream) -> TokenStream {
    quote!(&#adapter)
}

/// The function, followed by its registration (see [`Registration`]).
pub(crate) fn registration(args: &Args, function: &Function, form: Form) -> TokenStream {
    let Args { hook, priority, context, krate, .. } = args;
    let Form { checks, hook_name, record, adapter } = form;
    let name = &function.item.sig.ident;
    let hook_alias = hook.alias();
    let context_alias = ContextRef::alias(context.as_ref());
    let context = context.as_ref().map(|context| context.name(krate));
    let priority_check = priority.check(krate);
    let (retries, backoff_ms) = (args.retry.retries(), args.retry.backoff_ms());
    let (constraint_checks, order) = args.constraints.expand(hook, krate);
    // Every option at its default is no option; each one set is a method chained on the record.
    let priority = (!priority.is_default()).then(|| priority.value().into_token_stream());
    let mut options = Vec::new();
    if let Some(context) = context {
        options.push(("with_context", context));
    }
    if !args.enabled {
        options.push(("disabled", TokenStream::new()));
    }
    if retries > 0 || backoff_ms > 0 {
        options.push(("with_retry", quote!(#retries, #backoff_ms)));
    }
    if let Some((after, before)) = order {
        options.push(("with_order", quote!(#after, #before)));
    }
    let registration = Registration {
        krate,
        vis: function.item.vis.to_token_stream(),
        name,
        record,
        adapter,
        hook: hook_name,
        checks: quote!(#hook_alias #context_alias #constraint_checks #priority_check #checks),
        priority,
        options,
    };
    registration.after(function.tokens.clone())
}

/// A callback's registration: one call of `__private::register_callback!`, which writes out the
/// hidden constant that ordering constraints name the callback by (see the `constraints` module),
/// in whose block the record is registered.
pub(crate) struct Registration<'a> {
    pub(crate) krate: &'a Krate,
    /// The function's visibility, the hidden constant's.
    pub(crate) vis: TokenStream,
    pub(crate) name: &'a Ident,
    /// See [`Form::record`].
    pub(crate) record: Constructor,
    pub(crate) adapter: TokenStream,
    /// The record's hook name, a `&'static str` expression.
    pub(crate) hook: TokenStream,
    /// Items of the hidden constant's block: aliases and checks.
    pub(crate) checks: TokenStream,
    /// `priority = N`, when not the default.
    pub(crate) priority: Option<TokenStream>,
    /// The other options set, each a method of `CallbackOptions` and its arguments, which build
    /// the record's options from the defaults.
    pub(crate) options: Vec<(&'static str, TokenStream)>,
}

impl Registration<'_> {
    /// `function`, the tokens to emit for the function, followed by the registration. The call is
    /// spanned on the function's name: its items' errors point there, and `line!()` in its
    /// expansion is the name's line.
    pub(crate) fn after(self, function: TokenStream) -> TokenStream {
        let Registration { krate, vis, name, record, adapter, hook, mut checks, priority, options } = self;
        let plain_name = name.to_string().trim_start_matches("r#").to_owned();
        let named = constraints::record_name(name);
        // The name as a literal rather than `stringify!(#name)`: a crate may shadow `stringify!`.
        let fn_name = LitStr::new(&plain_name, name.span());
        let register = {
            let krate = krate.at(name.span());
            quote_spanned!(name.span()=> #krate::__private::register_callback!)
        };
        let constructor = Ident::new(record.name, Span::call_site());
        let generics = record.generics;
        // Each option a method chained after the record's constructor (no option, no call).
        let mut chained = TokenStream::new();
        if let Some(priority) = priority {
            chained.extend(quote!(.with_priority(#priority)));
        }
        if !options.is_empty() {
            // A static of the hidden constant's block, which the record points to: a constant
            // would make the record's value depend on its `after` and `before` targets' records,
            // and two callbacks that name each other a cycle of constants.
            let static_options = Ident::new("__HOOKS_OPTIONS", Span::mixed_site());
            let mut built = quote!(#krate::__private::CallbackOptions::DEFAULT);
            for (method, arguments) in options {
                let method = Ident::new(method, Span::call_site());
                built.extend(quote!(.#method(#arguments)));
            }
            checks.extend(quote!(static #static_options: #krate::__private::CallbackOptions = #built;));
            chained.extend(quote!(.with_options(&#static_options)));
        }
        let call = quote! {
            [#vis] #fn_name #named #constructor [#generics] { #adapter } { #hook } { #checks } { #chained }
        };
        let mut group = Group::new(Delimiter::Brace, call);
        group.set_span(name.span());
        quote! {
            #function

            #register #group
        }
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
