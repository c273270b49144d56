//! `declare_hook!` and `declare_context!`: the declarations, and the records and items they
//! expand to.

mod ast;
mod expand;

pub(crate) use expand::{contexts, filters, first_results, hooks};
