//! `vitae check`: loads and validates profiles without rendering.

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, inputs, report, report_error};

/// Arguments of `vitae check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Profiles (YAML files) or folders of profiles.
    #[arg(required = true)]
    profiles: Vec<PathBuf>,
}

/// Checks each profile; prints `ok: FILE` or the error.
pub fn run(args: &CheckArgs) -> u8 {
    let files = match inputs::expand(&args.profiles) {
        Ok(f) => f,
        Err(e) => {
            report_error(&e, None);
            return EXIT_USAGE;
        }
    };
    let mut failed = false;
    for file in &files {
        match vitae::load_profile(file) {
            Ok(_) => println!("ok: {}", file.display()),
            Err(e) => {
                report(&vitae::Error::Profile(e));
                failed = true;
            }
        }
    }
    if failed { EXIT_FAILED } else { EXIT_OK }
}
