//! `after = path` and `before = path` (or `[a, b]`): the callbacks of the same hook that a callback
//! runs after or before, named by their Rust paths so that rustc resolves them.
//!
//! Every callback gets, beside its function, a hidden constant `hook_callback_free_fn_<fn>` (a
//! value, with the function's visibility): its record, with its registered path and its hook;
//! the registration is in its block. A constraint's path has its last segment rewritten to that
//! constant, spanned on the user's segment: a misspelled target or a plain function is "cannot
//! find value `hook_callback_free_fn_...`" on the path, and a callback of another hook fails the
//! evaluation of a check constant in the registration's block, on the path.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Error, Expr, ExprArray, Ident, Path};

use crate::errors::Errors;
use crate::krate::Krate;
use crate::options::Opt;
use crate::refs::HookRef;

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

    /// The items that check the targets, for the registration's block (where the hook's alias
    /// is declared), and the record's `after` and `before` paths, `None` without constraints.
    pub(crate) fn expand(&self, hook: &HookRef, krate: &Krate) -> (TokenStream, Option<(TokenStream, TokenStream)>) {
        if self.after.is_empty() && self.before.is_empty() {
            return (TokenStream::new(), None);
        }
        let hook = hook_name(hook, krate);
        let (after_items, after) = targets_of("after", &self.after, &hook, krate);
        let (before_items, before) = targets_of("before", &self.before, &hook, krate);
        (quote!(#after_items #before_items), Some((after, before)))
    }
}

/// The items that resolve and check the targets of one option, `key`, and the options' field.
///
/// The targets' hidden constants (their records) are read once, into an array whose paths the
/// constrained callback's options store. The hooks are compared in a constant named after the
/// option, which nothing uses: a target of another hook fails its evaluation on the target's path
/// ("evaluation of `__hooks_callback_f::after` failed"), and no use of it adds a second report.
fn targets_of(key: &str, paths: &[Path], hook: &TokenStream, krate: &Krate) -> (TokenStream, TokenStream) {
    if paths.is_empty() {
        return (TokenStream::new(), quote!(&[]));
    }
    let records = format_ident!("__HOOKS_{}", key.to_uppercase(), span = Span::mixed_site());
    let field = format_ident!("__HOOKS_{}_PATHS", key.to_uppercase(), span = Span::mixed_site());
    let check = Ident::new(key, Span::mixed_site());
    let count = paths.len();
    let resolved = paths.iter().map(record_path);
    let indices = 0..count;
    let checks = paths.iter().enumerate().map(|(index, path)| {
        let span = path.span();
        let krate = krate.at(span);
        quote_spanned!(span=> #krate::__private::check_target(#records[#index], #hook);)
    });
    let items = quote! {
        const #records: [&#krate::__private::Callback; #count] = [#(&#resolved),*];
        const #field: &[&str] = &[#(#records[#indices].path()),*];
        #[allow(non_upper_case_globals)]
        const #check: () = { #(#checks)* };
    };
    (items, field.into_token_stream())
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
pub(crate) fn record_name(function: &Ident) -> Ident {
    let plain = function.to_string();
    format_ident!("hook_callback_free_fn_{}", plain.trim_start_matches("r#"), span = function.span())
}

/// `path` with its last segment rewritten to the target's hidden constant, on the user's span.
fn record_path(path: &Path) -> Path {
    let mut path = path.clone();
    if let Some(last) = path.segments.last_mut() {
        last.ident = record_name(&last.ident);
    }
    path
}

/// The hook's name as a constant expression, for the check of the targets' hooks, where a typed
/// hook's alias is declared. It adds no error of its own: the registration reports a mistake in
/// the hook, and for a typed hook this reads its name without requiring that it is one (nor
/// checking the payload type).
pub(crate) fn hook_name(hook: &HookRef, krate: &Krate) -> TokenStream {
    match hook.typed() {
        Some(alias) => quote!({
            use #krate::__private::NotAHook as _;
            <#krate::__private::HookNameOf<#alias>>::NAME
        }),
        None => hook.name(krate),
    }
}
