//! `example-app serve` as a child process: started on a database, ready once it printed its
//! address, killed with SIGKILL by a test, and killed when dropped (also when a test panics).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How long a process may take to print that it is listening.
const STARTUP: Duration = Duration::from_secs(60);

/// A running `example-app serve` process, with its stdout and stderr in files.
pub(crate) struct ServeProcess {
    child: Child,
    name: String,
    base: String,
    stdout: PathBuf,
    stderr: PathBuf,
}

impl ServeProcess {
    /// Starts `example-app serve` with workers on `database`, on an ephemeral port, and waits
    /// until it is listening. `name` is its host name (`HOSTNAME`), which River puts at the start
    /// of the process's client id (`<name>_<time>_<random>`), the id `river_job.attempted_by`
    /// and `river_leader.leader_id` hold. Its output goes to `<logs>/<name>.out` and `.err`.
    pub(crate) async fn start(database: &str, name: &str, logs: &Path) -> ServeProcess {
        let stdout = logs.join(format!("{name}.out"));
        let stderr = logs.join(format!("{name}.err"));
        let child = Command::new(env!("CARGO_BIN_EXE_example-app"))
            .args(["serve", "--addr", "127.0.0.1:0", "--database", database, "--workers", "2"])
            .env_remove("DATABASE_URL")
            .env("HOSTNAME", name)
            .env("RUST_LOG", "info,sqlx=warn")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(File::create(&stdout).expect("stdout file"))
            .stderr(File::create(&stderr).expect("stderr file"))
            .spawn()
            .expect("example-app starts");
        // From here on, a panic kills the child (Drop).
        let mut process = ServeProcess { child, name: name.to_owned(), base: String::new(), stdout, stderr };
        let deadline = Instant::now() + STARTUP;
        let line = loop {
            let out = std::fs::read_to_string(&process.stdout).unwrap_or_default();
            if let Some((line, _)) = out.split_once('\n') {
                break line.to_owned();
            }
            if let Some(status) = process.child.try_wait().expect("wait") {
                panic!("{name} exited before listening ({status}): {}", process.stderr_text());
            }
            assert!(Instant::now() < deadline, "{name} not listening after {STARTUP:?}: {}", process.stderr_text());
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        let addr = line.strip_prefix("credit system listening on http://").unwrap_or_else(|| panic!("{line}"));
        process.base = format!("http://{addr}");
        process
    }

    /// Its name (its `HOSTNAME`).
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// Whether the River client id `client_id` is this process's.
    pub(crate) fn owns(&self, client_id: &str) -> bool {
        client_id.strip_prefix(&self.name).is_some_and(|rest| rest.starts_with('_'))
    }

    /// `http://ADDR`, the address it listens on.
    pub(crate) fn base(&self) -> &str {
        &self.base
    }

    /// Kills it with SIGKILL (no shutdown of any kind) and reaps it; its exit status.
    pub(crate) fn kill(&mut self) -> ExitStatus {
        self.child.kill().expect("SIGKILL sent");
        self.child.wait().expect("killed process reaped")
    }

    /// What it wrote to stderr so far (its logs).
    pub(crate) fn stderr_text(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}
