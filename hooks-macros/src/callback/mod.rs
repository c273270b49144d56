//! `#[hook_callback(hook, priority = N, context = c)]`: the arguments, the function's shape, and
//! the registration.

mod ast;
mod expand;
mod fast;
pub(crate) mod signature;

pub(crate) use ast::Args;
pub(crate) use expand::{Constructor, Form, by_reference, expand, registration};
