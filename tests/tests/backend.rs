//! The collection backend the tests were built with. CI runs the suite under each backend and
//! sets `HOOKS_EXPECT_BACKEND`, so a run that silently used the other backend fails here.

#[test]
fn the_expected_backend_collected_the_records() {
    #[hooks_core::hook_callback("backend_probe")]
    fn probe(_: &()) {}

    assert_eq!(hooks_core::trigger!("backend_probe", ()).ran(), 1);
    match std::env::var("HOOKS_EXPECT_BACKEND") {
        Ok(expected) => assert_eq!(hooks_core::BACKEND, expected),
        Err(_) => assert!(["inventory", "linkme"].contains(&hooks_core::BACKEND)),
    }
}
