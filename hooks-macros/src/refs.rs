//! The hook and the context a macro names, and the expressions that name them in generated code.
//!
//! Each is a string literal or the path of an item declared with `declare_hook!` or
//! `declare_context!`.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
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

/// A hook named by a string or by the path of a `declare_hook!` item.
pub(crate) enum HookRef {
    Name(LitStr),
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
            Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => Ok(HookRef::Typed(path.path)),
            other => {
                let runtime = usage.runtime.map(|runtime| format!("; for a name known only at runtime, use {runtime}"));
                errors.push(Error::new_spanned(
                    &other,
                    format!(
                        "expected a hook: a string literal in snake_case or a hook declared with declare_hook!: {example}{}",
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
            HookRef::Typed(path) => path.span(),
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
            HookRef::Name(_) => TokenStream::new(),
        }
    }

    /// The hook's type, through the alias, for a typed hook.
    pub(crate) fn typed(&self) -> Option<Ident> {
        match self {
            HookRef::Typed(path) => Some(alias(path)),
            HookRef::Name(_) => None,
        }
    }

    /// The name as a `&'static str` expression usable in a static's initializer.
    pub(crate) fn name(&self, krate: &Krate) -> TokenStream {
        match self {
            HookRef::Name(name) => name.to_token_stream(),
            HookRef::Typed(path) => {
                let alias = alias(path);
                quote!(<#alias as #krate::__private::TypedHook>::NAME)
            }
        }
    }
}

/// A context named by a string or by the path of a `declare_context!` item.
pub(crate) enum ContextRef {
    Name(LitStr),
    Typed(Path),
}

impl ContextRef {
    /// The value of a `context` option.
    pub(crate) fn from_value(value: &Expr) -> syn::Result<ContextRef> {
        match value {
            Expr::Lit(ExprLit { lit: Lit::Str(name), attrs })
                if attrs.is_empty() && !name.value().trim().is_empty() =>
            {
                Ok(ContextRef::Name(name.clone()))
            }
            Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => {
                Ok(ContextRef::Typed(path.path.clone()))
            }
            _ => Err(Error::new_spanned(
                value,
                "context must be a non-empty string literal, like context = \"wallet\", or a context declared with declare_context!",
            )),
        }
    }

    /// `Option<&'static str>`, the context of a record or call site, for `context`.
    pub(crate) fn option(context: Option<&ContextRef>, krate: &Krate) -> TokenStream {
        let name = match context {
            None => return quote!(#krate::__private::Option::None),
            Some(ContextRef::Name(name)) => name.to_token_stream(),
            Some(ContextRef::Typed(path)) => quote!(<#path as #krate::__private::TypedContext>::NAME),
        };
        quote!(#krate::__private::Option::Some(#name))
    }
}

/// The name of the type alias a typed hook's expansion declares.
fn alias(_path: &Path) -> Ident {
    Ident::new("__HooksTypedHook", Span::call_site())
}
