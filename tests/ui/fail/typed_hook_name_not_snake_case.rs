hooks_core::declare_hook! {
    pub UserCreated: u64;
}

fn main() {}
