//! The hook and the context a macro names, and the expressions that name them in generated code.
//!
//! Each is a string literal, a `&'static str` constant (a path in SCREAMING_CASE, the Rust
//! convention for constants), or the path of an item declared with `declare_hook!` or
//! `declare_context!` (snake_case items in the type namespace).

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Error, Expr, ExprLit, Ident, Lit, LitStr, Path, Token};

use crate::errors::Errors;
use crate::krate::Krate;
use crate::names::{self, Noun};

/// How a macro's messages show its form: `example` in the error for a missing or malformed
/// name, and `runtime`, if the macro has one, the way to use a name known only at runtime.
pub(crate) struct Usage {
    pub(crate) example: &'static str,
    pub(crate) runtime: Option<&'static str>,
}

/// A hook named by a string, by a constant, or by the path of a `declare_hook!` item.
pub(crate) enum HookRef {
    Name(LitStr),
    Constant(Path),
    Typed(Path),
}

impl HookRef {
    /// Parses the hook that opens a macro's input. A malformed hook is recorded in `errors` and
    /// skipped, so that the options after it are still checked.
    pub(crate) fn parse(input: ParseStream<'_>, usage: &Usage, errors: &mut Errors) -> syn::Result<HookRef> {
        let example = usage.example;
        if input.is_empty() {
            return Err(Error::new(Span::call_site(), format!("expected a hook name: {example}")));
        }
        if input.peek(Ident::peek_any) && input.peek2(Token![=]) {
            // `#[hook_callback(priority = 5)]`: the options are there, the hook is not.
            let key: Ident = input.fork().call(Ident::parse_any)?;
            return Err(Error::new_spanned(
                key,
                format!("expected a hook name before the options, as the first argument: {example}"),
            ));
        }
        let expr: Expr = input.parse()?;
        match expr {
            Expr::Lit(ExprLit { lit: Lit::Str(name), attrs }) if attrs.is_empty() => {
                errors.check(names::check(&name.value(), name.span(), Noun::Hook));
                Ok(HookRef::Name(name))
            }
            Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => Ok(match is_constant(&path.path) {
                true => HookRef::Constant(path.path),
                false => HookRef::Typed(path.path),
            }),
            other => {
                let runtime = usage.runtime.map(|runtime| format!("; for a name known only at runtime, use {runtime}"));
                errors.push(Error::new_spanned(
                    &other,
                    format!(
                        "expected a hook: a string literal, a hook declared with declare_hook!, or a `&'static str` constant in SCREAMING_CASE: {example}{}",
                        runtime.unwrap_or_default()
                    ),
                ));
                Ok(HookRef::Name(LitStr::new("", other.span())))
            }
        }
    }

    /// The tokens where errors about the hook belong.
    pub(crate) fn span(&self) -> Span {
        match self {
            HookRef::Name(name) => name.span(),
            HookRef::Constant(path) | HookRef::Typed(path) => path.span(),
        }
    }

    /// `type #alias = #path;` for a typed hook, nothing otherwise: the expansion names the
    /// hook's type once, so that a misspelled path is reported once.
    pub(crate) fn alias(&self) -> TokenStream {
        match self {
            HookRef::Typed(path) => {
                let alias = alias(path);
                quote!(type #alias = #path;)
            }
            HookRef::Name(_) | HookRef::Constant(_) => TokenStream::new(),
        }
    }

    /// The hook's type, through the alias, for a typed hook.
    pub(crate) fn typed(&self) -> Option<Ident> {
        match self {
            HookRef::Typed(path) => Some(alias(path)),
            HookRef::Name(_) | HookRef::Constant(_) => None,
        }
    }

    /// The name as a `&'static str` expression usable in a static's initializer.
    pub(crate) fn name(&self, krate: &Krate) -> TokenStream {
        match self {
            HookRef::Name(name) => name.to_token_stream(),
            HookRef::Constant(path) => constant(path),
            HookRef::Typed(path) => {
                let alias = alias(path);
                let krate = krate.at(path.span());
                quote_spanned!(path.span()=> <#alias as #krate::__private::TypedHook>::NAME)
            }
        }
    }
}

/// A context named by a string, by a constant, or by the path of a `declare_context!` item.
pub(crate) enum ContextRef {
    Name(LitStr),
    Constant(Path),
    Typed(Path),
}

impl ContextRef {
    /// The value of a `context` option. `runtime`, if the macro has one, is the way to use a
    /// context known only at runtime.
    pub(crate) fn from_value(value: &Expr, runtime: Option<&str>) -> syn::Result<ContextRef> {
        match value {
            Expr::Lit(ExprLit { lit: Lit::Str(name), attrs })
                if attrs.is_empty() && !name.value().trim().is_empty() =>
            {
                Ok(ContextRef::Name(name.clone()))
            }
            Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => Ok(match is_constant(&path.path) {
                true => ContextRef::Constant(path.path.clone()),
                false => ContextRef::Typed(path.path.clone()),
            }),
            _ => {
                let runtime = runtime.map(|runtime| format!("; for a context known only at runtime, use {runtime}"));
                Err(Error::new_spanned(
                    value,
                    format!(
                        "context must be a non-empty string literal, like context = \"wallet\", a context declared with declare_context!, or a `&'static str` constant in SCREAMING_CASE{}",
                        runtime.unwrap_or_default()
                    ),
                ))
            }
        }
    }

    /// `type #alias = #path;` for a typed context, nothing otherwise; as for hooks, a local
    /// variable in its place is then one error.
    pub(crate) fn alias(context: Option<&ContextRef>) -> TokenStream {
        match context {
            Some(ContextRef::Typed(path)) => {
                let alias = context_alias(path);
                quote!(type #alias = #path;)
            }
            _ => TokenStream::new(),
        }
    }

    /// `Option<&'static str>`, the context of a record or call site, for `context`.
    pub(crate) fn option(context: Option<&ContextRef>, krate: &Krate) -> TokenStream {
        match context {
            None => quote!(#krate::__private::Option::None),
            Some(context) => {
                let name = context.name(krate);
                quote!(#krate::__private::Option::Some(#name))
            }
        }
    }

    /// The context's name, a `&'static str` expression.
    pub(crate) fn name(&self, krate: &Krate) -> TokenStream {
        match self {
            ContextRef::Name(name) => name.to_token_stream(),
            ContextRef::Constant(path) => constant(path),
            ContextRef::Typed(path) => {
                let alias = context_alias(path);
                let krate = krate.at(path.span());
                quote_spanned!(path.span()=> <#alias as #krate::__private::TypedContext>::NAME)
            }
        }
    }
}

/// Whether a path names a constant: its last segment is SCREAMING_CASE.
fn is_constant(path: &Path) -> bool {
    path.segments.last().is_some_and(|segment| segment.arguments.is_none() && names::is_constant_case(&segment.ident))
}

/// A constant naming a hook or context, as a `&'static str` expression: a constant of another
/// type is a type error on the user's path.
fn constant(path: &Path) -> TokenStream {
    let name = Ident::new("__HOOKS_NAME", Span::mixed_site());
    quote_spanned!(path.span()=> {
        const #name: &str = #path;
        #name
    })
}

/// The name of the type alias a typed hook's expansion declares, spanned on the user's path so
/// that errors about the hook's type point there.
fn alias(path: &Path) -> Ident {
    Ident::new("__HooksTypedHook", path.span())
}

/// The name of the type alias a typed context's expansion declares, spanned on the user's path so
/// that errors about the context's type point there.
fn context_alias(path: &Path) -> Ident {
    Ident::new("__HooksTypedContext", path.span())
}
