//! The input of `declare_hook!` in its two forms, and of `declare_context!`.
//!
//! String form: `declare_hook!("name")`, `declare_hook!("name", PayloadType)`, with doc comments.
//! Item form: `declare_hook! { /// docs \n pub name: PayloadType; ... }`. Contexts:
//! `declare_context! { /// docs \n pub wallet; ... }`. Each may open with `crate = path;`.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Error, Expr, ExprLit, Ident, Lit, LitStr, Meta, Token, Type, Visibility};

use crate::errors::Errors;
use crate::krate::Krate;
use crate::names::{self, Noun};

const HOOK_EXAMPLE: &str =
    "declare_hook!(\"user_created\", UserCreated) or declare_hook! { pub user_created: UserCreated; }";
const CONTEXT_EXAMPLE: &str = "declare_context! { pub wallet; }";

/// Either form of `declare_hook!`.
pub(crate) struct HookDeclarations {
    pub(crate) krate: Krate,
    pub(crate) form: Form,
}

pub(crate) enum Form {
    Named { docs: String, hook: LitStr, payload: Option<Box<Type>> },
    Items(Vec<TypedHook>),
}

/// `/// docs \n pub name: Payload;`, `pub name: Value, Argument;` for a filter, or
/// `pub name: Argument -> Output;` for a first-result hook.
pub(crate) struct TypedHook {
    pub(crate) attributes: Vec<Attribute>,
    pub(crate) docs: String,
    pub(crate) visibility: Visibility,
    pub(crate) name: Ident,
    /// The payload; a filter's value; a first-result hook's argument.
    pub(crate) payload: Type,
    /// A filter's argument, or a first-result hook's output.
    pub(crate) second: Option<Type>,
}

/// Which declaration macro an item form belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Declares {
    Hooks,
    Filters,
    FirstResults,
}

impl Declares {
    fn example(self) -> &'static str {
        match self {
            Declares::Hooks => HOOK_EXAMPLE,
            Declares::Filters => {
                "declare_filter! { pub credit_amount: Credits, Purchase; } or declare_filter! { pub title: String; }"
            }
            Declares::FirstResults => "declare_first_result! { pub price_quote: Cart -> Price; }",
        }
    }
}

/// The items of `declare_filter!` or `declare_first_result!`.
pub(crate) struct ChainDeclarations<const FIRST_RESULT: bool> {
    pub(crate) krate: Krate,
    pub(crate) hooks: Vec<TypedHook>,
}

impl<const FIRST_RESULT: bool> Parse for ChainDeclarations<FIRST_RESULT> {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut errors = Errors::default();
        let krate = Krate::parse_leading(input)?;
        let declares = if FIRST_RESULT { Declares::FirstResults } else { Declares::Filters };
        if input.is_empty() {
            return Err(Error::new(Span::call_site(), format!("expected a declaration: {}", declares.example())));
        }
        match parse_items(input, &mut errors, declares) {
            Ok(Form::Items(hooks)) => errors.finish(ChainDeclarations { krate, hooks }),
            Ok(Form::Named { .. }) => unreachable!("parse_items returns items"),
            Err(error) => Err(errors.fail(error)),
        }
    }
}

/// The contexts of a `declare_context!`.
pub(crate) struct ContextDeclarations {
    pub(crate) krate: Krate,
    pub(crate) contexts: Vec<TypedContext>,
}

/// `/// docs \n pub name;`
pub(crate) struct TypedContext {
    pub(crate) attributes: Vec<Attribute>,
    pub(crate) visibility: Visibility,
    pub(crate) name: Ident,
}

impl Parse for HookDeclarations {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut errors = Errors::default();
        let krate = Krate::parse_leading(input)?;
        let fork = input.fork();
        fork.call(Attribute::parse_outer)?;
        let form = if fork.peek(LitStr) || fork.is_empty() {
            parse_named(input, &mut errors)
        } else {
            parse_items(input, &mut errors, Declares::Hooks)
        };
        match form {
            Ok(form) => errors.finish(HookDeclarations { krate, form }),
            Err(error) => Err(errors.fail(error)),
        }
    }
}

