//! The payload of filter and first-result hooks: a value their callbacks pass along, one
//! callback at a time.
//!
//! A filter hook's callbacks each borrow the current value and return the next one; a
//! first-result hook's callbacks return `Option<R>`, and the first `Some` ends the trigger. Both
//! run through the ordinary dispatchers, with a [`Chain`] as the payload: ordering, contexts,
//! switches, retries, isolation, logging and the report are the callbacks' own.
//!
//! The value lives in an `UnsafeCell` inside the chain. A callback reaches it only through
//! [`Chain::enter`], which admits one callback at a time (a flag, cleared when the callback's
//! [`Turn`] ends, also when it panics); the dispatchers run a chain's callbacks one after another.

use std::cell::UnsafeCell;
use std::fmt;
use std::fmt::Display;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::halt::{Halt, error_message};

/// Not public API. Used by generated code: the value a filter or first-result hook threads
/// through its callbacks, and the trigger's argument.
pub struct Chain<'a, V, A> {
    value: UnsafeCell<V>,
    argument: &'a A,
    busy: AtomicBool,
}

// SAFETY: a shared `Chain` hands out `&V` and replaces the value only inside a `Turn`, and
// `enter` admits one `Turn` at a time (an atomic swap), so no two threads touch the value at
// once; `V: Send` lets the value be replaced, and dropped, on whatever thread runs a callback, and
// `V: Sync` lets a `&V` be used there. The argument is only read, through `&A`.
unsafe impl<V: Send + Sync, A: Sync> Sync for Chain<'_, V, A> {}

impl<'a, V, A> Chain<'a, V, A> {
    /// A chain starting from `value`.
    pub(crate) fn new(value: V, argument: &'a A) -> Self {
        Chain { value: UnsafeCell::new(value), argument, busy: AtomicBool::new(false) }
    }

    /// The value once every callback had its turn.
    pub(crate) fn into_value(self) -> V {
        self.value.into_inner()
    }

    /// Not public API. Used by generated code: a callback's turn with the value, or an error if
    /// another callback of the same trigger holds it (which the dispatchers never allow).
    #[inline]
    pub fn enter(&self) -> Result<Turn<'_, 'a, V, A>, Halt> {
        if self.busy.swap(true, Ordering::Acquire) {
            return Err(Halt::error("a filter chain was entered while one of its callbacks held it".to_owned()));
        }
        Ok(Turn { chain: self })
    }

    /// The value's type, for erased call sites: a chain's lifetime is not part of its `TypeId`.
    pub(crate) fn as_static(&self) -> &Chain<'static, V, A> {
        // SAFETY: `Chain<'a, ..>` and `Chain<'static, ..>` have one layout. The `'static` copy is
        // only handed to the dispatcher and the callbacks' adapters, which borrow the argument no
        // longer than `Turn::argument` lets them: for the callback's turn, within this borrow.
        unsafe { &*(self as *const Chain<'a, V, A>).cast::<Chain<'static, V, A>>() }
    }
}

impl<V, A> fmt::Debug for Chain<'_, V, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Chain").field("busy", &self.busy.load(Ordering::Relaxed)).finish_non_exhaustive()
    }
}

/// Not public API. One callback's exclusive access to a chain's value, until it is dropped.
pub struct Turn<'c, 'a, V, A> {
    chain: &'c Chain<'a, V, A>,
}

impl<V, A> Turn<'_, '_, V, A> {
    /// The current value.
    #[inline(always)]
    pub fn value(&self) -> &V {
        // SAFETY: `enter` admitted this turn alone, and the value is only replaced by `set`,
        // which consumes the turn: no `&V` handed out here outlives it.
        unsafe { &*self.chain.value.get() }
    }

    /// The trigger's argument, for as long as the turn.
    #[inline(always)]
    pub fn argument(&self) -> &A {
        self.chain.argument
    }

    /// Replaces the value, ending the turn. The old value is dropped after the new one is in
    /// place, so a panicking `Drop` leaves a valid value behind.
    #[inline]
    pub fn set(self, next: V) {
        // SAFETY: as in `value`; `self` is consumed, so no `&V` of this turn is alive.
        let old = std::mem::replace(unsafe { &mut *self.chain.value.get() }, next);
        drop(self);
        drop(old);
    }
}

impl<V, A> Drop for Turn<'_, '_, V, A> {
    #[inline(always)]
    fn drop(&mut self) {
        self.chain.busy.store(false, Ordering::Release);
    }
}

impl<V, A> fmt::Debug for Turn<'_, '_, V, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Turn")
    }
}

/// Not public API. Used by generated code: what a filter of `V` may return, `V` or
/// `Result<V, E>`.
#[diagnostic::on_unimplemented(
    message = "a filter of `{V}` must return `{V}` or `Result<{V}, E>` where `E: Display`, not `{Self}`",
    label = "expected `{V}` or `Result<{V}, E>`"
)]
pub trait FilterReturn<V> {
    /// Not public API.
    fn into_next(self) -> Result<V, Halt>;
}

