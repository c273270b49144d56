//! Not public API. Used by generated code.
//!
//! What `#[hook_callback(hook, durable)]` and `trigger_async!(hook, &payload, tx = &mut tx)`
//! expand to: re-exports and tiny helpers only.

use hooks_core::__private::CallbackReturn;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Not public API. Used by generated code.
pub use std::boxed::Box;

/// Not public API. Used by generated code.
pub use crate::run::Runner;
/// Not public API. Used by generated code.
pub use crate::trigger::{TxRef, trigger};

/// Not public API. Used by generated code: decodes a job's payload. Its bound is the one that
/// reports a payload that cannot be stored, once, on the callback's parameter.
pub fn decode<T: DurablePayload>(json: &str) -> Result<T, String> {
    T::decode(json).map_err(|error| format!("the payload does not decode as `{}`: {error}", std::any::type_name::<T>()))
}

/// Not public API. Used by generated code: a durable callback's return value as a job outcome.
/// A durable callback has no trigger to stop: `ControlFlow::Break` completes its job.
pub fn outcome<R: CallbackReturn>(result: R) -> Result<(), String> {
    match result.into_outcome() {
        Ok(()) => Ok(()),
        Err(halt) => halt.into_error().map_or(Ok(()), Err),
    }
}

/// Not public API. Used by generated code: what a durable callback's payload must be.
#[diagnostic::on_unimplemented(
    message = "the payload of a durable callback must be serializable: `{Self}` must implement `Serialize`, `DeserializeOwned`, `Send` and `Sync`",
    label = "`{Self}` cannot be stored in a job",
    note = "a durable callback runs later, maybe in another process: its payload is stored as JSON in the job"
)]
pub trait DurablePayload: Sized {
    /// Not public API.
    fn decode(json: &str) -> Result<Self, serde_json::Error>;
}

// `do_not_recommend`: a payload that misses several of the bounds gets the one message above,
// not one error per missing bound.
#[diagnostic::do_not_recommend]
impl<T: Serialize + DeserializeOwned + Send + Sync + 'static> DurablePayload for T {
    fn decode(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }
}

/// Not public API. Used by generated code: fails to compile, on the callback's parameter, when
/// its payload type cannot be stored in a job.
///
/// ```compile_fail
/// struct NotSerializable;
/// const _: () = hooks_durable::__private::assert_durable_payload::<NotSerializable>();
/// ```
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct UserCreated {
///     id: i64,
/// }
/// const _: () = hooks_durable::__private::assert_durable_payload::<UserCreated>();
/// ```
pub const fn assert_durable_payload<T: DurablePayload>() {}