fn parse_named(input: ParseStream<'_>, errors: &mut Errors) -> syn::Result<Form> {
    let attributes = input.call(Attribute::parse_outer)?;
    let docs = docs(&attributes, errors);
    if !input.peek(LitStr) {
        return Err(Error::new(Span::call_site(), format!("expected a hook name: {HOOK_EXAMPLE}")));
    }
    let hook: LitStr = input.parse()?;
    errors.check(names::check(&hook.value(), hook.span(), Noun::Hook));
    let mut payload = None;
    if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
        payload = Some(Box::new(input.parse()?));
        input.parse::<Option<Token![,]>>()?;
    }
    if !input.is_empty() {
        return Err(input.error(format!("unexpected tokens after the payload type: expected {HOOK_EXAMPLE}")));
    }
    Ok(Form::Named { docs, hook, payload })
}

fn parse_items(input: ParseStream<'_>, errors: &mut Errors, declares: Declares) -> syn::Result<Form> {
    let example = declares.example();
    let mut hooks = Vec::new();
    while !input.is_empty() {
        let attributes = input.call(Attribute::parse_outer)?;
        let docs = docs(&attributes, errors);
        let visibility = input.parse()?;
        let name: Ident = input.parse().map_err(|e| Error::new(e.span(), format!("expected {example}")))?;
        errors.check(names::check_ident(&name, Noun::Hook));
        input.parse::<Token![:]>()?;
        let payload = input.parse()?;
        let second = match declares {
            Declares::Hooks => None,
            Declares::Filters if input.peek(Token![,]) => {
                input.parse::<Token![,]>()?;
                Some(input.parse()?)
            }
            Declares::Filters => None,
            Declares::FirstResults => {
                input
                    .parse::<Token![->]>()
                    .map_err(|e| Error::new(e.span(), format!("expected `->` and the output type: {example}")))?;
                Some(input.parse()?)
            }
        };
        input.parse::<Token![;]>()?;
        hooks.push(TypedHook { attributes, docs, visibility, name, payload, second });
    }
    Ok(Form::Items(hooks))
}

impl Parse for ContextDeclarations {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut errors = Errors::default();
        let krate = Krate::parse_leading(input)?;
        let mut contexts = Vec::new();
        while !input.is_empty() {
            let context = (|| -> syn::Result<TypedContext> {
                let attributes = input.call(Attribute::parse_outer)?;
                let visibility = input.parse()?;
                let name: Ident = input
                    .parse()
                    .map_err(|e| Error::new(e.span(), format!("expected a context declaration: {CONTEXT_EXAMPLE}")))?;
                input.parse::<Token![;]>()?;
                Ok(TypedContext { attributes, visibility, name })
            })();
            match context {
                Ok(context) => {
                    errors.check(names::check_ident(&context.name, Noun::Context));
                    contexts.push(context);
                }
                Err(error) => return Err(errors.fail(error)),
            }
        }
        errors.finish(ContextDeclarations { krate, contexts })
    }
}

/// The doc comment's lines, each with its leading space removed, joined by newlines. Other
/// attributes are recorded as errors.
fn docs(attributes: &[Attribute], errors: &mut Errors) -> String {
    let mut lines = Vec::new();
    for attribute in attributes {
        match &attribute.meta {
            Meta::NameValue(doc) if doc.path.is_ident("doc") => match &doc.value {
                Expr::Lit(ExprLit { lit: Lit::Str(line), .. }) => {
                    let line = line.value();
                    lines.push(line.strip_prefix(' ').unwrap_or(&line).to_owned());
                }
                other => errors.push(Error::new_spanned(other, "expected a doc comment")),
            },
            _ => errors.push(Error::new_spanned(attribute, "only doc comments are allowed on a hook declaration")),
        }
    }
    lines.join("\n")
}
