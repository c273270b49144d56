//! Fallible callbacks: `Result<(), E>` spelled directly and through type aliases.

use hooks_core::{hook_callback, trigger};

type Outcome = Result<(), &'static str>;

#[hook_callback("results_checked", priority = 1)]
fn io_alias(_: &u32) -> std::io::Result<()> {
    Ok(())
}

#[hook_callback("results_checked", priority = 2)]
fn string_error(_: &u32) -> Result<(), String> {
    Ok(())
}

#[hook_callback("results_checked", priority = 3)]
fn fmt_alias(_: &u32) -> std::fmt::Result {
    Ok(())
}

#[hook_callback("results_checked", priority = 4)]
fn local_alias(value: &u32) -> Outcome {
    if *value == 0 { Err("zero") } else { Ok(()) }
}

#[hook_callback("results_checked", priority = 5)]
fn boxed_error(_: &u32) -> Result<(), Box<dyn std::error::Error>> {
    Ok(())
}

fn main() {
    let report = trigger!("results_checked", 1_u32);
    assert!(report.is_ok());
    assert_eq!(report.ran(), 5);

    let report = trigger!("results_checked", 0_u32);
    assert_eq!(report.ran(), 5);
    assert!(!report.is_ok());

    // Still ordinary functions.
    io_alias(&1).unwrap();
    string_error(&1).unwrap();
    fmt_alias(&1).unwrap();
    assert_eq!(local_alias(&0), Err("zero"));
    boxed_error(&1).unwrap();
}
