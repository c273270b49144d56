//! The shapes of filters, `fn(&Value, &Argument) -> Value` (the argument optional) or a `Result`
//! of the value, and of first-result callbacks, `fn(&Argument) -> Option<Output>` or a `Result`
//! of it; sync or async.

use syn::{Error, ItemFn, ReturnType, Type};

use super::Kind;
use crate::callback::signature::{check_header, referenced};

const FILTER: &str = "fn name(value: &Value, argument: &Argument) -> Value, or fn name(value: &Value) -> Value for a filter without an argument; the value may come back in a Result<Value, E>";
const FIRST_RESULT: &str = "fn name(argument: &Argument) -> Option<Output>, or -> Result<Option<Output>, E>";

/// The types a filter or first-result callback names.
pub(crate) struct Signature {
    /// A filter's value type (the first parameter's referent); `None` for a first result.
    pub(crate) value: Option<Type>,
    /// The argument's type; `None` for a filter without one.
    pub(crate) argument: Option<Type>,
    /// The return type, as written.
    pub(crate) output: Type,
    /// Whether the return type is a `Result`.
    pub(crate) fallible: bool,
}

pub(crate) fn check(function: &ItemFn, kind: Kind) -> syn::Result<Signature> {
    let (what, expected) = match kind {
        Kind::Filter => ("a filter", FILTER),
        Kind::FirstResult => ("a first-result callback", FIRST_RESULT),
    };
    let sig = &function.sig;
    let mut errors = check_header(function, what, expected)?;
    let output = match &sig.output {
        ReturnType::Type(_, ty) => Some((**ty).clone()),
        ReturnType::Default => {
            let returns = match kind {
                Kind::Filter => "the next value",
                Kind::FirstResult => "`Some(output)` or `None`",
            };
            errors.push(Error::new_spanned(&sig.ident, format!("{what} returns {returns}; expected {expected}")));
            None
        }
    };
    let inputs: Vec<_> = sig.inputs.iter().collect();
    let arity = match kind {
        Kind::Filter => 1..=2,
        Kind::FirstResult => 1..=1,
    };
    let (mut value, mut argument) = (None, None);
    if !arity.contains(&inputs.len()) {
        let message = format!(
            "{what} takes {}; expected {expected}",
            match kind {
                Kind::Filter => "the value by reference, then optionally the argument by reference",
                Kind::FirstResult => "exactly one parameter, the argument by reference",
            }
        );
        match inputs.get(*arity.end()) {
            Some(extra) => errors.push(Error::new_spanned(extra, message)),
            None => errors.push(Error::new(sig.paren_token.span.join(), message)),
        }
    } else if kind == Kind::Filter {
        value = errors.check(referenced(inputs[0], "the value", "&Value"));
        argument = inputs.get(1).and_then(|input| errors.check(referenced(input, "the argument", "&Argument")));
    } else {
        argument = errors.check(referenced(inputs[0], "the argument", "&Argument"));
    }
    errors.finish(())?;
    let output = output.expect("a missing return type is a recorded error");
    let fallible = last_segment_is(&output, "Result");
    Ok(Signature { value, argument, output, fallible })
}

fn last_segment_is(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|segment| segment.ident == name))
}
