//! `trigger!(hook, payload, context = c)` and its async twin: the input, and the call site it
//! expands to.

mod ast;
mod expand;

pub(crate) use ast::{Async, Sync};
pub(crate) use expand::{borrowed, expand};
