//! What one trigger runs: a hook's callbacks for one context, in execution order.

use std::any::TypeId;

use crate::Callback;
use crate::adapter::{PlainFn, SyncCall};
use crate::in_place::Room;

mod runner;

use runner::Runner;
pub(crate) use runner::{Frame, Ran, Stop};

/// The callbacks one trigger runs, in order, and, when they allow it, the array the fast path
/// walks.
///
/// Invariant, established by [`Plan::new`] and relied on by `unsafe` code in the dispatchers:
/// [`fast_payload`](Self::fast_payload) is `Some(t)` exactly when every callback is sync and takes
/// `&t`, and then [`fast_calls`](Self::fast_calls)`()[i]` is the function of
/// [`callbacks`](Self::callbacks)`()[i]`; otherwise `fast_calls()` is empty.
///
/// Second invariant, also established by [`Plan::new`]: [`plain_calls`](Self::plain_calls) is
/// not empty exactly when `fast_payload` is `Some` and every callback returns `()` (every
/// `fast_calls()[i]` is a `SyncCall::Plain`), and then `plain_calls()[i]` is that user's function:
/// it takes the same `&t` as `fast_calls()[i]`, does what it does, and cannot fail (only panic).
///
/// Third: [`fast_key`](Self::fast_key) is `t` when `fast_payload` is `Some(t)`, and otherwise the
/// `TypeId` of a private type that no trigger passes as its payload, so that the fast path's test
/// is one comparison.
///
/// Fourth: [`runner`](Self::runner) walks `plain_calls()` when it is not empty and `fast_calls()`
/// otherwise, and was made for their length (see [`runner::choose`]).
pub(crate) struct Plan {
    callbacks: Vec<&'static Callback>,
    fast_payload: Option<TypeId>,
    fast_calls: Vec<SyncCall>,
    plain_calls: Vec<PlainFn>,
    fast_key: TypeId,
    /// The buffer `trigger_async!` makes the async callbacks' futures in: room for the largest
    /// one, and for the largest batch of consecutive equal-priority async callbacks side by side.
    room: Room,
    runner: Runner,
}

/// The [`Plan::fast_key`] of a plan without a fast path: private, so never a trigger's payload.
struct NoFastPath;

impl Plan {
    /// The plan of `callbacks`, which are in execution order.
    pub(crate) fn new(callbacks: Vec<&'static Callback>) -> Plan {
        let mut types = callbacks.iter().map(|c| c.payload_type_id());
        let first = types.next();
        let sync_calls: Option<Vec<SyncCall>> = callbacks.iter().map(|c| c.invoke().sync_call()).collect();
        let fast_payload = first.filter(|first| sync_calls.is_some() && types.all(|t| t == *first));
        let fast_calls = match fast_payload {
            Some(_) => sync_calls.unwrap_or_default(),
            None => Vec::new(),
        };
        let plain_calls =
            fast_calls.iter().map(|call| call.plain()).collect::<Option<Vec<PlainFn>>>().unwrap_or_default();
        let fast_key = fast_payload.unwrap_or(TypeId::of::<NoFastPath>());
        let room = room(&callbacks);
        let runner = runner::choose(&plain_calls, &fast_calls);
        Plan { callbacks, fast_payload, fast_calls, plain_calls, fast_key, room, runner }
    }

    /// The room the plan's async callbacks need, one at a time or in concurrent batches.
    #[inline(always)]
    pub(crate) fn room(&self) -> Room {
        self.room
    }

    /// The function that runs the fast path: call it with a [`Frame`] of this plan whose payload
    /// is of the plan's [`fast_payload`](Self::fast_payload) type.
    #[inline(always)]
    pub(crate) fn runner(&self) -> Runner {
        self.runner
    }

    /// The callbacks, in execution order.
    #[inline(always)]
    pub(crate) fn callbacks(&self) -> &[&'static Callback] {
        &self.callbacks
    }

    /// The payload type every callback takes, when every callback is sync and they agree.
    #[inline(always)]
    pub(crate) fn fast_payload(&self) -> Option<TypeId> {
        self.fast_payload
    }

    /// The fast payload type, or the `TypeId` of a private type that no trigger passes: a trigger
    /// whose payload type is the key may take the fast path.
    #[inline(always)]
    pub(crate) fn fast_key(&self) -> TypeId {
        self.fast_key
    }

    /// The callbacks' sync functions side by side, when [`fast_payload`](Self::fast_payload) is
    /// `Some`; empty otherwise.
    #[inline(always)]
    pub(crate) fn fast_calls(&self) -> &[SyncCall] {
        &self.fast_calls
    }

