struct UserCreated;
struct OrderPlaced;

hooks_core::declare_hook! {
    /// A user was stored.
    pub user_created: UserCreated;
}

#[hooks_core::hook_callback(user_created)]
fn open_wallet(_: &OrderPlaced) {}

fn main() {
    open_wallet(&OrderPlaced);
}
