//! Writing to standard output. A reader that goes away (`asl validate f | head -1`) ends the
//! command quietly, with the status a shell gives a program SIGPIPE stopped (141), as Unix
//! tools do; `println!` would panic.

use std::io::{ErrorKind, Write};

/// Write `text` to standard output, or end the process if it cannot be written.
pub(crate) fn write(text: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(text).and_then(|()| stdout.flush()) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
        eprintln!("asl: cannot write the output: {e}");
        std::process::exit(2);
    }
}

/// `print!`, ending quietly when standard output's reader has gone.
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write(format_args!($($arg)*)) };
}

/// `println!`, ending quietly when standard output's reader has gone.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::output::write(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {out, outln};
