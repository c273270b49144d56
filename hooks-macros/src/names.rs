//! The snake_case rule for the names of hooks and contexts, with a suggestion when it is broken.

use proc_macro2::Span;
use syn::{Error, Ident};

/// What a name names, for the messages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Noun {
    Hook,
    Context,
}

impl Noun {
    fn word(self) -> &'static str {
        match self {
            Noun::Hook => "hook",
            Noun::Context => "context",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Noun::Hook => "\"user_created\"",
            Noun::Context => "\"wallet\"",
        }
    }
}

/// Checks that the identifier declaring a typed hook or context is snake_case.
pub(crate) fn check_ident(ident: &Ident, noun: Noun) -> syn::Result<()> {
    let name = ident.to_string();
    check(name.strip_prefix("r#").unwrap_or(&name), ident.span(), noun)
}

/// Checks that `name` (spanned at `span`) matches `[a-z][a-z0-9_]*`.
pub(crate) fn check(name: &str, span: Span, noun: Noun) -> syn::Result<()> {
    let word = noun.word();
    if name.is_empty() {
        let example = noun.example();
        return Err(Error::new(
            span,
            format!("the {word} name must not be empty: expected snake_case, like {example}"),
        ));
    }
    if is_snake_case(name) {
        return Ok(());
    }
    let suggestion = to_snake_case(name);
    let hint = if suggestion.is_empty() || suggestion == name {
        format!("like {}", noun.example())
    } else {
        format!("did you mean \"{suggestion}\"?")
    };
    Err(Error::new(
        span,
        format!(
            "{word} name \"{name}\" is not snake_case: expected lowercase letters, digits and underscores, starting with a letter; {hint}"
        ),
    ))
}

fn is_snake_case(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Whether an identifier is SCREAMING_CASE, the Rust convention for constants: at least one
/// uppercase letter, and only uppercase letters, digits and underscores.
pub(crate) fn is_constant_case(ident: &Ident) -> bool {
    let name = ident.to_string();
    name.chars().any(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
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
    use super::{is_snake_case, to_snake_case};

    #[test]
    fn converts_to_snake_case() {
        assert_eq!(to_snake_case("UserCreated"), "user_created");
        assert_eq!(to_snake_case("user-created"), "user_created");
        assert_eq!(to_snake_case("user created"), "user_created");
        assert_eq!(to_snake_case("HTTPDone"), "h_t_t_p_done");
    }

    #[test]
    fn recognises_snake_case() {
        assert!(is_snake_case("user_created2"));
        assert!(!is_snake_case("2fa"));
        assert!(!is_snake_case("Wallet"));
        assert!(!is_snake_case("_wallet"));
    }
}
