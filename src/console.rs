//! Writing to standard output and standard error without ever panicking.
//!
//! `println!` panics when the output is a full disk or a closed pipe (`archboard check … | head`).
//! Everything the program prints goes through [`print()`] (results, whose failure matters) or
//! [`tell`] (messages, whose failure has nowhere left to be reported). Clippy's `print_stdout`
//! and `print_stderr` lints keep it that way.

use std::io::{ErrorKind, Write};

/// Why standard output could not take the text.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The reader went away (`| head`): the program should end quietly, as command-line tools do.
    #[error("the reader of standard output has gone")]
    Closed,
    /// Any other failure (a full disk): worth one line naming what could not be written.
    #[error("cannot write to standard output: {0}")]
    Failed(std::io::Error),
}

/// Writes `text` to standard output and flushes it.
pub fn print(text: &str) -> Result<(), OutputError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(|e| {
        if e.kind() == ErrorKind::BrokenPipe {
            OutputError::Closed
        } else {
            OutputError::Failed(e)
        }
    })
}

/// Writes `archboard: {line}` to standard error; if even that fails there is nobody to tell.
pub fn tell(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "archboard: {line}");
}
