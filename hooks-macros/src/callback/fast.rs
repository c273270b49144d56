//! The common callback read without `syn`: `#[hook_callback("hook_name")]` on
//! `[attributes] [pub[(..)]] fn name(payload: &Payload) { .. }`.
//!
//! Procedural macros are compiled unoptimised in a dev build, and `syn` copies the whole item,
//! body included, before parsing it: for a crate of callbacks that was most of the attribute's
//! own cost. This reads the tokens once, without copying the body, and hands anything else (an
//! option, a return type, `async`, a second parameter, any mistake) to the full parse, which
//! expands the common case to the same tokens.

use proc_macro2::{Delimiter, Ident, Spacing, TokenStream, TokenTree};
use quote::quote;
use syn::{Lit, LitStr};

use super::expand::{Constructor, Registration};
use crate::function::with_ptr_arg_allowed;
use crate::krate::Krate;
use crate::names::{self, Noun};

/// The expansion of the common case, or `None` for the full parse to handle.
pub(crate) fn expand(args: &TokenStream, item: &TokenStream) -> Option<TokenStream> {
    let hook = hook_name(args)?;
    let Signature { vis, name, payload } = signature(item)?;
    let krate = Krate::default();
    let hook = quote!(#hook);
    let registration = Registration {
        krate: &krate,
        vis,
        name: &name,
        record: Constructor::new("plain_callback", payload.clone()),
        adapter: quote!(#name),
        hook,
        checks: TokenStream::new(),
        priority: None,
        options: Vec::new(),
    };
    Some(registration.after(with_ptr_arg_allowed(item.clone(), std::iter::once(payload))))
}

/// The arguments when they are one valid hook name, a string literal.
fn hook_name(args: &TokenStream) -> Option<LitStr> {
    let mut tokens = args.clone().into_iter();
    let (Some(TokenTree::Literal(literal)), None) = (tokens.next(), tokens.next()) else {
        return None;
    };
    let Lit::Str(name) = Lit::new(literal) else {
        return None;
    };
    names::check(&name.value(), name.span(), Noun::Hook).ok()?;
    Some(name)
}

/// What the registration needs of a function of the common shape.
struct Signature {
    vis: TokenStream,
    name: Ident,
    /// `T` of the `&T` parameter.
    payload: TokenStream,
}

/// Reads `[#[..]]* [pub[(..)]] fn name(pattern: &Type) { .. }`, nothing else.
fn signature(item: &TokenStream) -> Option<Signature> {
    let mut tokens = item.clone().into_iter().peekable();
    // Outer attributes (doc comments among them), passed on as written.
    while matches!(tokens.peek(), Some(TokenTree::Punct(punct)) if punct.as_char() == '#') {
        tokens.next();
        match tokens.next()? {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Bracket => {}
            _ => return None,
        }
    }
    let mut vis = TokenStream::new();
    if matches!(tokens.peek(), Some(TokenTree::Ident(ident)) if ident == "pub") {
        vis.extend(tokens.next());
        if matches!(tokens.peek(), Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis) {
            vis.extend(tokens.next());
        }
    }
    match tokens.next()? {
        TokenTree::Ident(keyword) if keyword == "fn" => {}
        _ => return None,
    }
    let TokenTree::Ident(name) = tokens.next()? else {
        return None;
    };
    let TokenTree::Group(parameters) = tokens.next()? else {
        return None;
    };
    let TokenTree::Group(body) = tokens.next()? else {
        return None;
    };
    let shape = parameters.delimiter() == Delimiter::Parenthesis && body.delimiter() == Delimiter::Brace;
    if !shape || tokens.next().is_some() {
        return None;
    }
    let payload = payload(parameters.stream())?;
    Some(Signature { vis, name, payload })
}

/// `T` of a single parameter `pattern: &T`, the pattern a name or `_`, `T` without a lifetime,
/// `Self`, `mut`, `dyn`, `impl` or a comma outside brackets.
fn payload(parameters: TokenStream) -> Option<TokenStream> {
    let mut tokens = parameters.into_iter();
    match tokens.next()? {
        TokenTree::Ident(pattern) if pattern != "mut" && pattern != "self" && pattern != "ref" => {}
        TokenTree::Punct(underscore) if underscore.as_char() == '_' => {}
        _ => return None,
    }
    match (tokens.next()?, tokens.next()?) {
        (TokenTree::Punct(colon), TokenTree::Punct(reference))
            if colon.as_char() == ':' && colon.spacing() == Spacing::Alone && reference.as_char() == '&' => {}
        _ => return None,
    }
    let mut payload: Vec<TokenTree> = tokens.collect();
    if matches!(payload.last(), Some(TokenTree::Punct(comma)) if comma.as_char() == ',') {
        payload.pop();
    }
    let plain = !payload.is_empty() && payload.iter().all(plain_type_token);
    plain.then(|| payload.into_iter().collect())
}

/// A token of a type this module passes on: no lifetime (`'`), comma, `Self`, `mut`, `dyn` or
/// `impl`, at any depth.
fn plain_type_token(token: &TokenTree) -> bool {
    match token {
        TokenTree::Punct(punct) => !matches!(punct.as_char(), '\'' | ','),
        TokenTree::Ident(ident) => !["Self", "mut", "dyn", "impl"].iter().any(|word| ident == word),
        TokenTree::Group(group) => group.stream().into_iter().all(|token| plain_type_token(&token)),
        TokenTree::Literal(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::expand;
    use crate::callback::expand::parsed;

    /// The fast path's expansion and the full parse's, printed without spaces: token for token
    /// the same, but for `>>` that `syn` prints as two `>`.
    fn both(args: TokenStream, item: TokenStream) -> (Option<String>, String) {
        let printed = |tokens: TokenStream| tokens.to_string().replace(' ', "");
        (expand(&args, &item).map(printed), printed(parsed(args, item)))
    }

    #[test]
    fn the_common_shapes_expand_as_the_full_parse_does() {
        let items = [
            quote!(
                fn open_wallet(user: &User) {
                    wallet::open(user);
                }
            ),
            quote!(
                pub fn open_wallet(user: &User) {}
            ),
            quote!(
                pub(crate) fn open_wallet(_: &crate::users::User) {}
            ),
            quote!(
                #[doc = " Opens the wallet."]
                #[inline]
                pub(super) fn open_wallet(user: &Vec<[u8; 4]>) {}
            ),
            quote!(
                fn r#type(user: &Option<Box<User>>) {}
            ),
        ];
        for item in items {
            let (fast, parsed) = both(quote!("user_created"), item.clone());
            assert_eq!(fast.as_deref(), Some(parsed.as_str()), "{item}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_full_parse() {
        let cases = [
            (
                quote!("user_created", priority = 5),
                quote!(
                    fn f(user: &User) {}
                ),
            ),
            (
                quote!(UserCreated),
                quote!(
                    fn f(user: &User) {}
                ),
            ),
            (
                quote!("UserCreated"),
                quote!(
                    fn f(user: &User) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    fn f(user: &User) -> Result<(), Error> {
                        Ok(())
                    }
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    async fn f(user: &User) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    fn f(user: &'static User) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    fn f(user: &mut User) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    fn f(user: User) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    fn f(user: &Self) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    fn f(&self) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    fn f(user: &User, other: &User) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    fn f(user: &HashMap<u32, User>) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    fn f<T>(user: &T) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    fn f() {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    unsafe fn f(user: &User) {}
                ),
            ),
            (
                quote!("user_created"),
                quote!(
                    struct S;
                ),
            ),
        ];
        for (args, item) in cases {
            assert!(expand(&args, &item).is_none(), "{args} {item}");
        }
    }

    #[test]
    fn clippy_ptr_arg_is_allowed_only_where_it_may_fire() {
        let allowed = |item: TokenStream| {
            let expansion = expand(&quote!("user_created"), &item).expect("the common shape").to_string();
            expansion.starts_with("# [allow (clippy :: ptr_arg)]")
        };
        assert!(allowed(quote!(
            fn f(names: &Vec<String>) {}
        )));
        assert!(allowed(quote!(
            fn f(name: &std::string::String) {}
        )));
        assert!(allowed(quote!(
            fn f(path: &PathBuf) {}
        )));
        assert!(!allowed(quote!(
            fn f(user: &User) {}
        )));
        assert!(!allowed(quote!(
            fn f(names: &Option<Vec<String>>) {}
        )));
    }
}
