struct UserCreated;

hooks_core::declare_hook! {
    /// A user was stored.
    pub user_created: UserCreated;
}

fn main() {
    let user_id = 7_u64;
    let _ = hooks_core::trigger!(user_created, user_id);
}
