// Every bad hook of a block is reported at once.
hooks_core::declare_hook! {
    pub UserCreated: u64;
    #[inline]
    pub order_placed: u64;
    pub Payment_Done: u64;
}

fn main() {}
