//! The arguments of `#[hook_callback(hook, priority = N, context = c, crate = path)]`, and of
//! durable callbacks (`durable`, `max_attempts = N`, `queue = "name"`).

use syn::parse::{Parse, ParseStream};

use crate::constraints::Constraints;
use crate::durable::{self, DurableArgs};
use crate::errors::Errors;
use crate::krate::Krate;
use crate::options;
use crate::priority::Priority;
use crate::refs::{ContextRef, HookRef, Usage};
use crate::retry::{self, RetryArgs};

const USAGE: Usage =
    Usage { example: "#[hook_callback(\"user_created\", priority = 5, context = \"wallet\")]", runtime: None };

/// What the attribute says, every option checked.
pub(crate) struct Args {
    pub(crate) hook: HookRef,
    pub(crate) priority: Priority,
    pub(crate) context: Option<ContextRef>,
    pub(crate) krate: Krate,
    pub(crate) durable: DurableArgs,
    /// `enabled = false`: the callback starts disabled.
    pub(crate) enabled: bool,
    pub(crate) retry: RetryArgs,
    /// `after = path`, `before = [a, b]`.
    pub(crate) constraints: Constraints,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut errors = Errors::default();
        let hook = HookRef::parse(input, &USAGE, &mut errors)?;
        let mut args = Args {
            hook,
            priority: Priority::default(),
            context: None,
            krate: Krate::default(),
            durable: DurableArgs::default(),
            enabled: true,
            retry: RetryArgs::default(),
            constraints: Constraints::default(),
        };
        let valid = ["priority", "context", "crate", "durable", "max_attempts", "queue", "enabled", "retry", "backoff"];
        let valid = [valid.as_slice(), &Constraints::KEYS].concat();
        let parsed = options::parse(input, &valid, &mut errors, |opt, errors| match opt.key.to_string().as_str() {
            "priority" => args.priority = errors.check(Priority::from_value(&opt.value)).unwrap_or_default(),
            "context" => args.context = errors.check(ContextRef::from_value(&opt.value, None)),
            "durable" => {
                if errors.check(options::flag(&opt.value, &opt.key)) == Some(true) {
                    args.durable.flag = Some(opt.key.span());
                }
            }
            "max_attempts" => args.durable.max_attempts = errors.check(durable::max_attempts(&opt.value)),
            "queue" => args.durable.queue = errors.check(durable::queue(&opt.value)),
            "enabled" => args.enabled = errors.check(options::flag(&opt.value, &opt.key)).unwrap_or(true),
            "retry" => args.retry.retry = errors.check(retry::retry(&opt.value)),
            "backoff" => args.retry.backoff = errors.check(retry::backoff(&opt.value)),
            "after" | "before" => {
                errors.check(args.constraints.add(opt));
            }
            _ => args.krate = errors.check(Krate::from_value(&opt.value)).unwrap_or_default(),
        });
        args.durable.check(&mut errors);
        args.retry.check(args.durable.flag, &mut errors);
        args.constraints.check_durable(args.durable.flag, &mut errors);
        match parsed {
            Ok(()) => errors.finish(args),
            Err(error) => Err(errors.fail(error)),
        }
    }
}
