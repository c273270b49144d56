//! The arguments of `#[hook_callback(hook, priority = N, context = c, crate = path)]`.

use syn::parse::{Parse, ParseStream};

use crate::errors::Errors;
use crate::krate::Krate;
use crate::options;
use crate::priority::Priority;
use crate::refs::{ContextRef, HookRef, Usage};

const USAGE: Usage =
    Usage { example: "#[hook_callback(\"user_created\", priority = 5, context = \"wallet\")]", runtime: None };

/// What the attribute says, every option checked.
pub(crate) struct Args {
    pub(crate) hook: HookRef,
    pub(crate) priority: Priority,
    pub(crate) context: Option<ContextRef>,
    pub(crate) krate: Krate,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut errors = Errors::default();
        let hook = HookRef::parse(input, &USAGE, &mut errors)?;
        let mut args = Args { hook, priority: Priority::default(), context: None, krate: Krate::default() };
        let parsed = options::parse(input, &["priority", "context", "crate"], &mut errors, |opt, errors| {
            match opt.key.to_string().as_str() {
                "priority" => args.priority = errors.check(Priority::from_value(&opt.value)).unwrap_or_default(),
                "context" => args.context = errors.check(ContextRef::from_value(&opt.value, None)),
                _ => args.krate = errors.check(Krate::from_value(&opt.value)).unwrap_or_default(),
            }
        });
        match parsed {
            Ok(()) => errors.finish(args),
            Err(error) => Err(errors.fail(error)),
        }
    }
}
