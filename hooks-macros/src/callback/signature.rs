//! Checks the shape of a `#[hook_callback]` function: a free function taking the payload by
//! reference and returning `()` or `Result<(), E>`.

use quote::ToTokens;
use syn::{Error, FnArg, ItemFn, ReturnType, Type};

use crate::errors::Errors;

const SIGNATURE: &str = "fn name(payload: &Payload) or fn name(payload: &Payload) -> Result<(), E>";

/// The parts of a checked callback that its registration needs.
pub(crate) struct Callback {
    /// `T` of the `&T` parameter.
    pub(crate) payload: Type,
    /// The return type, when it is not `()`.
    pub(crate) fallible: Option<Type>,
}

/// Checks the function's shape, reporting every mistake.
pub(crate) fn check(function: &ItemFn) -> syn::Result<Callback> {
    let sig = &function.sig;
    let mut errors = Errors::default();
    if let Some(unsafety) = &sig.unsafety {
        errors.push(Error::new_spanned(unsafety, "a hook callback cannot be an `unsafe fn`"));
    }
    if let Some(abi) = &sig.abi {
        errors.push(Error::new_spanned(abi, "a hook callback cannot have an `extern` ABI"));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.push(Error::new_spanned(
            &sig.generics,
            format!("a hook callback cannot be generic: its payload must be one concrete type; expected {SIGNATURE}"),
        ));
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(Error::new_spanned(variadic, "a hook callback cannot be variadic"));
    }
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
                let message =
                    format!("a hook callback must return `()` or `Result<(), E>` where `E: Display`, not {found}");
                errors.push(Error::new_spanned(ty, message));
            }
            Some((**ty).clone())
        }
        ReturnType::Default => None,
    };
    let payload = errors.check(payload_type(function));
    errors.finish(())?;
    Ok(Callback { payload: payload.expect("a missing payload type is a recorded error"), fallible })
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

fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(tuple) if tuple.elems.is_empty())
}
