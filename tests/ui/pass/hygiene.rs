//! Generated code must not depend on names the user's crate can shadow: every path it emits is
//! absolute (`::hooks_core::__private::...`).

#![allow(dead_code, non_camel_case_types, non_snake_case, non_upper_case_globals, unused_macros)]

struct Option;
struct Result;
struct Some;
struct None;
struct Ok;
struct Err;
struct str;
struct String;
struct Box;
struct Vec;
struct Fn;
struct Display;
struct Callback;
struct TriggerReport;

mod core {}
mod std {}
mod alloc {}
mod inventory {}
mod hooks_core {}

macro_rules! concat {
    ($($tt:tt)*) => {
        compile_error!("the user's `concat!` was used")
    };
}
macro_rules! stringify {
    ($($tt:tt)*) => {
        compile_error!("the user's `stringify!` was used")
    };
}
macro_rules! file {
    () => {
        compile_error!("the user's `file!` was used")
    };
}
macro_rules! line {
    () => {
        compile_error!("the user's `line!` was used")
    };
}
macro_rules! module_path {
    () => {
        compile_error!("the user's `module_path!` was used")
    };
}

struct Payload(u32);

::hooks_core::declare_hook!(
    /// A hook declared next to shadowed names.
    "hygiene_checked", Payload
);

::hooks_core::declare_hook!("hygiene_untyped");

#[::hooks_core::hook_callback("hygiene_checked", priority = 1)]
fn plain(payload: &Payload) {
    assert_eq!(payload.0, 7);
}

#[::hooks_core::hook_callback("hygiene_checked", priority = 2, context = "ctx")]
fn fallible(payload: &Payload) -> ::std::result::Result<(), ::std::string::String> {
    if payload.0 == 7 { ::std::result::Result::Ok(()) } else { ::std::result::Result::Err("not seven".into()) }
}

#[::hooks_core::hook_callback("hygiene_checked")]
fn unit_return(_: &Payload) -> () {}

// A callback whose name is the generated code's parameter name.
#[::hooks_core::hook_callback("hygiene_named_payload")]
fn payload(payload: &Payload) -> ::std::result::Result<(), &'static ::core::primitive::str> {
    if payload.0 == 7 { ::std::result::Result::Ok(()) } else { ::std::result::Result::Err("not seven") }
}

fn main() {
    let payload = Payload(7);
    let report = ::hooks_core::trigger!("hygiene_checked", payload);
    assert!(report.is_ok());
    assert_eq!(report.ran(), 3);
    let report = ::hooks_core::trigger!("hygiene_checked", &payload, context = "ctx");
    assert_eq!(report.ran(), 3);
    let report = ::hooks_core::trigger!("hygiene_checked", &payload, context = "other");
    assert_eq!(report.ran(), 2);
    assert!(::hooks_core::trigger!("hygiene_named_payload", Payload(7)).is_ok());
    assert!(::hooks_core::trigger!("hygiene_untyped", 1_u8).hook_known());
    assert!(::hooks_core::registry().validate().is_clean());
}
