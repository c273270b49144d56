//! Compile-fail and hygiene UI tests of the macros. Regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p hooks-tests --test compiletest`.

#[rustversion::attr(
    not(stable(1.95)),
    ignore = "compiler messages differ between Rust releases; the .stderr files were recorded with Rust 1.95"
)]
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
