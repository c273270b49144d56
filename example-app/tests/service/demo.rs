//! The demo command itself: the built binary, run without arguments.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn the_demo_runs_and_exits_0() {
    let output = Command::new(env!("CARGO_BIN_EXE_example-app")).env_remove("DATABASE_URL").output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "exit {:?}\n{stdout}\n{stderr}", output.status);
    assert!(!stdout.contains('\x1b'), "no colour when stdout is not a terminal");
    let position = |text: &str| stdout.find(text).unwrap_or_else(|| panic!("{text:?} missing from\n{stdout}"));
    // The registration's trigger, then the jobs it enqueued and each job run by a worker, its
    // callback's line showing its module (the callback's context) and hook. Workers may start
    // before the demo lists the jobs, and durable callbacks have no order between them.
    let trigger = position("trigger user_created");
    let enqueued = position("jobs enqueued with the user");
    assert!(trigger < enqueued && enqueued < position("waiting for the workers"), "{stdout}");
    for line in [
        "worker runs job of example_app::wallet::open_wallet (attempt 1)",
        "worker runs job of example_app::communications::send_welcome (attempt 1)",
        "worker runs job of example_app::transactions::record_opening (attempt 1)",
        "-> wallet          user_created       opened wallet",
        "-> communications  user_created       sent welcome notification",
        "-> transactions    wallet_opened      recorded opening transaction",
    ] {
        assert!(position(line) > trigger, "{line}: {stdout}");
    }
    position("the registration's 3 jobs completed");
    assert!(!stdout.contains("callback finished"), "hooks-core's own debug events are not printed");
    let lines = [
        "1 wallet(s)",
        "1 welcome notification(s)",
        "2 ledger line(s)",
        "1 receipt(s)",
        "registry dump",
        "demo passed",
    ];
    for line in lines {
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
    for command in ["demo", "serve", "worker", "hooks"] {
        assert!(help.contains(command), "{help}");
    }
    let serve = Command::new(env!("CARGO_BIN_EXE_example-app")).args(["serve", "--help"]).output().expect("runs");
    let serve = String::from_utf8_lossy(&serve.stdout);
    for option in
        ["--addr", "--database", "DATABASE_URL", "--debug-endpoints", "127.0.0.1:8081", "--workers", "--no-workers"]
    {
        assert!(serve.contains(option), "{serve}");
    }
    let worker = Command::new(env!("CARGO_BIN_EXE_example-app")).args(["worker", "--help"]).output().expect("runs");
    let worker = String::from_utf8_lossy(&worker.stdout);
    for option in ["--database", "DATABASE_URL", "--workers"] {
        assert!(worker.contains(option), "{worker}");
    }
}

/// Sends SIGTERM to `child` and waits (with a timeout) for it to exit; its exit status.
fn terminate(child: &mut std::process::Child) -> std::process::ExitStatus {
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill runs");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        assert!(Instant::now() < deadline, "no exit within 30 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Starts the binary with `args` and waits for its first stdout line (it is ready then).
fn spawn_ready(args: &[&str]) -> (std::process::Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_example-app"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .expect("starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("first line");
    (child, line)
}

#[cfg(unix)]
#[test]
fn serve_without_workers_and_a_worker_process_stop_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let database = format!("sqlite:{}", dir.path().join("roles.db").display());
    let (mut api, line) = spawn_ready(&["serve", "--addr", "127.0.0.1:0", "--database", &database, "--no-workers"]);
    assert!(line.contains("listening on http://127.0.0.1:"), "{line}");
    let (mut worker, line) = spawn_ready(&["worker", "--database", &database, "--workers", "3"]);
    assert!(line.contains("worker running 3 job(s)"), "{line}");
    assert!(terminate(&mut worker).success(), "the worker exits 0 on SIGTERM");
    assert!(terminate(&mut api).success(), "the API-only server exits 0 on SIGTERM");
}
