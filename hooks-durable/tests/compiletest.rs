//! Compile errors of durable callbacks that need hooks-durable to expand. Regenerate the `.stderr`
//! files with `TRYBUILD=overwrite cargo test -p hooks-durable --test compiletest`.

#[rustversion::attr(
    not(stable(1.95)),
    ignore = "compiler messages differ between Rust releases; the .stderr files were recorded with Rust 1.95"
)]
#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
