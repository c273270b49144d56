//! Async callbacks' futures made in memory the trigger provides, instead of one box each.
//!
//! `#[hook_callback]` turns an `async fn` callback into a function `fn(&'static T) -> F` that
//! returns the callback's future `F`, a concrete type without lifetime parameters. [`AsyncFn`]
//! erases `F`: it records its layout and the monomorphized functions that write an `F` into a
//! buffer, poll it there and drop it there. `trigger_async!` sizes one buffer per trigger from its
//! plan ([`Room`]): inline in the trigger's own future when it fits, otherwise one allocation, made
//! when the first async callback starts and reused by the callbacks after it.
//!
//! The `'static` in `fn(&'static T) -> F` is not true: the payload lives as long as the trigger.
//! It is sound because the dispatcher drops every future before its trigger ends, the generated
//! function only hands the reference to the user's function, whose signature is generic over the
//! reference's lifetime (so nothing it does can keep the reference), and a future that is never
//! dropped (a trigger leaked with `mem::forget`) is never polled again either.

use std::alloc::Layout;
use std::cell::UnsafeCell;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::task::{Context, Poll};

use crate::halt::Halt;

/// Polls the future at a slot.
type PollFn = unsafe fn(NonNull<u8>, &mut Context<'_>) -> Poll<Result<(), Halt>>;

/// An async callback's future type, erased.
#[derive(Clone, Copy)]
pub(crate) struct AsyncFn {
    /// The future's size and alignment.
    pub(crate) layout: Layout,
    /// The generated `fn(&'static T) -> F`, as an untyped function pointer.
    make: fn(),
    /// Calls `make` with a payload and writes the future into a buffer.
    start: unsafe fn(fn(), *const (), NonNull<u8>),
    poll: PollFn,
    drop: unsafe fn(NonNull<u8>),
}

impl AsyncFn {
    /// The erased form of `make`, whose future is `F`.
    pub(crate) const fn of<T: 'static, F>(make: fn(&'static T) -> F) -> AsyncFn
    where
        F: Future<Output = Result<(), Halt>> + Send + 'static,
    {
        // SAFETY: a transmute between two function pointer types, which have the same size; the
        // pointer is only called after being transmuted back to its type, in `start::<T, F>`.
        let make = unsafe { std::mem::transmute::<fn(&'static T) -> F, fn()>(make) };
        AsyncFn { layout: Layout::new::<F>(), make, start: start::<T, F>, poll: poll::<F>, drop: drop_in_place::<F> }
    }

    /// Starts the callback: writes its future at `slot`, and returns the handle that polls and
    /// drops it there.
    ///
    /// # Safety
    ///
    /// `payload` must point to the `T` this `AsyncFn` was made for (the caller compared the
    /// `TypeId`s), valid for `'a`; `slot` must be valid for writes of `self.layout`, aligned to
    /// it, hold no live future, and stay valid and unmoved until the handle is dropped; the
    /// handle must be dropped before `'a` ends (see the module docs).
    pub(crate) unsafe fn start<'a>(self, payload: *const (), slot: NonNull<u8>) -> InPlace<'a> {
        // SAFETY: forwarded from our caller.
        unsafe { (self.start)(self.make, payload, slot) };
        InPlace { slot, poll: self.poll, drop: self.drop, payload: PhantomData }
    }
}

/// # Safety
///
/// `make` must be a `fn(&'static T) -> F`, and the pointers as for [`AsyncFn::start`].
unsafe fn start<T: 'static, F>(make: fn(), payload: *const (), slot: NonNull<u8>) {
    // SAFETY: `make` was made from this type in `AsyncFn::of::<T, F>`.
    let make = unsafe { std::mem::transmute::<fn(), fn(&'static T) -> F>(make) };
    // SAFETY: the payload is a live `T` (our caller's obligation); see the module docs for the
    // `'static`.
    let payload = unsafe { &*payload.cast::<T>() };
    let future = make(payload);
    // SAFETY: `slot` is valid for writes of an `F` and aligned for it, and holds no live value.
    unsafe { slot.cast::<F>().write(future) };
}

/// # Safety
///
/// `slot` holds a live `F` that never moves until it is dropped.
unsafe fn poll<F: Future<Output = Result<(), Halt>>>(
    slot: NonNull<u8>,
    cx: &mut Context<'_>,
) -> Poll<Result<(), Halt>> {
    // SAFETY: the future is live and pinned in its slot (our caller's obligation).
    unsafe { Pin::new_unchecked(slot.cast::<F>().as_mut()) }.poll(cx)
}

/// # Safety
///
/// `slot` holds a live `F`, which is dropped here and not used again.
unsafe fn drop_in_place<F>(slot: NonNull<u8>) {
    // SAFETY: our caller's obligation.
    unsafe { slot.cast::<F>().drop_in_place() }
}

/// A callback's future in its slot: polls it, and drops it when dropped.
pub(crate) struct InPlace<'a> {
    slot: NonNull<u8>,
    poll: PollFn,
    drop: unsafe fn(NonNull<u8>),
    payload: PhantomData<&'a ()>,
}

// SAFETY: the future in the slot is `Send` (`AsyncFn::of` requires it), and the handle is its only
// owner; moving the handle to another thread moves the right to poll and drop it there.
unsafe impl Send for InPlace<'_> {}

impl Future for InPlace<'_> {
    type Output = Result<(), Halt>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // SAFETY: the slot holds the live future this handle started, which stays in place until
        // the handle is dropped (`AsyncFn::start`'s contract).
        unsafe { (self.poll)(self.slot, cx) }
    }
}

