struct UserCreated;

#[hooks_core::hook_callback(UserCreated)]
fn open_wallet(_: &UserCreated) {}

fn main() {
    open_wallet(&UserCreated);
}
