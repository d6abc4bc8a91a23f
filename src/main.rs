//! The `archboard` program: the app window, or a command without one.

use std::process::ExitCode;

use clap::Parser;

use archboard::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let practice = matches!(args.command, Some(cli::Command::Practice));
    match args.command {
        Some(command) if !practice => cli::run(command),
        _ => match archboard::ui::run(args.file, practice) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                archboard::console::tell(&format!("cannot open a window: {e}"));
                ExitCode::from(2)
            }
        },
    }
}

/// mimalloc keeps freed memory for the next frame instead of handing it back to the system and
/// faulting it in again: frames of large boards run about twice as fast with it (benches/board.rs).
/// Its 2.x line without transparent huge pages (Cargo.toml) keeps the least: 56 MiB with a
/// 10,000-node board against 98 MiB for 3.x with huge pages, at the same frame times.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