impl Drop for InPlace<'_> {
    fn drop(&mut self) {
        // SAFETY: the future is live until now, and the handle is dropped once.
        unsafe { (self.drop)(self.slot) }
    }
}

/// What a plan's async callbacks need: the largest future of one callback, or of a batch of
/// equal-priority async callbacks run together (each at its offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Room {
    pub(crate) layout: Layout,
}

impl Room {
    /// No async callback.
    pub(crate) const NONE: Room = Room { layout: Layout::new::<()>() };

    /// The room for the larger of `self` and `other`.
    pub(crate) fn max(self, other: Layout) -> Room {
        let size = self.layout.size().max(other.size());
        let align = self.layout.align().max(other.align());
        Room { layout: Layout::from_size_align(size, align).expect("both layouts are valid").pad_to_align() }
    }

    /// The layouts laid out one after another, in order.
    pub(crate) fn packed(layouts: impl IntoIterator<Item = Layout>) -> Layout {
        let mut packed = Layout::new::<()>();
        for layout in layouts {
            packed = next(&mut packed, layout).0;
        }
        packed.pad_to_align()
    }
}

/// Lays `layout` out after `packed`: the extended layout, and the new one's offset.
pub(crate) fn next(packed: &mut Layout, layout: Layout) -> (Layout, usize) {
    let (extended, offset) = packed.extend(layout).expect("futures fit in memory");
    *packed = extended;
    (extended, offset)
}

/// The inline part of a trigger's buffer: futures up to this size and alignment cost no
/// allocation.
pub(crate) const INLINE_BYTES: usize = 64;

#[repr(C, align(16))]
struct Inline([std::mem::MaybeUninit<u8>; INLINE_BYTES]);

/// A trigger's buffer for its async callbacks' futures: inline when the plan's room fits,
/// otherwise allocated once, on first use.
///
/// Futures are written and polled through raw pointers into it, so it is only ever borrowed
/// shared (`base(&self)`), through cells: no `&mut` borrow asserts exclusive access to memory a
/// future lives in.
pub(crate) struct Arena {
    inline: UnsafeCell<Inline>,
    /// The allocated buffer, null until it is needed.
    heap: AtomicPtr<u8>,
    room: Layout,
}

// SAFETY: the arena is plain memory: no safe method reads or writes its bytes (futures are
// written, polled and dropped through raw pointers, under `AsyncFn::start`'s contract), and the
// one field a shared arena changes, `heap`, is atomic. The futures in it are owned by `InPlace`
// handles, which are `Send`.
unsafe impl Send for Arena {}

// SAFETY: as for `Send`.
unsafe impl Sync for Arena {}

impl Arena {
    pub(crate) fn new(room: Room) -> Arena {
        let inline = Inline([std::mem::MaybeUninit::uninit(); INLINE_BYTES]);
        Arena { inline: UnsafeCell::new(inline), heap: AtomicPtr::new(std::ptr::null_mut()), room: room.layout }
    }

    /// The start of the buffer, valid for the plan's room and aligned to it. The arena must not
    /// move while a future lives in it: it is a local of the (pinned) trigger future.
    pub(crate) fn base(&self) -> NonNull<u8> {
        if self.room.size() <= INLINE_BYTES && self.room.align() <= std::mem::align_of::<Inline>() {
            // SAFETY: `UnsafeCell::get` is never null.
            return unsafe { NonNull::new_unchecked(self.inline.get().cast::<u8>()) };
        }
        if let Some(heap) = NonNull::new(self.heap.load(Ordering::Acquire)) {
            return heap;
        }
        // SAFETY: the room has a non-zero size here (it is larger than the inline buffer).
        let allocated = unsafe { std::alloc::alloc(self.room) };
        let heap = NonNull::new(allocated).unwrap_or_else(|| std::alloc::handle_alloc_error(self.room));
        match self.heap.compare_exchange(std::ptr::null_mut(), heap.as_ptr(), Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => heap,
            Err(first) => {
                // SAFETY: allocated just above with this layout, and never handed out.
                unsafe { std::alloc::dealloc(heap.as_ptr(), self.room) };
                // SAFETY: the exchange failed because another call stored its non-null buffer.
                unsafe { NonNull::new_unchecked(first) }
            }
        }
    }
}

impl Drop for Arena {
    fn drop(&mut self) {
        if let Some(heap) = NonNull::new(*self.heap.get_mut()) {
            // SAFETY: allocated in `base` with this layout, once; every future in it was dropped
            // before the arena (the handles are declared after it and dropped first).
            unsafe { std::alloc::dealloc(heap.as_ptr(), self.room) };
        }
    }
}
