//! Bench-only crate: 10,000 generated `#[hook_callback]` registrations.
//!
//! `build.rs` writes 1,000 hooks (`many_0000` to `many_0999`), each declared with its payload type
//! and given 10 callbacks of varied priorities, contexts, payload types (`u64`, `u32`,
//! [`Event`]) and signatures (`fn(&T)` and `fn(&T) -> Result<(), String>`). A binary gets them by
//! naming the crate: `use many_callbacks as _;`.

/// The payload of a third of the generated hooks.
#[derive(Debug)]
pub struct Event {
    /// An id the callbacks read.
    pub id: u64,
}

/// How many hooks the crate registers callbacks for.
pub const HOOKS: usize = 1_000;

/// How many callbacks the crate registers.
pub const CALLBACKS: usize = 10_000;

include!(concat!(env!("OUT_DIR"), "/generated.rs"));
