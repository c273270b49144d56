//! `#[hook_callback("name", priority = N, context = "ctx")]`: parse, check the function, expand.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Error, FnArg, Ident, Item, ItemFn, LitStr, ReturnType, Type};

use crate::args::{self, ContextRef, Krate, combine};
use crate::hook_name::{self, HookRef};

const EXAMPLE: &str = "#[hook_callback(\"user_created\", priority = 5, context = \"wallet\")]";
const SIGNATURE: &str = "fn name(payload: &Payload) or fn name(payload: &Payload) -> Result<(), E>";

struct Args {
    hook: HookRef,
    priority: u8,
    context: Option<ContextRef>,
    krate: Krate,
}

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let parsed_args = (|input: ParseStream<'_>| parse_args(input)).parse2(args);
    let item = match syn::parse2::<Item>(item.clone()) {
        Ok(item) => item,
        // Not an item rustc would accept either: leave the error to rustc.
        Err(_) => return item,
    };
    let Item::Fn(mut function) = item else {
        let error = Error::new_spanned(item_head(&item), "#[hook_callback] applies to functions only: expected `fn`");
        return with_errors(item.into_token_stream(), error);
    };
    // The parameter's type is the hook's payload type, which may well be `String` or `Vec<T>`:
    // clippy's advice to take `&str` or `&[T]` cannot be followed.
    function.attrs.push(syn::parse_quote!(#[allow(clippy::ptr_arg)]));
    let signature = check_signature(&function);
    match (parsed_args, signature) {
        (Ok(args), Ok(payload)) => expand_registration(&args, &function, &payload),
        (Err(mut error), Err(other)) => {
            error.combine(other);
            with_errors(function.into_token_stream(), error)
        }
        (Err(error), _) | (_, Err(error)) => with_errors(function.into_token_stream(), error),
    }
}

fn parse_args(input: ParseStream<'_>) -> syn::Result<Args> {
    let hook = HookRef::parse(input, EXAMPLE, None)?;
    let mut args = Args { hook, priority: 10, context: None, krate: Krate::default() };
    let mut errors = None;
    for opt in args::parse_options(input, &["priority", "context", "crate"])? {
        let result = match opt.key.to_string().as_str() {
            "priority" => args::priority(&opt.value).map(|p| args.priority = p),
            "context" => args::context(&opt.value).map(|c| args.context = Some(c)),
            _ => args::krate(&opt.value).map(|k| args.krate = k),
        };
        if let Err(error) = result {
            combine(&mut errors, error);
        }
    }
    match errors {
        Some(errors) => Err(errors),
        None => Ok(args),
    }
}

/// Checks the function's shape and returns its payload type `T` (from the `&T` parameter).
fn check_signature(function: &ItemFn) -> syn::Result<Type> {
    let sig = &function.sig;
    let mut errors = None;
    if let Some(unsafety) = &sig.unsafety {
        combine(&mut errors, Error::new_spanned(unsafety, "a hook callback cannot be an `unsafe fn`"));
    }
    if let Some(abi) = &sig.abi {
        combine(&mut errors, Error::new_spanned(abi, "a hook callback cannot have an `extern` ABI"));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        combine(
            &mut errors,
            Error::new_spanned(
                &sig.generics,
                format!(
                    "a hook callback cannot be generic: its payload must be one concrete type; expected {SIGNATURE}"
                ),
            ),
        );
    }
    if let Some(variadic) = &sig.variadic {
        combine(&mut errors, Error::new_spanned(variadic, "a hook callback cannot be variadic"));
    }
    // `!` and `impl Trait` would fail later with a message about the type, not the callback.
    let unsupported_return = match &sig.output {
        ReturnType::Type(_, ty) => match **ty {
            Type::Never(_) => Some((ty, "`!`")),
            Type::ImplTrait(_) => Some((ty, "`impl Trait`")),
            _ => None,
        },
        ReturnType::Default => None,
    };
    if let Some((ty, found)) = unsupported_return {
        let message = format!("a hook callback must return `()` or `Result<(), E>` where `E: Display`, not {found}");
        combine(&mut errors, Error::new_spanned(ty, message));
    }
    let payload = payload_type(function).map_err(|error| combine(&mut errors, error)).ok();
    match (errors, payload) {
        (None, Some(payload)) => Ok(payload),
        (Some(errors), _) => Err(errors),
        (None, None) => unreachable!("payload_type failed without an error"),
    }
}

fn payload_type(function: &ItemFn) -> syn::Result<Type> {
    let sig = &function.sig;
    let mut inputs = sig.inputs.iter();
    let Some(first) = inputs.next() else {
        return Err(Error::new(
            sig.paren_token.span.join(),
            format!("a hook callback takes exactly one parameter, the payload by reference; expected {SIGNATURE}"),
        ));
    };
    if let Some(second) = inputs.next() {
        return Err(Error::new_spanned(
            second,
            format!("a hook callback takes exactly one parameter, the payload by reference; expected {SIGNATURE}"),
        ));
    }
    let typed = match first {
        FnArg::Receiver(receiver) => {
            return Err(Error::new_spanned(
                receiver,
                "a hook callback must be a free function: `self` is not allowed; expected fn name(payload: &Payload)",
            ));
        }
        FnArg::Typed(typed) => typed,
    };
    match &*typed.ty {
        Type::Reference(reference) if reference.mutability.is_none() => Ok((*reference.elem).clone()),
        Type::Reference(reference) => Err(Error::new_spanned(
            reference.mutability,
            "the payload is shared with every callback: expected `&Payload`, not `&mut Payload`",
        )),
        other => Err(Error::new_spanned(
            other,
            format!("the payload is borrowed, never moved: expected a reference `&{}`", other.to_token_stream()),
        )),
    }
}

fn expand_registration(args: &Args, function: &ItemFn, payload: &Type) -> TokenStream {
    let Args { hook, priority, context, krate } = args;
    let alias = hook_name::alias();
    let hook_alias = hook.alias(&alias);
    let hook = hook.name(&alias, krate);
    let name = &function.sig.ident;
    let context = match context {
        Some(context) => {
            let context = context.name(krate);
            quote!(#krate::__private::Option::Some(#context))
        }
        None => quote!(#krate::__private::Option::None),
    };
    // For a typed hook, rustc checks the parameter against the hook's payload type; the check is
    // spanned on the parameter's type, where the error belongs.
    let payload_check = match args.hook {
        HookRef::Typed(_) => {
            let krate = krate.at(payload.span());
            quote_spanned! {payload.span()=>
                #krate::__private::assert_payload::<#alias, #payload>();
            }
        }
        HookRef::Name(_) => TokenStream::new(),
    };
    // The name as a literal rather than `stringify!(#name)`: a crate may shadow `stringify!`.
    let fn_name = LitStr::new(&name.to_string(), name.span());
    let meta = {
        let krate = krate.at(name.span());
        quote_spanned! {name.span()=>
            #krate::__private::Meta {
                hook: #hook,
                priority: #priority,
                context: #context,
                path: #krate::__private::concat!(#krate::__private::module_path!(), "::", #fn_name),
                file: #krate::__private::file!(),
                line: #krate::__private::line!(),
            }
        }
    };
    // `<#output as CallbackReturn>` puts an unsupported return type's error, with the trait's
    // `on_unimplemented` message, on the user's return type. The adapter's parameter is
    // mixed-site, so a callback named `payload` still resolves to the callback.
    let (fallible, output) = match &function.sig.output {
        ReturnType::Type(_, ty) if !is_unit(ty) => (true, quote!(#ty)),
        _ => (false, quote!(())),
    };
    let arg = Ident::new("payload", Span::mixed_site());
    let adapter = match function.sig.asyncness {
        Some(asyncness) => {
            // The adapter boxes the callback's future. Spanned on the `async` keyword, so that a
            // future that is not `Send` (`assert_send`) is reported there.
            let future = {
                let krate = krate.at(asyncness.span());
                quote_spanned! {asyncness.span()=>
                    #krate::__private::assert_send(async move {
                        <#output as #krate::__private::CallbackReturn>::into_outcome(#name(#arg).await)
                    })
                }
            };
            quote! {
                #krate::__private::asynchronous::<#payload>(
                    |#arg: &#payload| -> #krate::__private::CallbackFuture<'_> {
                        #krate::__private::Box::pin(#future)
                    },
                    #fallible,
                )
            }
        }
        // The user's function is inlined into this adapter, so the call costs one indirect call.
        None => quote! {
            #krate::__private::sync::<#payload>(
                |#arg: &#payload| <#output as #krate::__private::CallbackReturn>::into_outcome(#name(#arg)),
                #fallible,
            )
        },
    };
    quote! {
        #function
        #krate::__private::register! {
            callback: {
                #hook_alias
                #payload_check
                #krate::__private::callback(#meta, #adapter)
            }
        }
    }
}

fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(tuple) if tuple.elems.is_empty())
}

/// The item's keyword and name, where "applies to functions only" should point.
fn item_head(item: &Item) -> TokenStream {
    fn head(keyword: impl ToTokens, name: &syn::Ident) -> TokenStream {
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

/// The item unchanged, followed by the errors: one mistake gives one error, and the rest of the
/// crate still sees the function.
fn with_errors(item: TokenStream, error: Error) -> TokenStream {
    let errors = error.to_compile_error();
    quote!(#item #errors)
}
