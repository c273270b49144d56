//! `declare_hook!` in its two forms, and `declare_context!`.
//!
//! String form: `declare_hook!("name")`, `declare_hook!("name", PayloadType)`, with doc comments.
//! Item form: `declare_hook! { /// docs \n pub name: PayloadType; ... }`, which declares an item
//! per hook that `#[hook_callback]`, `trigger!` and `trigger_async!` accept in place of the string.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Error, Expr, ExprLit, Ident, Lit, LitStr, Meta, Token, Type, Visibility};

use crate::args::{self, Krate};
use crate::hook_name;

const EXAMPLE: &str =
    "declare_hook!(\"user_created\", UserCreated) or declare_hook! { pub user_created: UserCreated; }";

/// Either form of `declare_hook!`, with the path generated code uses to reach `hooks-core`.
struct Declarations {
    form: Form,
    krate: Krate,
}

enum Form {
    Named { docs: String, hook: LitStr, payload: Option<Box<Type>> },
    Items(Vec<TypedHook>),
}

/// An optional leading `crate = path;`.
fn parse_krate(input: ParseStream<'_>) -> syn::Result<Option<Krate>> {
    if !(input.peek(Token![crate]) && input.peek2(Token![=])) {
        return Ok(None);
    }
    input.parse::<Token![crate]>()?;
    input.parse::<Token![=]>()?;
    let path: syn::Path = input.parse()?;
    args::krate(&syn::parse_quote!(#path)).map(Some)
}

/// `/// docs \n pub name: Payload;`
struct TypedHook {
    attributes: Vec<Attribute>,
    docs: String,
    visibility: Visibility,
    name: Ident,
    payload: Type,
}

impl Parse for Declarations {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if let Some(krate) = parse_krate(input)? {
            input.parse::<Token![;]>()?;
            let form = parse_form(input)?;
            return Ok(Declarations { form, krate });
        }
        let form = parse_form(input)?;
        Ok(Declarations { form, krate: Krate::default() })
    }
}

fn parse_form(input: ParseStream<'_>) -> syn::Result<Form> {
    let fork = input.fork();
    fork.call(Attribute::parse_outer)?;
    if fork.peek(LitStr) || fork.is_empty() {
        return parse_named(input);
    }
    let mut hooks = Vec::new();
    while !input.is_empty() {
        let attributes = input.call(Attribute::parse_outer)?;
        let docs = docs(&attributes)?;
        let visibility = input.parse()?;
        let name: Ident = input.parse().map_err(|e| Error::new(e.span(), format!("expected {EXAMPLE}")))?;
        hook_name::check_ident(&name)?;
        input.parse::<Token![:]>()?;
        let payload = input.parse()?;
        input.parse::<Token![;]>()?;
        hooks.push(TypedHook { attributes, docs, visibility, name, payload });
    }
    Ok(Form::Items(hooks))
}

fn parse_named(input: ParseStream<'_>) -> syn::Result<Form> {
    let attributes = input.call(Attribute::parse_outer)?;
    let docs = docs(&attributes)?;
    let hook = hook_name::parse(input, EXAMPLE, None)?;
    let mut payload = None;
    if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
        payload = Some(Box::new(input.parse()?));
        input.parse::<Option<Token![,]>>()?;
    }
    if !input.is_empty() {
        return Err(input.error(format!("unexpected tokens after the payload type: expected {EXAMPLE}")));
    }
    Ok(Form::Named { docs, hook, payload })
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
    let Declarations { form, krate } = match syn::parse2(input) {
        Ok(declarations) => declarations,
        Err(error) => return error.to_compile_error(),
    };
    let location = quote!(#krate::__private::file!(), #krate::__private::line!());
    match form {
        Form::Named { docs, hook, payload } => {
            let record = match payload {
                Some(payload) => quote! {
                    #krate::__private::typed_declaration::<#payload>(#hook, #docs, #location)
                },
                None => quote!(#krate::__private::declaration(#hook, #docs, #location)),
            };
            quote!(#krate::__private::register! { declaration: #record })
        }
        Form::Items(hooks) => hooks.iter().map(|hook| expand_item(hook, &krate)).collect(),
    }
}

fn expand_item(hook: &TypedHook, krate: &Krate) -> TokenStream {
    let TypedHook { attributes, docs, visibility, name, payload } = hook;
    // Spanned on the hook's name, so each hook of a block records its own line.
    let location = {
        let krate = krate.at(name.span());
        quote_spanned!(name.span()=> #krate::__private::file!(), #krate::__private::line!())
    };
    let name_str = LitStr::new(&name.to_string(), name.span());
    let summary = format!("Hook `{name}`, payload `{}`.", quote!(#payload).to_string().replace(' ', ""));
    let item = named_item(attributes, &summary, visibility, name, "The hook's name.");
    quote! {
        #item

        impl #krate::__private::TypedHook for #name {
            const NAME: &'static str = #name_str;
            type Payload = #payload;
        }

        impl #krate::__private::PayloadOf<#name> for #payload {
            #[inline(always)]
            fn as_payload(&self) -> &#payload {
                self
            }
        }

        #krate::__private::register! {
            declaration: #krate::__private::typed_declaration::<#payload>(#name_str, #docs, #location)
        }
    }
}

/// `declare_context! { /// docs \n pub wallet; pub communications; }`
pub(crate) fn expand_context(input: TokenStream) -> TokenStream {
    let parser = |input: ParseStream<'_>| {
        let krate = match parse_krate(input)? {
            Some(krate) => {
                input.parse::<Token![;]>()?;
                krate
            }
            None => Krate::default(),
        };
        let mut contexts = Vec::new();
        while !input.is_empty() {
            let attributes = input.call(Attribute::parse_outer)?;
            let visibility: Visibility = input.parse()?;
            let name: Ident = input.parse().map_err(|e| {
                Error::new(e.span(), "expected a context declaration: declare_context! { pub wallet; }")
            })?;
            hook_name::check_ident(&name)?;
            input.parse::<Token![;]>()?;
            contexts.push((attributes, visibility, name));
        }
        Ok((krate, contexts))
    };
    let (krate, contexts) = match syn::parse::Parser::parse2(parser, input) {
        Ok(contexts) => contexts,
        Err(error) => return error.to_compile_error(),
    };
    contexts
        .into_iter()
        .map(|(attributes, visibility, name)| {
            let name_str = LitStr::new(&name.to_string(), name.span());
            let summary = format!("Context `{name}`.");
            let item = named_item(&attributes, &summary, &visibility, &name, "The context's name.");
            quote! {
                #item

                impl #krate::__private::TypedContext for #name {
                    const NAME: &'static str = #name_str;
                }
            }
        })
        .collect()
}

/// The item a typed hook or context declares: a braced struct, which lives in the type namespace
/// only so that the name stays free for variables and functions, with its name as `NAME`.
fn named_item(
    attributes: &[Attribute],
    summary: &str,
    visibility: &Visibility,
    name: &Ident,
    name_doc: &str,
) -> TokenStream {
    let name_str = LitStr::new(&name.to_string(), name.span());
    quote! {
        #(#attributes)*
        #[doc = ""]
        #[doc = #summary]
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #visibility struct #name {}

        impl #name {
            #[doc = #name_doc]
            #[allow(dead_code)]
            #visibility const NAME: &'static str = #name_str;
        }
    }
}
