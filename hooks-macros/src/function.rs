//! Reading an annotated function: its attributes, visibility and signature are parsed, its body
//! is passed on as written, unparsed, which keeps the attribute's cost independent of the body.

use proc_macro2::{Delimiter, Group, TokenStream};
use quote::quote;
use syn::parse::{ParseStream, Parser};
use syn::token::Brace;
use syn::{Attribute, Block, Item, ItemFn, Signature, Visibility};

/// An annotated `fn` item.
pub(crate) struct Function {
    /// Its attributes, visibility and signature; the body (`item.block`) is left empty.
    pub(crate) item: ItemFn,
    /// What to emit for it: the item as written, with clippy's `ptr_arg` allowed (the parameter's
    /// type is the hook's payload type, which may well be `String` or `Vec<T>`: the advice to
    /// take `&str` or `&[T]` cannot be followed).
    pub(crate) tokens: TokenStream,
}

/// What the attribute was put on.
pub(crate) enum Annotated {
    Fn(Function),
    /// Another item, to be reported.
    Other(Item),
    /// Not an item rustc would accept either: the tokens, for rustc to report.
    Invalid(TokenStream),
}

/// Reads the item under the attribute. An `fn` item always parses with its body unread, so a full
/// parse, only when that fails, tells another item from tokens that are no item at all.
pub(crate) fn parse(tokens: TokenStream) -> Annotated {
    match head.parse2(tokens.clone()) {
        Ok(item) => Annotated::Fn(Function { item, tokens: quote!(#[allow(clippy::ptr_arg)] #tokens) }),
        Err(_) => match syn::parse2::<Item>(tokens.clone()) {
            Ok(other) => Annotated::Other(other),
            Err(_) => Annotated::Invalid(tokens),
        },
    }
}

/// An `fn` item's attributes, visibility, signature and braced body, the body not parsed.
fn head(input: ParseStream<'_>) -> syn::Result<ItemFn> {
    let attrs = input.call(Attribute::parse_outer)?;
    let vis: Visibility = input.parse()?;
    let sig: Signature = input.parse()?;
    let body: Group = input.parse()?;
    if body.delimiter() != Delimiter::Brace {
        return Err(syn::Error::new(body.span(), "expected the function's body"));
    }
    let brace_token = Brace { span: body.delim_span() };
    Ok(ItemFn { attrs, vis, sig, block: Box::new(Block { brace_token, stmts: Vec::new() }) })
}
