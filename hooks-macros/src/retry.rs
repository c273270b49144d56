//! `#[hook_callback(hook, retry = N, backoff = "50ms")]`: a callback called again after an `Err`.

use proc_macro2::Span;
use syn::{Error, Expr, Lit};

use crate::errors::Errors;

/// The retry options of a callback, each with the span of its value.
#[derive(Default)]
pub(crate) struct RetryArgs {
    pub(crate) retry: Option<(u8, Span)>,
    pub(crate) backoff: Option<(u32, Span)>,
}

impl RetryArgs {
    /// Mistakes between options: a backoff without retries, retries of a durable callback.
    pub(crate) fn check(&self, durable: Option<Span>, errors: &mut Errors) {
        if let (Some((_, span)), None) = (self.backoff, self.retry) {
            errors.push(Error::new(span, "backoff applies to retries: add `retry = N`"));
        }
        if let (Some((_, span)), Some(_)) = (self.retry, durable) {
            errors.push(Error::new(span, "a durable callback retries through its job: use `max_attempts = N`"));
        }
    }

    /// How many more calls after an `Err`: 0 without `retry`.
    pub(crate) fn retries(&self) -> u8 {
        self.retry.map_or(0, |(retries, _)| retries)
    }

    /// The first delay between calls, in milliseconds: 0 without `backoff`.
    pub(crate) fn backoff_ms(&self) -> u32 {
        self.backoff.map_or(0, |(millis, _)| millis)
    }
}

/// The value of `retry`: an integer literal from 1 to 100.
pub(crate) fn retry(value: &Expr) -> syn::Result<(u8, Span)> {
    const EXPECTED: &str = "retry must be an integer from 1 to 100 (how many more calls after an `Err`)";
    match value {
        Expr::Lit(syn::ExprLit { lit: Lit::Int(literal), .. }) => match literal.base10_parse::<u8>() {
            Ok(retries @ 1..=100) => Ok((retries, literal.span())),
            _ => Err(Error::new(literal.span(), EXPECTED)),
        },
        _ => Err(Error::new_spanned(value, EXPECTED)),
    }
}

/// The value of `backoff`: a string literal of a duration in milliseconds or seconds, `"50ms"` or
/// `"2s"`, from 1 ms to 1 hour.
pub(crate) fn backoff(value: &Expr) -> syn::Result<(u32, Span)> {
    const EXPECTED: &str = "backoff must be a duration like \"50ms\" or \"2s\", from 1ms to 3600s";
    let Expr::Lit(syn::ExprLit { lit: Lit::Str(literal), .. }) = value else {
        return Err(Error::new_spanned(value, EXPECTED));
    };
    let text = literal.value();
    let millis = match (text.strip_suffix("ms"), text.strip_suffix('s')) {
        (Some(millis), _) => millis.parse::<u32>().ok(),
        (None, Some(seconds)) => seconds.parse::<u32>().ok().and_then(|seconds| seconds.checked_mul(1000)),
        (None, None) => None,
    };
    match millis {
        Some(millis @ 1..=3_600_000) => Ok((millis, literal.span())),
        _ => Err(Error::new(literal.span(), EXPECTED)),
    }
}
