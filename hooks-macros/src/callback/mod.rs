//! `#[hook_callback(hook, priority = N, context = c)]`: the arguments, the function's shape, and
//! the registration.

mod ast;
mod expand;
mod signature;

pub(crate) use expand::expand;
