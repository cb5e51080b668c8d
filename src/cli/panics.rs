//! Panics inside one input's job: caught and turned into an error for that input, so a batch
//! survives any one input, and kept quiet (no default message, no backtrace) so the only
//! output is the job's own `error:` line. Panics outside a job keep Rust's default report.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

thread_local! {
    /// Whether this thread is running a job whose panics are caught.
    static IN_JOB: Cell<bool> = const { Cell::new(false) };
    /// Where the panic being caught on this thread happened (`file:line:column`).
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic caught in a job: a bug in vitae, reported with the input that triggered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panic {
    /// The panic's message.
    pub message: String,
    /// Where in vitae's source it happened, when known.
    pub location: Option<String>,
}

impl fmt::Display for Panic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal error: {}", self.message)?;
        if let Some(at) = &self.location {
            write!(f, " at {at}")?;
        }
        f.write_str(" (this is a bug in vitae; please report it with the input)")
    }
}

/// Installs the process's panic hook: silent inside a job (it only notes where the panic
/// happened, for the error line), Rust's default everywhere else.
pub fn install_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if IN_JOB.with(Cell::get) {
            let at = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
            LOCATION.with(|l| *l.borrow_mut() = at);
        } else {
            default(info);
        }
    }));
}

/// Runs one job, turning a panic into a [`Panic`]. The job's state is dropped with it; shared
/// caches recover from poisoned locks, so the next job is unaffected.
pub fn catch<T>(job: impl FnOnce() -> T) -> Result<T, Panic> {
    let outer = IN_JOB.with(|f| f.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(job));
    IN_JOB.with(|f| f.set(outer));
    result.map_err(|payload| Panic {
        message: message_of(payload.as_ref()),
        location: LOCATION.with(|l| l.borrow_mut().take()),
    })
}

/// Returns the message a panic was raised with.
fn message_of(payload: &(dyn Any + Send)) -> String {
    match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
        (Some(s), _) => (*s).to_owned(),
        (_, Some(s)) => s.clone(),
        _ => "a panic without a message".to_owned(),
    }
}

/// Panics when the input's path contains `VITAE_TEST_PANIC`. It exists so the tests can check
/// that a batch survives a panicking input without depending on a real bug (each known one gets
/// fixed); compiled into debug builds only, so a release binary never reads the variable.
#[cfg(debug_assertions)]
pub fn test_hook(input: &Path) {
    let Ok(needle) = std::env::var("VITAE_TEST_PANIC") else { return };
    if !needle.is_empty() && input.to_string_lossy().contains(&needle) {
        panic!("VITAE_TEST_PANIC matched {}", input.display());
    }
}

/// Does nothing: release builds have no test hook (see the debug version).
#[cfg(not(debug_assertions))]
pub fn test_hook(_input: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_location() {
        install_hook();
        let caught = catch(|| -> u8 { panic!("boom {}", 7) }).unwrap_err();
        assert_eq!(caught.message, "boom 7");
        assert!(
            caught.location.as_deref().is_some_and(|l| l.starts_with("src/cli/panics.rs:")),
            "{caught:?}"
        );
        assert_eq!(catch(|| 3), Ok(3));
        assert!(caught.to_string().starts_with("internal error: boom 7 at src/cli/panics.rs:"));
    }
}
