use hooks_core::hook_callback;

pub struct UserCreated {
    pub id: i64,
}

#[hook_callback("user_created", durable)]
async fn open_wallet(_: &UserCreated, _: &mut hooks_durable::Job<'_>) {}

fn main() {}
