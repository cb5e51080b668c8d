//! The `vitae` command: parses arguments, runs one command, prints errors and maps them to exit
//! codes (0 all good, 1 an input could not be rendered, 2 usage or configuration error).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
