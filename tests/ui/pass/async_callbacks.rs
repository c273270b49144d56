//! Async callbacks of every supported shape, and `trigger_async!` futures that are `Send`
//! whenever the payload is `Sync`, so they can be spawned on a multi-threaded executor.

use std::future::Future;

use hooks_core::{hook_callback, trigger_async};

struct UserCreated {
    id: u64,
}

#[hook_callback("user_created", priority = 1)]
async fn plain(user: &UserCreated) {
    let _ = user.id;
}

#[hook_callback("user_created", priority = 2, context = "wallet")]
async fn fallible(user: &UserCreated) -> Result<(), String> {
    if user.id == 0 { Err("no id".into()) } else { Ok(()) }
}

#[hook_callback("user_created", priority = 3)]
async fn io_result(_: &UserCreated) -> std::io::Result<()> {
    Ok(())
}

fn require_send<F: Future + Send>(future: F) -> F {
    future
}

async fn handler(user: UserCreated) -> usize {
    let report = trigger_async!("user_created", &user, context = "wallet").await;
    let concurrent = trigger_async!("user_created", user, concurrent = true).await;
    report.ran() + concurrent.ran()
}

fn main() {
    let user = UserCreated { id: 1 };
    let _ = require_send(trigger_async!("user_created", user));
    let _ = require_send(handler(UserCreated { id: 2 }));
    let _ = require_send(hooks_core::registry().trigger_async("user_created", &user));
    let _still_callable = plain(&user);
}
