//! `key = value` options shared by the macros, so every duplicate or unknown key gets the same
//! message.

use syn::ext::IdentExt;
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
        let key: Ident = input.call(Ident::parse_any).map_err(|e| {
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

/// A context named by a string literal or by the path of a `declare_context!` item.
pub(crate) enum ContextRef {
    Name(syn::LitStr),
    Typed(syn::Path),
}

impl ContextRef {
    /// The context as a `&'static str` expression.
    pub(crate) fn name(&self, krate: &Krate) -> proc_macro2::TokenStream {
        match self {
            ContextRef::Name(name) => quote::quote!(#name),
            ContextRef::Typed(path) => quote::quote!(<#path as #krate::__private::TypedContext>::NAME),
        }
    }
}

/// The value of a `context` option: a non-empty string literal, or the path of a context declared
/// with `declare_context!`.
pub(crate) fn context(value: &Expr) -> syn::Result<ContextRef> {
    const EXPECTED: &str = "context must be a non-empty string literal, like context = \"wallet\", or a context declared with declare_context!";
    match value {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(literal), .. }) if !literal.value().trim().is_empty() => {
            Ok(ContextRef::Name(literal.clone()))
        }
        Expr::Path(path) if path.qself.is_none() => Ok(ContextRef::Typed(path.path.clone())),
        _ => Err(Error::new_spanned(value, EXPECTED)),
    }
}

/// The path generated code uses to reach `hooks-core`: `::hooks_core` unless the macro is given
/// `crate = path`, for crates that reach `hooks-core` through a re-export.
pub(crate) struct Krate(syn::Path);

impl Default for Krate {
    fn default() -> Self {
        Krate(syn::parse_quote!(::hooks_core))
    }
}

impl Krate {
    /// The path with every token spanned at `span`: for generated code whose errors must point
    /// at the user's tokens, where a call-site span on the path would move them.
    pub(crate) fn at(&self, span: proc_macro2::Span) -> proc_macro2::TokenStream {
        let mut tokens = proc_macro2::TokenStream::new();
        quote::ToTokens::to_tokens(&self.0, &mut tokens);
        tokens
            .into_iter()
            .map(|mut token| {
                token.set_span(span);
                token
            })
            .collect()
    }
}

impl quote::ToTokens for Krate {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        self.0.to_tokens(tokens);
    }
}

/// The value of a `crate` option: a path, like `crate = my_framework::hooks`.
pub(crate) fn krate(value: &Expr) -> syn::Result<Krate> {
    match value {
        Expr::Path(path) if path.qself.is_none() => Ok(Krate(path.path.clone())),
        _ => Err(Error::new_spanned(
            value,
            "crate must be the path hooks-core is reachable at, like crate = my_framework::hooks",
        )),
    }
}

/// The value of a boolean option such as `concurrent`: `true` or `false`.
pub(crate) fn flag(value: &Expr, key: &str) -> syn::Result<bool> {
    match value {
        Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(literal), .. }) => Ok(literal.value),
        _ => Err(Error::new_spanned(value, format!("{key} must be `true` or `false`"))),
    }
}