impl<V> FilterReturn<V> for V {
    #[inline(always)]
    fn into_next(self) -> Result<V, Halt> {
        Ok(self)
    }
}

impl<V, E: Display> FilterReturn<V> for Result<V, E> {
    #[inline(always)]
    fn into_next(self) -> Result<V, Halt> {
        self.map_err(|error| error_message(&error))
    }
}

/// Not public API. Used by generated code: what a first-result callback of `R` may return,
/// `Option<R>` or `Result<Option<R>, E>`.
#[diagnostic::on_unimplemented(
    message = "a first-result callback of `{R}` must return `Option<{R}>` or `Result<Option<{R}>, E>` where `E: Display`, not `{Self}`",
    label = "expected `Option<{R}>` or `Result<Option<{R}>, E>`"
)]
pub trait FirstResultReturn<R> {
    /// Not public API.
    fn into_found(self) -> Result<Option<R>, Halt>;
}

impl<R> FirstResultReturn<R> for Option<R> {
    #[inline(always)]
    fn into_found(self) -> Result<Option<R>, Halt> {
        Ok(self)
    }
}

impl<R, E: Display> FirstResultReturn<R> for Result<Option<R>, E> {
    #[inline(always)]
    fn into_found(self) -> Result<Option<R>, Halt> {
        self.map_err(|error| error_message(&error))
    }
}

/// Not public API. Used by generated code: one filter's turn: `filter` borrows the value and the
/// argument and returns the next value (converted by [`FilterReturn`]), which replaces the
/// current one; after an `Err` or a panic the current value stays.
#[inline(always)]
pub fn filter<V, A>(chain: &Chain<'_, V, A>, filter: impl FnOnce(&V, &A) -> Result<V, Halt>) -> Result<(), Halt> {
    let turn = chain.enter()?;
    let next = filter(turn.value(), turn.argument())?;
    turn.set(next);
    Ok(())
}

/// Not public API. Used by generated code: one first-result callback's turn: a `Some` (converted
/// by [`FirstResultReturn`]) becomes the trigger's result and stops it.
#[inline(always)]
pub fn first_result<R, A>(
    chain: &Chain<'_, Option<R>, A>,
    callback: impl FnOnce(&A) -> Result<Option<R>, Halt>,
) -> Result<(), Halt> {
    let turn = chain.enter()?;
    let found = callback(turn.argument())?;
    found_in(turn, found)
}

/// Not public API. Used by generated code: [`filter`]'s last step for an async filter, once its
/// future produced `next`.
#[inline(always)]
pub fn filtered<V, A>(turn: Turn<'_, '_, V, A>, next: Result<V, Halt>) -> Result<(), Halt> {
    turn.set(next?);
    Ok(())
}

/// Not public API. Used by generated code: [`first_result`]'s last step for an async callback.
#[inline(always)]
pub fn found<R, A>(turn: Turn<'_, '_, Option<R>, A>, found: Result<Option<R>, Halt>) -> Result<(), Halt> {
    found_in(turn, found?)
}

#[inline(always)]
fn found_in<R, A>(turn: Turn<'_, '_, Option<R>, A>, found: Option<R>) -> Result<(), Halt> {
    match found {
        Some(result) => {
            turn.set(Some(result));
            Err(Halt::BREAK)
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_replaces_the_value_and_an_error_keeps_it() {
        let chain = Chain::new(10_u32, &2_u32);
        assert!(filter(&chain, |value, by| Ok(*value * *by)).is_ok());
        let failed = filter(&chain, |_, _| Err::<u32, _>("no").into_next());
        assert_eq!(failed.err().and_then(Halt::into_error).as_deref(), Some("no"));
        assert_eq!(chain.into_value(), 20);
    }

    #[test]
    fn a_panicking_filter_keeps_the_value_and_frees_the_chain() {
        let chain = Chain::new(String::from("kept"), &());
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            filter(&chain, |_: &String, _| -> Result<String, Halt> { panic!("boom") })
        }));
        assert!(panicked.is_err());
        assert!(filter(&chain, |value: &String, _| Ok(format!("{value}!"))).is_ok());
        assert_eq!(chain.into_value(), "kept!");
    }

    #[test]
    fn a_second_turn_while_one_is_held_is_refused() {
        let chain = Chain::new(1_u8, &());
        let turn = chain.enter().unwrap();
        assert!(chain.enter().is_err());
        drop(turn);
        assert!(chain.enter().is_ok());
    }

    #[test]
    fn the_first_some_stops_and_is_kept() {
        let chain = Chain::new(None, &3_u8);
        assert!(first_result(&chain, |_| Ok(None::<u8>)).is_ok());
        let stopped = first_result(&chain, |n| Some(*n * 2).into_found());
        assert!(stopped.is_err_and(|halt| halt.is_break()));
        assert_eq!(chain.into_value(), Some(6));
    }
}