    /// The callbacks' functions that return nothing, side by side, when every callback is in
    /// [`fast_calls`](Self::fast_calls) and returns `()`; empty otherwise.
    #[inline(always)]
    pub(crate) fn plain_calls(&self) -> &[PlainFn] {
        &self.plain_calls
    }
}

/// The largest future, and the largest batch of consecutive async callbacks of one priority.
fn room(callbacks: &[&'static Callback]) -> Room {
    let mut room = Room::NONE;
    let mut rest = callbacks;
    while let Some(first) = rest.first() {
        let batch = match first.invoke().future_layout() {
            Some(_) => rest.iter().take_while(|c| c.is_async() && c.priority == first.priority).count(),
            None => 1,
        };
        let layouts = rest[..batch].iter().filter_map(|c| c.invoke().future_layout());
        room = room.max(Room::packed(layouts));
        rest = &rest[batch..];
    }
    room
}

#[cfg(test)]
mod tests {
    use std::any::TypeId;

    use super::Plan;
    use crate::Callback;
    use crate::adapter::SyncCall;

    #[crate::hook_callback("plan_test_sync")]
    fn takes_u8(_: &u8) {}

    #[crate::hook_callback("plan_test_sync")]
    fn takes_u8_too(_: &u8) -> Result<(), String> {
        Ok(())
    }

    #[crate::hook_callback("plan_test_plain")]
    fn plain_u8(_: &u8) {}

    #[crate::hook_callback("plan_test_plain", priority = 20)]
    fn plain_u8_too(_: &u8) {}

    #[crate::hook_callback("plan_test_mixed_types")]
    fn takes_u16(_: &u16) {}

    #[crate::hook_callback("plan_test_async")]
    async fn awaits(_: &u8) {}

    fn callbacks(hook: &str) -> Vec<&'static Callback> {
        crate::backend::callbacks().filter(|c| c.hook() == hook).collect()
    }

    #[test]
    fn sync_callbacks_of_one_type_get_a_fast_array_in_callback_order() {
        let plan = Plan::new(callbacks("plan_test_sync"));
        assert_eq!(plan.fast_payload(), Some(TypeId::of::<u8>()));
        let expected: Vec<_> = plan.callbacks().iter().map(|c| c.invoke().sync_call().unwrap().address()).collect();
        let fast: Vec<_> = plan.fast_calls().iter().map(|f| f.address()).collect();
        assert_eq!(fast, expected);
    }

    #[test]
    fn callbacks_that_all_return_unit_get_a_plain_array_in_callback_order() {
        let mut in_order = callbacks("plan_test_plain");
        in_order.sort_by_key(|c| c.priority());
        let plan = Plan::new(in_order);
        assert_eq!(plan.fast_payload(), Some(TypeId::of::<u8>()));
        assert_eq!(plan.fast_calls().len(), 2);
        let expected: Vec<_> = plan
            .callbacks()
            .iter()
            .map(|c| c.invoke().sync_call().and_then(SyncCall::plain).unwrap() as usize)
            .collect();
        let plain: Vec<_> = plan.plain_calls().iter().map(|&f| f as usize).collect();
        assert_eq!(plain, expected);
        // SAFETY: the plan's callbacks take `&u8`.
        unsafe { plan.plain_calls()[0](&7_u8 as *const u8 as *const ()) };
    }

    #[test]
    fn one_fallible_callback_leaves_no_plain_array() {
        let mut plan = callbacks("plan_test_plain");
        plan.extend(callbacks("plan_test_sync"));
        let plan = Plan::new(plan);
        assert_eq!(plan.fast_calls().len(), 4);
        assert!(plan.plain_calls().is_empty());
    }

    #[test]
    fn mixed_payload_types_or_an_async_callback_leave_no_fast_array() {
        let mut mixed = callbacks("plan_test_sync");
        mixed.extend(callbacks("plan_test_mixed_types"));
        let mut with_async = callbacks("plan_test_sync");
        with_async.extend(callbacks("plan_test_async"));
        for plan in [Plan::new(mixed), Plan::new(with_async), Plan::new(Vec::new())] {
            assert_eq!(plan.fast_payload(), None);
            assert_eq!(plan.fast_key(), TypeId::of::<super::NoFastPath>());
            assert!(plan.fast_calls().is_empty());
            assert!(plan.plain_calls().is_empty());
        }
    }
}
