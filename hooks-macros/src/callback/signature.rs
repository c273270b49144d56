//! Checks the shape of a `#[hook_callback]` function: a free function taking the payload by
//! reference and returning `()`, `ControlFlow<()>` or a `Result` of either.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Error, FnArg, ItemFn, ReturnType, Type};

use crate::errors::Errors;

const SIGNATURE: &str = "fn name(payload: &Payload) or fn name(payload: &Payload) -> Result<(), E>";

/// What an associated function gets, whether the attribute sees it through `self` or `Self`.
/// Without either, the expansion itself fails inside an `impl` with an error that names the fix.
pub(crate) const ASSOCIATED: &str =
    "#[hook_callback] cannot register an associated function: write a free function that calls it";

/// The parts of a checked callback that its registration needs.
pub(crate) struct Callback {
    /// `T` of the `&T` parameter.
    pub(crate) payload: Type,
    /// The return type, when it is not `()`.
    pub(crate) fallible: Option<Type>,
}

/// Checks the function's shape; a durable callback also takes its job. A method is reported
/// alone: its other mistakes follow from it.
pub(crate) fn check(function: &ItemFn, durable: bool) -> syn::Result<Callback> {
    let sig = &function.sig;
    let mut errors = check_header(function, "a hook callback", SIGNATURE)?;
    let fallible = match &sig.output {
        ReturnType::Type(_, ty) if is_unit(ty) => None,
        ReturnType::Type(_, ty) => {
            // `!` and `impl Trait` would fail later with a message about the type, not the callback.
            let unsupported = match **ty {
                Type::Never(_) => Some("`!`"),
                Type::ImplTrait(_) => Some("`impl Trait`"),
                _ => None,
            };
            if let Some(found) = unsupported {
                let message = format!(
                    "a hook callback must return `()`, `ControlFlow<()>`, or a `Result` of either whose error is `Display`, not {found}"
                );
                errors.push(Error::new_spanned(ty, message));
            }
            Some((**ty).clone())
        }
        ReturnType::Default => None,
    };
    let payload = match durable {
        true => errors.check(crate::durable::check_signature(function)),
        false => errors.check(payload_type(function)),
    };
    errors.finish(())?;
    Ok(Callback { payload: payload.expect("a missing payload type is a recorded error"), fallible })
}

/// The checks every registered function gets, `what` naming it in the messages: a free function
/// (a method is reported alone, as its other mistakes follow from it), safe, with Rust's ABI, not
/// generic, not variadic. The errors found so far, to which the caller adds its own.
pub(crate) fn check_header(function: &ItemFn, what: &str, signature: &str) -> syn::Result<Errors> {
    let sig = &function.sig;
    if let Some(receiver) = sig.receiver() {
        return Err(Error::new_spanned(receiver, ASSOCIATED));
    }
    if let Some(self_type) = find_self_type(sig.to_token_stream()) {
        return Err(Error::new(self_type.span(), ASSOCIATED));
    }
    let mut errors = Errors::default();
    if let Some(unsafety) = &sig.unsafety {
        errors.push(Error::new_spanned(unsafety, format!("{what} cannot be an `unsafe fn`")));
    }
    if let Some(abi) = &sig.abi {
        errors.push(Error::new_spanned(abi, format!("{what} cannot have an `extern` ABI")));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.push(Error::new_spanned(
            &sig.generics,
            format!("{what} cannot be generic: its types must be concrete; expected {signature}"),
        ));
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(Error::new_spanned(variadic, format!("{what} cannot be variadic")));
    }
    Ok(errors)
}

/// The `T` of a `&T` parameter; `what` names the parameter in the message when it is not a
/// shared reference, and `shape` shows the expected type (`&Payload`).
pub(crate) fn referenced(argument: &FnArg, what: &str, shape: &str) -> syn::Result<Type> {
    let FnArg::Typed(typed) = argument else {
        unreachable!("receivers are reported before the parameters are read");
    };
    match &*typed.ty {
        Type::Reference(reference) if reference.mutability.is_none() => Ok((*reference.elem).clone()),
        Type::Reference(reference) => Err(Error::new_spanned(
            reference.mutability,
            format!("{what} is shared with every callback: expected `{shape}`, not `&mut {}`", &shape[1..]),
        )),
        other => Err(Error::new_spanned(
            other,
            format!("{what} is borrowed, never moved: expected a reference `&{}`", other.to_token_stream()),
        )),
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
    referenced(first, "the payload", "&Payload")
}

/// The first `Self` in `tokens`: a signature that names `Self` belongs to an `impl` or a trait.
fn find_self_type(tokens: TokenStream) -> Option<proc_macro2::Ident> {
    tokens.into_iter().find_map(|token| match token {
        TokenTree::Ident(ident) if ident == "Self" => Some(ident),
        TokenTree::Group(group) => find_self_type(group.stream()),
        _ => None,
    })
}

/// Whether a return type is `ControlFlow<..>`: a callback that may stop its trigger, which
/// cannot fail.
pub(crate) fn is_control_flow(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|segment| segment.ident == "ControlFlow"))
}

fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(tuple) if tuple.elems.is_empty())
}
