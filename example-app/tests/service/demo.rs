//! The demo command itself: the built binary, run without arguments.

use std::process::Command;

#[test]
fn the_demo_runs_and_exits_0() {
    let output = Command::new(env!("CARGO_BIN_EXE_example-app")).env_remove("DATABASE_URL").output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "exit {:?}\n{stdout}\n{stderr}", output.status);
    assert!(!stdout.contains('\x1b'), "no colour when stdout is not a terminal");
    let position = |text: &str| stdout.find(text).unwrap_or_else(|| panic!("{text:?} missing from\n{stdout}"));
    // Each callback's line shows its module (the callback's context) and hook, under its trigger.
    let trigger = position("trigger user_created");
    let wallet = position("-> wallet          user_created       opened wallet");
    let communications = position("-> communications  user_created       sent welcome notification");
    let transactions = position("-> transactions    user_created       recorded opening transaction");
    assert!(trigger < wallet && wallet < communications && communications < transactions, "{stdout}");
    assert!(!stdout.contains("callback finished"), "hooks-core's own debug events are not printed");
    for line in ["1 wallet(s)", "1 welcome notification(s)", "1 transaction(s)", "registry dump", "demo passed"] {
        position(line);
    }
    assert!(!stdout.contains("analytical-engine"), "the demo password is not shown");
}

#[test]
fn hooks_prints_the_registry_and_help_describes_the_commands() {
    let hooks = Command::new(env!("CARGO_BIN_EXE_example-app")).arg("hooks").output().expect("runs");
    assert!(hooks.status.success());
    let dump = String::from_utf8_lossy(&hooks.stdout);
    assert!(dump.contains("user_created") && dump.contains("example_app::wallet::open_wallet"), "{dump}");

    let help = Command::new(env!("CARGO_BIN_EXE_example-app")).arg("--help").output().expect("runs");
    assert!(help.status.success());
    let help = String::from_utf8_lossy(&help.stdout);
    for command in ["demo", "serve", "hooks"] {
        assert!(help.contains(command), "{help}");
    }
    let serve = Command::new(env!("CARGO_BIN_EXE_example-app")).args(["serve", "--help"]).output().expect("runs");
    let serve = String::from_utf8_lossy(&serve.stdout);
    for option in ["--addr", "--database", "DATABASE_URL", "--debug-endpoints", "127.0.0.1:8081"] {
        assert!(serve.contains(option), "{serve}");
    }
}
