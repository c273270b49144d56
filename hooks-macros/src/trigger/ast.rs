//! The input of `trigger!(hook, payload, context = c)` and
//! `trigger_async!(hook, payload, context = c, concurrent = true)`.

use std::marker::PhantomData;

use syn::parse::{Parse, ParseStream};
use syn::{Error, Expr, Token};

use crate::errors::Errors;
use crate::krate::Krate;
use crate::options;
use crate::refs::{ContextRef, HookRef, Usage};

/// What differs between `trigger!` and `trigger_async!`.
pub(crate) trait Flavor {
    const USAGE: Usage;
    /// How to trigger in a context known only at runtime.
    const RUNTIME_CONTEXT: &'static str;
    const OPTIONS: &'static [&'static str];
    const ASYNC: bool;
}

/// `trigger!`.
pub(crate) struct Sync;

/// `trigger_async!`.
pub(crate) struct Async;

impl Flavor for Sync {
    const USAGE: Usage = Usage {
        example: "trigger!(\"user_created\", payload) or trigger!(\"user_created\", payload, context = \"wallet\")",
        runtime: Some("hooks_core::registry().trigger(name, &payload)"),
    };
    const RUNTIME_CONTEXT: &'static str = "hooks_core::registry().trigger_in_context(name, context, &payload)";
    const OPTIONS: &'static [&'static str] = &["context", "crate", "tx"];
    const ASYNC: bool = false;
}

impl Flavor for Async {
    const USAGE: Usage = Usage {
        example: "trigger_async!(\"user_created\", payload) or trigger_async!(\"user_created\", payload, context = \"wallet\", concurrent = true)",
        runtime: Some("hooks_core::registry().trigger_async(name, &payload)"),
    };
    const RUNTIME_CONTEXT: &'static str = "hooks_core::registry().trigger_async_in_context(name, context, &payload)";
    const OPTIONS: &'static [&'static str] = &["context", "concurrent", "crate", "tx", "event"];
    const ASYNC: bool = true;
}

/// A trigger, every option checked.
pub(crate) struct Trigger<F> {
    pub(crate) hook: HookRef,
    pub(crate) payload: Expr,
    pub(crate) context: Option<ContextRef>,
    pub(crate) concurrent: bool,
    pub(crate) krate: Krate,
    /// The caller's transaction (`tx = &mut tx`), in which durable callbacks are enqueued.
    pub(crate) tx: Option<Expr>,
    /// The event's id (`event = id`), so that enqueueing the same event twice is one job.
    pub(crate) event: Option<Expr>,
    flavor: PhantomData<F>,
}

impl<F: Flavor> Parse for Trigger<F> {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut errors = Errors::default();
        let example = F::USAGE.example;
        let hook = HookRef::parse(input, &F::USAGE, &mut errors)?;
        let payload = (|| -> syn::Result<Expr> {
            let what = match &hook {
                HookRef::Name(_) => "the hook name",
                HookRef::Constant(_) | HookRef::Typed(_) => "the hook",
            };
            let missing = || Error::new(hook.span(), format!("expected a payload after {what}: {example}"));
            if input.is_empty() {
                return Err(missing());
            }
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                return Err(missing());
            }
            input.parse()
        })();
        let payload = match payload {
            Ok(payload) => payload,
            Err(error) => return Err(errors.fail(error)),
        };
        let mut trigger = Trigger {
            hook,
            payload,
            context: None,
            concurrent: false,
            krate: Krate::default(),
            tx: None,
            event: None,
            flavor: PhantomData,
        };
        let mut concurrent_key = None;
        let mut event_key = None;
        let parsed = options::parse(input, F::OPTIONS, &mut errors, |opt, errors| match opt.key.to_string().as_str() {
            "context" => trigger.context = errors.check(ContextRef::from_value(&opt.value, Some(F::RUNTIME_CONTEXT))),
            "crate" => trigger.krate = errors.check(Krate::from_value(&opt.value)).unwrap_or_default(),
            "tx" if !F::ASYNC => errors.push(Error::new_spanned(
                &opt.key,
                "tx needs trigger_async!: enqueueing durable callbacks awaits the database",
            )),
            "tx" => trigger.tx = Some(opt.value.clone()),
            "event" => {
                trigger.event = Some(opt.value.clone());
                event_key = Some(opt.key.clone());
            }
            _ => {
                trigger.concurrent = errors.check(options::flag(&opt.value, &opt.key)).unwrap_or_default();
                concurrent_key = Some(opt.key.clone());
            }
        });
        if trigger.tx.is_none() {
            if let Some(key) = event_key {
                errors.push(Error::new_spanned(
                    key,
                    "event applies to a trigger with the caller's transaction, `tx = &mut tx`",
                ));
            }
        } else if let Some(key) = concurrent_key.filter(|_| trigger.concurrent) {
            errors.push(Error::new_spanned(
                key,
                "concurrent is not available with `tx`: the in-process callbacks run one after another",
            ));
        }
        match parsed {
            Ok(()) => errors.finish(trigger),
            Err(error) => Err(errors.fail(error)),
        }
    }
}
