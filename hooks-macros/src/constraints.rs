//! `after = path` and `before = path` (or `[a, b]`): the callbacks of the same hook that a callback
//! runs after or before, named by their Rust paths so that rustc resolves them.
//!
//! Every callback gets, beside its function, a hidden constant `hook_callback_named_<fn>` (a value,
//! with the function's visibility) holding its registered path and its hook. A constraint's path
//! has its last segment rewritten to that constant, spanned on the user's segment: a misspelled
//! target or a plain function is "cannot find value `hook_callback_named_...`" on the path, and a
//! callback of another hook fails the constant evaluation of the record, on the path.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Error, Expr, ExprArray, Ident, Path, Visibility};

use crate::errors::Errors;
use crate::krate::Krate;
use crate::options::Opt;

const EXPECTED: &str = "the path of a callback of the same hook, or a list of them: \
    `after = wallet::open_wallet`, `after = [open_wallet, super::audit]`";

/// The `after` and `before` options of a callback.
#[derive(Default)]
pub(crate) struct Constraints {
    pub(crate) after: Vec<Path>,
    pub(crate) before: Vec<Path>,
    /// The keys as written, where a constraint that cannot apply is reported.
    keys: Vec<Ident>,
}

impl Constraints {
    /// The options' keys.
    pub(crate) const KEYS: [&str; 2] = ["after", "before"];

    /// Records the value of an `after` or `before` option.
    pub(crate) fn add(&mut self, opt: &Opt) -> syn::Result<()> {
        let targets = targets(&opt.value, &opt.key)?;
        match opt.key.to_string().as_str() {
            "after" => self.after.extend(targets),
            _ => self.before.extend(targets),
        }
        self.keys.push(opt.key.clone());
        Ok(())
    }

    /// A durable callback runs in a worker, in no order: constraints on it are mistakes. (A
    /// durable target is fine: it counts as met.)
    pub(crate) fn check_durable(&self, durable: Option<Span>, errors: &mut Errors) {
        if durable.is_none() {
            return;
        }
        for key in &self.keys {
            errors.push(Error::new_spanned(
                key,
                format!("{key} does not apply to durable callbacks: durable callbacks run in workers, unordered"),
            ));
        }
    }

    /// The items that check the targets, for the registration's block, and the `after` and
    /// `before` fields of the record's `Meta`. `hook` is the constrained callback's hook name, a
    /// `&'static str` constant expression valid in that block.
    pub(crate) fn expand(&self, hook: &TokenStream, krate: &Krate) -> (TokenStream, TokenStream) {
        let after = Ident::new("after", Span::mixed_site());
        let before = Ident::new("before", Span::mixed_site());
        let items = [(&after, &self.after), (&before, &self.before)].into_iter().filter(|(_, paths)| !paths.is_empty());
        let items = items.map(|(name, paths)| {
            let targets = paths.iter().map(|path| {
                let span = path.span();
                let krate = krate.at(span);
                let record = record_path(path);
                quote_spanned!(span=> #krate::__private::target_of(#record, #hook))
            });
            quote! {
                #[allow(non_upper_case_globals)]
                const #name: &[&str] = &[#(#targets),*];
            }
        });
        let items = quote!(#(#items)*);
        let field = |name: &Ident, paths: &[Path]| match paths.is_empty() {
            true => quote!(&[]),
            false => name.to_token_stream(),
        };
        let (after, before) = (field(&after, &self.after), field(&before, &self.before));
        (items, quote!(after: #after, before: #before,))
    }
}

/// The targets of one option: a path, or a bracketed list of paths.
fn targets(value: &Expr, key: &Ident) -> syn::Result<Vec<Path>> {
    let error = |tokens: &dyn ToTokens| Error::new_spanned(tokens, format!("{key} must be {EXPECTED}"));
    match value {
        Expr::Path(path) => Ok(vec![target(path).ok_or_else(|| error(path))?]),
        Expr::Array(ExprArray { elems, attrs, .. }) if attrs.is_empty() && !elems.is_empty() => {
            let mut errors = Errors::default();
            let mut paths = Vec::new();
            for elem in elems {
                match elem {
                    Expr::Path(path) if target(path).is_some() => paths.extend(target(path)),
                    other => errors.push(error(other)),
                }
            }
            errors.finish(paths)
        }
        other => Err(error(other)),
    }
}

/// A plain path (no `<T as Trait>::`, no generic arguments, no attributes).
fn target(path: &syn::ExprPath) -> Option<Path> {
    let plain = path.qself.is_none()
        && path.attrs.is_empty()
        && path.path.segments.iter().all(|segment| segment.arguments.is_none());
    plain.then(|| path.path.clone())
}

/// The name of the hidden constant that names the callback `function`.
fn record_name(function: &Ident) -> Ident {
    let plain = function.to_string();
    format_ident!("hook_callback_named_{}", plain.trim_start_matches("r#"), span = function.span())
}

/// `path` with its last segment rewritten to the target's hidden constant, on the user's span.
fn record_path(path: &Path) -> Path {
    let mut path = path.clone();
    if let Some(last) = path.segments.last_mut() {
        last.ident = record_name(&last.ident);
    }
    path
}

/// The hidden constant beside a callback's function that constraints name it by. `checks`
/// declares what `hook` (the hook's name as a constant expression) needs, as in the
/// registration's block, so that a mistake in the hook is reported by the same tokens, once.
pub(crate) fn record(
    vis: &Visibility,
    function: &Ident,
    path: &TokenStream,
    checks: &TokenStream,
    hook: &TokenStream,
    krate: &Krate,
) -> TokenStream {
    let name = record_name(function);
    quote! {
        #[doc(hidden)]
        #[allow(dead_code, non_upper_case_globals)]
        #vis const #name: #krate::__private::CallbackName = {
            #checks
            #krate::__private::CallbackName { path: #path, hook: #hook }
        };
    }
}
