//! Error and warning lines on stderr, one per message, prefixed `oppdrag: `.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Hides per-file messages (`--no-messages`); the exit code still says.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Prints a per-file error unless `--no-messages` was given.
pub fn file_error(message: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        error(message);
    }
}

/// Prints one error line. Locks stderr so that lines never interleave.
pub fn error(message: &str) {
    let stderr = std::io::stderr();
    let mut lock = stderr.lock();
    let _ = writeln!(lock, "oppdrag: {message}");
}

/// Prints one warning line unless `--no-messages` was given.
pub fn warning(message: &str) {
    file_error(&format!("warning: {message}"));
}

/// Reports whether an error chain ends in a broken pipe (`oppdrag ... | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
