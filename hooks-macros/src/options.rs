//! `key = value` options shared by the macros, so that every unknown or repeated key gets the same
//! message, and the values more than one macro takes.

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Error, Expr, Ident, Token};

use crate::errors::Errors;

/// The options that may be written without a value.
const FLAGS: &[&str] = &["durable"];

/// One `key = value` option.
pub(crate) struct Opt {
    pub(crate) key: Ident,
    pub(crate) value: Expr,
}

/// Parses `, key = value` options until the end of `input`, handing each valid one to `each` in
/// order. Unknown and repeated keys are recorded in `errors`; `valid` lists the accepted keys,
/// for the message.
pub(crate) fn parse(
    input: ParseStream<'_>,
    valid: &[&str],
    errors: &mut Errors,
    mut each: impl FnMut(&Opt, &mut Errors),
) -> syn::Result<()> {
    let mut options: Vec<Opt> = Vec::new();
    while !input.is_empty() {
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        let key: Ident = input.call(Ident::parse_any).map_err(|e| {
            Error::new(e.span(), format!("expected an option `key = value`; valid keys: {}", valid.join(", ")))
        })?;
        // A flag may stand alone (`durable`), meaning `durable = true`.
        let value: Expr = if FLAGS.iter().any(|flag| key == flag) && !input.peek(Token![=]) {
            syn::parse_quote_spanned!(key.span()=> true)
        } else {
            input.parse::<Token![=]>()?;
            input.parse()?
        };
        if !valid.iter().any(|v| key == v) {
            errors
                .push(Error::new_spanned(&key, format!("unknown option `{key}`; valid options: {}", valid.join(", "))));
        } else if options.iter().any(|o| o.key == key) {
            errors.push(Error::new_spanned(&key, format!("duplicate option `{key}`: each option may appear once")));
        } else {
            let opt = Opt { key, value };
            each(&opt, errors);
            options.push(opt);
        }
    }
    Ok(())
}

/// The value of a boolean option such as `concurrent`: `true` or `false`.
pub(crate) fn flag(value: &Expr, key: &Ident) -> syn::Result<bool> {
    match value {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(literal), .. }) => Ok(literal.value),
        _ => Err(Error::new_spanned(value, format!("{key} must be `true` or `false`"))),
    }
}
