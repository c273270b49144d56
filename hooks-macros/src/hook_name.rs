//! The hook a macro names: a snake_case string literal, or the path of a typed hook item.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Error, Ident, LitStr, Path, Token};

use crate::args::Krate;

/// A hook named by a string or by the path of a `declare_hook!` item.
pub(crate) enum HookRef {
    Name(LitStr),
    Typed(Path),
}

impl HookRef {
    /// Parses the hook that opens a macro's input: a string literal or a path.
    pub(crate) fn parse(input: ParseStream<'_>, example: &str, runtime: Option<&str>) -> syn::Result<HookRef> {
        let starts_with_path = (input.peek(Ident::peek_any) || input.peek(Token![::]) || input.peek(Token![crate]))
            && !input.peek2(Token![=]);
        if starts_with_path {
            return Ok(HookRef::Typed(input.parse()?));
        }
        parse(input, example, runtime).map(HookRef::Name)
    }

    /// The name as a `&'static str` expression; for a typed hook, through `alias`, the type alias
    /// that the expansion declares for the path (so a misspelled path is reported once).
    pub(crate) fn name(&self, alias: &Ident, krate: &Krate) -> TokenStream {
        match self {
            HookRef::Name(name) => name.to_token_stream(),
            HookRef::Typed(_) => quote!(<#alias as #krate::__private::TypedHook>::NAME),
        }
    }

    /// `type #alias = #path;` for a typed hook, nothing for a string.
    pub(crate) fn alias(&self, alias: &Ident) -> TokenStream {
        match self {
            HookRef::Name(_) => TokenStream::new(),
            HookRef::Typed(path) => quote!(type #alias = #path;),
        }
    }
}

/// The name of the type alias a typed hook's expansion declares.
pub(crate) fn alias() -> Ident {
    Ident::new("__HooksTypedHook", Span::call_site())
}

/// Checks that an identifier declaring a typed hook or context is snake_case.
pub(crate) fn check_ident(ident: &Ident) -> syn::Result<()> {
    check(&LitStr::new(&ident.to_string(), ident.span()))
}

/// Parses the hook name that opens every macro's input, with `example` showing the macro's form
/// in the error for a missing or non-literal name, and `runtime` (if the macro has one) the way
/// to use a name that is only known at runtime.
pub(crate) fn parse(input: ParseStream<'_>, example: &str, runtime: Option<&str>) -> syn::Result<LitStr> {
    if input.is_empty() {
        return Err(Error::new(Span::call_site(), format!("expected a hook name: {example}")));
    }
    if input.peek(Ident::peek_any) && input.peek2(Token![=]) {
        // `#[hook_callback(priority = 5)]`: the options are there, the name is not.
        let key: Ident = input.fork().call(Ident::parse_any)?;
        return Err(Error::new_spanned(
            key,
            format!("expected a hook name before the options, as the first argument: {example}"),
        ));
    }
    if !input.peek(LitStr) {
        let token: proc_macro2::TokenTree = input.fork().parse()?;
        let runtime = runtime.map(|runtime| format!("; for a name known only at runtime, use {runtime}"));
        return Err(Error::new_spanned(
            &token,
            format!(
                "the hook name must be a string literal in snake_case, found `{token}`: {example}{}",
                runtime.unwrap_or_default()
            ),
        ));
    }
    let name: LitStr = input.parse()?;
    check(&name)?;
    Ok(name)
}

/// Checks that a hook name matches `[a-z][a-z0-9_]*`.
fn check(name: &LitStr) -> syn::Result<()> {
    let value = name.value();
    if value.is_empty() {
        return Err(Error::new_spanned(
            name,
            "the hook name must not be empty: expected snake_case, like \"user_created\"",
        ));
    }
    let mut chars = value.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    if starts_with_letter && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Ok(());
    }
    let suggestion = to_snake_case(&value);
    let hint = if suggestion.is_empty() || suggestion == value {
        "like \"user_created\"".to_owned()
    } else {
        format!("did you mean \"{suggestion}\"?")
    };
    Err(Error::new_spanned(
        name,
        format!(
            "hook name \"{value}\" is not snake_case: expected lowercase letters, digits and underscores, starting with a letter; {hint}"
        ),
    ))
}

/// `UserCreated` -> `user_created`, `user-created` -> `user_created`.
fn to_snake_case(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_matches('_').trim_start_matches(|c: char| c.is_ascii_digit());
    trimmed.to_owned()
}

#[cfg(test)]
mod tests {
    use super::to_snake_case;

    #[test]
    fn converts_to_snake_case() {
        assert_eq!(to_snake_case("UserCreated"), "user_created");
        assert_eq!(to_snake_case("user-created"), "user_created");
        assert_eq!(to_snake_case("user created"), "user_created");
        assert_eq!(to_snake_case("HTTPDone"), "h_t_t_p_done");
    }
}
