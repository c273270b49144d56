use hooks_core::hook_callback;

#[hook_callback("user_created")]
struct UserCreated {
    name: String,
}

fn main() {
    let user = UserCreated { name: String::new() };
    let _ = user.name;
}
