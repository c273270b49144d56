//! What `after = path` and `before = path` name: the hidden constant that `#[hook_callback]` emits
//! beside every callback, its record, and the compile-time check that a target belongs to the
//! same hook.
//!
//! A constraint names its target by the function's Rust path, so rustc resolves it: the macro
//! rewrites the path's last segment to the target's hidden constant, `hook_callback_free_fn_<fn>`,
//! a value (so that it never collides with a hook or context item of the same name). The constant
//! is the target's record, whose registered path the constrained callback's options store and
//! whose hook is compared with the constrained callback's own by a constant in the registration's
//! block, which rustc evaluates at compile time.

use std::fmt;
use std::marker::PhantomData;

use crate::{Callback, TypedHook};

/// Not public API. Used by generated code: checks, in a constant beside the constrained
/// callback's record, that a target is a callback of `hook`. `#[track_caller]`: the error points
/// at the generated call, spanned on the user's path.
#[track_caller]
pub const fn check_target(target: &Callback, hook: &str) {
    // An empty name is a typed hook that is not one (see `NotAHook`): its registration reports it.
    let known = !target.hook().is_empty() && !hook.is_empty();
    if known && !same(target.hook().as_bytes(), hook.as_bytes()) {
        // Evaluated in a constant: a compile error, never a runtime panic.
        panic!("`after` and `before` must name a callback of the same hook");
    }
}

/// Not public API. Used by generated code: the name of the hook `H` for the hidden constant, as
/// `<HookNameOf<H>>::NAME`. When `H` is not a hook, the registration beside it reports that once;
/// here [`NotAHook`] supplies an empty name instead of a second error (an inherent constant whose
/// bound does not hold gives way to the trait's).
pub struct HookNameOf<H: ?Sized>(PhantomData<H>);

impl<H: ?Sized> fmt::Debug for HookNameOf<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HookNameOf")
    }
}

impl<H: TypedHook + ?Sized> HookNameOf<H> {
    /// Not public API.
    pub const NAME: &'static str = H::NAME;
}

/// Not public API. Used by generated code; see [`HookNameOf`].
pub trait NotAHook {
    /// Not public API.
    const NAME: &'static str = "";
}

impl<H: ?Sized> NotAHook for HookNameOf<H> {}

/// `a == b`, in a constant.
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if a[index] != b[index] {
            return false;
        }
        index += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{check_target, same};
    use crate::__private::plain_callback;

    fn open(_: &u8) {}

    #[test]
    fn compares_names_byte_by_byte() {
        assert!(same(b"user_created", b"user_created"));
        assert!(!same(b"user_created", b"user_create"));
        assert!(!same(b"user_created", b"user_createe"));
        const CHECKED: () =
            check_target(&plain_callback::<u8>("app::wallet::open", "user_created", open), "user_created");
        let () = CHECKED;
    }
}
