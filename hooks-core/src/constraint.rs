//! What `after = path` and `before = path` name: the hidden record that `#[hook_callback]` emits
//! beside every callback, and the compile-time check that a target belongs to the same hook.
//!
//! A constraint names its target by the function's Rust path, so rustc resolves it: the macro
//! rewrites the path's last segment to the target's hidden constant, `hook_callback_named_<fn>`,
//! a value (so that it can sit beside an associated function and never collides with a hook or
//! context item of the same name). The constant carries the target's registered path, which the
//! constrained callback's record stores, and its hook, compared with the constrained callback's
//! own when the record is evaluated.

/// Not public API. Used by generated code: the hidden constant `hook_callback_named_<fn>` that
/// `#[hook_callback]` emits beside each callback, which `after` and `before` resolve.
#[derive(Debug, Clone, Copy)]
pub struct CallbackName {
    /// Not public API: the callback's registered path, `module_path!()::fn_name`.
    pub path: &'static str,
    /// Not public API: the name of the callback's hook.
    pub hook: &'static str,
}

/// Not public API. Used by generated code: the target's path, once rustc has checked, while
/// evaluating the constrained callback's record, that the target is a callback of `hook`.
/// `#[track_caller]`: the error points at the generated call, spanned on the user's path.
#[track_caller]
pub const fn target_of(target: CallbackName, hook: &str) -> &'static str {
    if !same(target.hook.as_bytes(), hook.as_bytes()) {
        // Evaluated in a constant: a compile error, never a runtime panic.
        panic!("`after` and `before` must name a callback of the same hook");
    }
    target.path
}

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
    use super::{CallbackName, same, target_of};

    #[test]
    fn compares_names_byte_by_byte() {
        assert!(same(b"user_created", b"user_created"));
        assert!(!same(b"user_created", b"user_create"));
        assert!(!same(b"user_created", b"user_createe"));
        const PATH: &str = target_of(CallbackName { path: "app::wallet::open", hook: "user_created" }, "user_created");
        assert_eq!(PATH, "app::wallet::open");
    }
}
