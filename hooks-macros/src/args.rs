//! `key = value` options shared by the macros, so every duplicate or unknown key gets the same
//! message.

use syn::parse::ParseStream;
use syn::{Error, Expr, Ident, LitInt, Token};

/// One `key = value` option.
pub(crate) struct Opt {
    pub(crate) key: Ident,
    pub(crate) value: Expr,
}

/// Parses `, key = value` options until the end of `input`, rejecting unknown and repeated keys.
/// `valid` lists the accepted keys, for the error message.
pub(crate) fn parse_options(input: ParseStream<'_>, valid: &[&str]) -> syn::Result<Vec<Opt>> {
    let mut options: Vec<Opt> = Vec::new();
    let mut errors: Option<Error> = None;
    while !input.is_empty() {
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        let key: Ident = input.parse().map_err(|e| {
            Error::new(e.span(), format!("expected an option `key = value`; valid keys: {}", valid.join(", ")))
        })?;
        input.parse::<Token![=]>()?;
        let value: Expr = input.parse()?;
        let error = if !valid.iter().any(|v| key == v) {
            Some(Error::new_spanned(&key, format!("unknown option `{key}`; valid options: {}", valid.join(", "))))
        } else if options.iter().any(|o| o.key == key) {
            Some(Error::new_spanned(&key, format!("duplicate option `{key}`: each option may appear once")))
        } else {
            None
        };
        match error {
            Some(error) => combine(&mut errors, error),
            None => options.push(Opt { key, value }),
        }
    }
    match errors {
        Some(errors) => Err(errors),
        None => Ok(options),
    }
}

/// Adds `error` to `errors`, so one compile reports them all.
pub(crate) fn combine(errors: &mut Option<Error>, error: Error) {
    match errors {
        Some(errors) => errors.combine(error),
        None => *errors = Some(error),
    }
}

/// The value of a `priority` option: an integer literal from 1 to 100.
pub(crate) fn priority(value: &Expr) -> syn::Result<u8> {
    const EXPECTED: &str = "priority must be an integer from 1 to 100 (lower runs first; default 10)";
    let Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(literal), .. }) = value else {
        return Err(Error::new_spanned(value, format!("{EXPECTED}, found `{}`", source(value))));
    };
    match int(literal) {
        Some(priority @ 1..=100) => Ok(priority as u8),
        _ => Err(Error::new_spanned(literal, format!("{EXPECTED}, found `{literal}`"))),
    }
}

fn int(literal: &LitInt) -> Option<u64> {
    literal.base10_parse().ok()
}

/// `value` as the user wrote it, for quoting in a message: `-1` rather than the token printer's
/// `- 1`.
fn source(value: &Expr) -> String {
    match value {
        Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => format!("-{}", source(expr)),
        other => quote::quote!(#other).to_string(),
    }
}

/// The value of a `context` option: a non-empty string literal, or the path of a context declared
/// with `declare_context!`; as a `&'static str` expression.
pub(crate) fn context(value: &Expr) -> syn::Result<proc_macro2::TokenStream> {
    const EXPECTED: &str = "context must be a non-empty string literal, like context = \"wallet\", or a context declared with declare_context!";
    match value {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(literal), .. }) if !literal.value().trim().is_empty() => {
            Ok(quote::quote!(#literal))
        }
        Expr::Path(path) if path.qself.is_none() => {
            let path = &path.path;
            Ok(quote::quote!(<#path as ::hooks_core::TypedContext>::NAME))
        }
        _ => Err(Error::new_spanned(value, EXPECTED)),
    }
}

/// The value of a boolean option such as `concurrent`: `true` or `false`.
pub(crate) fn flag(value: &Expr, key: &str) -> syn::Result<bool> {
    match value {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(literal), .. }) => Ok(literal.value),
        _ => Err(Error::new_spanned(value, format!("{key} must be `true` or `false`"))),
    }
}
