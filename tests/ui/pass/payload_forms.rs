//! The payload of `trigger!` may be a value, a reference, or any expression of either type; it is
//! never moved.

use std::sync::atomic::{AtomicUsize, Ordering};

use hooks_core::{hook_callback, trigger};

static CALLS: AtomicUsize = AtomicUsize::new(0);

struct Order {
    id: u64,
}

#[hook_callback("payload_forms_order")]
fn on_order(order: &Order) {
    assert_eq!(order.id, 42);
    CALLS.fetch_add(1, Ordering::Relaxed);
}

#[hook_callback("payload_forms_text")]
fn on_text(text: &String) {
    assert_eq!(text, "hello");
    CALLS.fetch_add(1, Ordering::Relaxed);
}

fn main() {
    let x = Order { id: 42 };
    assert_eq!(trigger!("payload_forms_order", &x).ran(), 1);
    assert_eq!(trigger!("payload_forms_order", x).ran(), 1);
    assert_eq!(trigger!("payload_forms_order", std::hint::black_box(&x)).ran(), 1);
    assert_eq!(trigger!("payload_forms_order", Order { id: 42 }).ran(), 1);
    assert_eq!(x.id, 42); // not moved

    let text = String::from("hello");
    assert_eq!(trigger!("payload_forms_text", text).ran(), 1);
    assert_eq!(trigger!("payload_forms_text", &text).ran(), 1);
    assert_eq!(trigger!("payload_forms_text", std::hint::black_box(&text)).ran(), 1);
    println!("{text}"); // not moved

    assert_eq!(CALLS.load(Ordering::Relaxed), 7);
}
