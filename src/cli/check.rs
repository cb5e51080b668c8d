//! `vitae check`: loads and validates profiles without rendering. A profile whose loading
//! panics (a bug) fails alone; the others are still checked.

use std::path::PathBuf;

use clap::Args;

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, inputs, panics, report, report_error};

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
        let loaded = panics::catch(|| {
            panics::test_hook(file);
            vitae::load_profile(file)
        });
        match loaded {
            Ok(Ok(_)) => println!("ok: {}", file.display()),
            Ok(Err(e)) => {
                report(&vitae::Error::Profile(e));
                failed = true;
            }
            Err(panic) => {
                report_error(&format!("{}: {panic}", file.display()), None);
                failed = true;
            }
        }
    }
    if failed { EXIT_FAILED } else { EXIT_OK }
}
