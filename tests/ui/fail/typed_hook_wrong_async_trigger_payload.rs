struct UserCreated;

hooks_core::declare_hook! {
    /// A user was stored.
    pub user_created: UserCreated;
}

fn main() {
    let _future = hooks_core::trigger_async!(user_created, &"ada");
}
