struct UserCreated;

hooks_core::declare_hook! {
    /// A user was stored.
    pub user_created: UserCreated;
}

fn main() {
    let _ = hooks_core::trigger!(user_craeted, UserCreated);
}
