struct UserCreated;

hooks_core::declare_hook! {
    /// A user was stored.
    pub user_created: UserCreated;
}

#[hooks_core::hook_callback(user_craeted, priority = 5)]
fn open_wallet(_: &UserCreated) {}

fn main() {
    open_wallet(&UserCreated);
}
