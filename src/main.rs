//! The `archboard` program: the app window, or a command without one.

use std::process::ExitCode;

use clap::Parser;

use archboard::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => match archboard::ui::run(args.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("archboard: cannot open a window: {e}");
                ExitCode::from(2)
            }
        },
    }
}
