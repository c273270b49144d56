//! What one trigger runs: a hook's callbacks for one context, in execution order.

use std::any::TypeId;

use crate::Callback;
use crate::adapter::SyncFn;
use crate::in_place::Room;

/// The callbacks one trigger runs, in order, and, when they allow it, the array the fast path
/// walks.
///
/// Invariant, established by [`Plan::new`] and relied on by `unsafe` code in the dispatchers:
/// [`fast_payload`](Self::fast_payload) is `Some(t)` exactly when every callback is sync and takes
/// `&t`, and then [`fast_calls`](Self::fast_calls)`()[i]` is the function of
/// [`callbacks`](Self::callbacks)`()[i]`; otherwise `fast_calls()` is empty.
pub(crate) struct Plan {
    callbacks: Vec<&'static Callback>,
    fast_payload: Option<TypeId>,
    fast_calls: Vec<SyncFn>,
    /// The buffer `trigger_async!` makes the async callbacks' futures in: room for the largest
    /// one, and for the largest batch of consecutive equal-priority async callbacks side by side.
    room: Room,
}

impl Plan {
    /// The plan of `callbacks`, which are in execution order.
    pub(crate) fn new(callbacks: Vec<&'static Callback>) -> Plan {
        let mut types = callbacks.iter().map(|c| c.payload_type_id());
        let first = types.next();
        let sync_calls: Option<Vec<SyncFn>> = callbacks.iter().map(|c| c.invoke().sync_fn()).collect();
        let fast_payload = first.filter(|first| sync_calls.is_some() && types.all(|t| t == *first));
        let fast_calls = match fast_payload {
            Some(_) => sync_calls.unwrap_or_default(),
            None => Vec::new(),
        };
        let room = room(&callbacks);
        Plan { callbacks, fast_payload, fast_calls, room }
    }

    /// The room the plan's async callbacks need, one at a time or in concurrent batches.
    #[inline(always)]
    pub(crate) fn room(&self) -> Room {
        self.room
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

    /// The callbacks' sync functions side by side, when [`fast_payload`](Self::fast_payload) is
    /// `Some`; empty otherwise.
    #[inline(always)]
    pub(crate) fn fast_calls(&self) -> &[SyncFn] {
        &self.fast_calls
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

    #[crate::hook_callback("plan_test_sync")]
    fn takes_u8(_: &u8) {}

    #[crate::hook_callback("plan_test_sync")]
    fn takes_u8_too(_: &u8) -> Result<(), String> {
        Ok(())
    }

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
        let expected: Vec<_> = plan.callbacks().iter().map(|c| c.invoke().sync_fn().unwrap() as usize).collect();
        let fast: Vec<_> = plan.fast_calls().iter().map(|&f| f as usize).collect();
        assert_eq!(fast, expected);
    }

    #[test]
    fn mixed_payload_types_or_an_async_callback_leave_no_fast_array() {
        let mut mixed = callbacks("plan_test_sync");
        mixed.extend(callbacks("plan_test_mixed_types"));
        let mut with_async = callbacks("plan_test_sync");
        with_async.extend(callbacks("plan_test_async"));
        for plan in [Plan::new(mixed), Plan::new(with_async), Plan::new(Vec::new())] {
            assert_eq!(plan.fast_payload(), None);
            assert!(plan.fast_calls().is_empty());
        }
    }
}
