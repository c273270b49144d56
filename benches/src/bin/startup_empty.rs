//! Startup baseline of the `startup` benchmark: links hooks-core but registers nothing, and exits
//! at once. With the argument `registry` it also builds the (empty) registry first, as the first
//! `trigger!` of a program would.

fn main() {
    if std::env::args().nth(1).as_deref() == Some("registry") {
        std::hint::black_box(hooks_core::registry().callbacks().count());
    }
    std::hint::black_box(hooks_core::BACKEND);
}
