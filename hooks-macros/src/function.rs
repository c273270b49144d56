//! Reading an annotated function: its attributes, visibility and signature are parsed, its body
//! is passed on as written, unparsed, which keeps the attribute's cost independent of the body.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::parse::{ParseStream, Parser};
use syn::token::Brace;
use syn::{Attribute, Block, FnArg, Item, ItemFn, Signature, Type, Visibility};

/// An annotated `fn` item.
pub(crate) struct Function {
    /// Its attributes, visibility and signature; the body (`item.block`) is left empty.
    pub(crate) item: ItemFn,
    /// What to emit for it: the item as written, with clippy's `ptr_arg` allowed when it may fire
    /// (see [`with_ptr_arg_allowed`]).
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
        Ok(item) => {
            let referenced = item.sig.inputs.iter().filter_map(|input| match input {
                FnArg::Typed(typed) => match &*typed.ty {
                    Type::Reference(reference) => Some(reference.elem.to_token_stream()),
                    _ => None,
                },
                FnArg::Receiver(_) => None,
            });
            let tokens = with_ptr_arg_allowed(tokens, referenced);
            Annotated::Fn(Function { item, tokens })
        }
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

/// The function's tokens, with clippy's `ptr_arg` allowed when a parameter is a reference to a
/// `Vec`, `String`, `PathBuf` or `Cow`: a parameter's type is the hook's (its payload, a filter's
/// value or argument), so the advice to take `&[T]` or `&str` cannot be followed. `referenced` are
/// the types behind the parameters' references. The lint looks at the type's name as written (an
/// alias of `Vec` is not linted), and so does this: the attribute costs a crate something to
/// check for each function, so it is left out where the lint cannot fire.
pub(crate) fn with_ptr_arg_allowed(
    function: TokenStream,
    mut referenced: impl Iterator<Item = TokenStream>,
) -> TokenStream {
    match referenced.any(linted_by_ptr_arg) {
        true => quote!(#[allow(clippy::ptr_arg)] #function),
        false => function,
    }
}

/// Whether the last segment of a type's path (outside its generic arguments) names one of the
/// types `ptr_arg` lints.
fn linted_by_ptr_arg(ty: TokenStream) -> bool {
    let mut depth = 0_usize;
    let mut last = None;
    for token in ty {
        match token {
            TokenTree::Punct(punct) if punct.as_char() == '<' => depth += 1,
            TokenTree::Punct(punct) if punct.as_char() == '>' => depth = depth.saturating_sub(1),
            TokenTree::Ident(ident) if depth == 0 => last = Some(ident),
            _ => {}
        }
    }
    last.is_some_and(|ident| ["Vec", "String", "PathBuf", "Cow"].iter().any(|name| ident == name))
}
