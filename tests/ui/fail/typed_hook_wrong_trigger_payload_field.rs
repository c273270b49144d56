struct OrderPlaced {
    id: u64,
}

hooks_core::declare_hook! {
    /// An order was placed.
    pub order_placed: OrderPlaced;
}

fn main() {
    let order = OrderPlaced { id: 7 };
    let _ = hooks_core::trigger!(order_placed, order.id);
}
