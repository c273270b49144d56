//! The path generated code reaches `hooks-core` through: `::hooks_core`, or what `crate = path`
//! says for crates that reach it through a re-export.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::parse::ParseStream;
use syn::{Error, Expr, Token};

/// The path to `hooks-core` in generated code.
pub(crate) struct Krate(syn::Path);

impl Default for Krate {
    /// `::hooks_core`, built rather than parsed: every callback's expansion starts with one.
    fn default() -> Self {
        let segment = syn::PathSegment::from(syn::Ident::new("hooks_core", Span::call_site()));
        Krate(syn::Path { leading_colon: Some(Default::default()), segments: [segment].into_iter().collect() })
    }
}

impl Krate {
    /// The value of a `crate = path` option.
    pub(crate) fn from_value(value: &Expr) -> syn::Result<Krate> {
        match value {
            Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => Ok(Krate(path.path.clone())),
            _ => Err(Error::new_spanned(
                value,
                "crate must be the path hooks-core is reachable at, like crate = my_framework::hooks",
            )),
        }
    }

    /// The optional `crate = path;` that opens the input of `declare_hook!` and `declare_context!`.
    pub(crate) fn parse_leading(input: ParseStream<'_>) -> syn::Result<Krate> {
        if !(input.peek(Token![crate]) && input.peek2(Token![=])) {
            return Ok(Krate::default());
        }
        input.parse::<Token![crate]>()?;
        input.parse::<Token![=]>()?;
        let path: syn::Path = input.parse()?;
        input.parse::<Token![;]>()?;
        Ok(Krate(path))
    }

    /// The path with every token spanned at `span`: for generated code whose errors must point
    /// at the user's tokens, where a call-site span on the path would move them.
    pub(crate) fn at(&self, span: Span) -> TokenStream {
        self.0
            .to_token_stream()
            .into_iter()
            .map(|mut token| {
                token.set_span(span);
                token
            })
            .collect()
    }
}

impl ToTokens for Krate {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.0.to_tokens(tokens);
    }
}
