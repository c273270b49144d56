//! `declare_hook!("name")` and `declare_hook!("name", PayloadType)`, with doc comments.

use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Error, Expr, ExprLit, Lit, LitStr, Meta, Token, Type};

use crate::hook_name;

const EXAMPLE: &str = "declare_hook!(\"user_created\") or declare_hook!(\"user_created\", UserCreated)";

struct Declaration {
    docs: String,
    hook: LitStr,
    payload: Option<Type>,
}

impl Parse for Declaration {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attributes = input.call(Attribute::parse_outer)?;
        let docs = docs(&attributes)?;
        let hook = hook_name::parse(input, EXAMPLE, None)?;
        let mut payload = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            payload = Some(input.parse()?);
            input.parse::<Option<Token![,]>>()?;
        }
        if !input.is_empty() {
            return Err(input.error(format!("unexpected tokens after the payload type: expected {EXAMPLE}")));
        }
        Ok(Declaration { docs, hook, payload })
    }
}

/// The doc comment's lines, each with its leading space removed, joined by newlines.
fn docs(attributes: &[Attribute]) -> syn::Result<String> {
    let mut lines = Vec::new();
    for attribute in attributes {
        match &attribute.meta {
            Meta::NameValue(doc) if doc.path.is_ident("doc") => match &doc.value {
                Expr::Lit(ExprLit { lit: Lit::Str(line), .. }) => {
                    let line = line.value();
                    lines.push(line.strip_prefix(' ').unwrap_or(&line).to_owned());
                }
                other => return Err(Error::new_spanned(other, "expected a doc comment")),
            },
            _ => return Err(Error::new_spanned(attribute, "only doc comments are allowed on a hook declaration")),
        }
    }
    Ok(lines.join("\n"))
}

pub(crate) fn expand(input: TokenStream) -> TokenStream {
    let Declaration { docs, hook, payload } = match syn::parse2(input) {
        Ok(declaration) => declaration,
        Err(error) => return error.to_compile_error(),
    };
    let location = quote!(::hooks_core::__private::file!(), ::hooks_core::__private::line!());
    let record = match payload {
        Some(payload) => quote! {
            ::hooks_core::__private::typed_declaration::<#payload>(#hook, #docs, #location)
        },
        None => quote!(::hooks_core::__private::declaration(#hook, #docs, #location)),
    };
    quote! {
        ::hooks_core::__private::register! { #record }
    }
}
