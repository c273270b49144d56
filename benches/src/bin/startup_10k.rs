//! Startup with 10,000 registrations: the same `main` as `startup_empty`, plus the 10,000
//! callbacks (and 1,000 declarations) of `many-callbacks` linked in. With `inventory` each of
//! them is a constructor that runs before `main`; with `linkme` they are data in linker sections
//! and nothing runs. With the argument `registry` the registry is also built before exiting.

// Links the 10,000 registrations into this binary.
use many_callbacks as _;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("registry") {
        let count = hooks_core::registry().callbacks().count();
        assert_eq!(count, many_callbacks::CALLBACKS, "every record linked");
    }
    std::hint::black_box(hooks_core::BACKEND);
}
