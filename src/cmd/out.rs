//! The terminal: everything a command writes on standard output or standard error goes
//! through here, after the terminal layer ([`crate::escape::terminal::shown`]): what the
//! content says is shown, never run, and only our own colours are applied. JSON goes
//! through its own layer ([`print_json`]), CSV through its ([`print_exact`]). A closed
//! pipe (`codesocial check | head`) is not an error.

use std::io::Write;
use std::sync::Mutex;

/// Writes `text` on standard output.
pub fn print(text: &str) {
    write_out(&crate::escape::terminal::shown(text));
}

/// Like [`print`], with a newline.
pub fn println(text: &str) {
    print(&format!("{text}\n"));
}

/// `value` as pretty JSON and a newline, every control character a `\uXXXX` escape
/// ([`crate::escape::json::pretty`]).
pub fn print_json(value: &impl serde::Serialize) {
    write_out(&format!("{}\n", crate::escape::json::pretty(value)));
}

/// Text already made safe by its own channel's layer (CSV), written as it is.
pub fn print_exact(text: &str) {
    write_out(text);
}

/// Standard error's [`print`].
pub fn eprint(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(crate::escape::terminal::shown(text).as_bytes());
}

/// Like [`eprint`], with a newline.
pub fn eprintln(text: &str) {
    eprint(&format!("{text}\n"));
}

/// Prints each line on standard error once per process, unless `quiet`: `serve` loads
/// the ecosystem on every rebuild, and says what it notices once.
pub fn eprintln_once(lines: &[String], quiet: bool) {
    static PRINTED: Mutex<Vec<String>> = Mutex::new(Vec::new());
    if quiet {
        return;
    }
    let Ok(mut printed) = PRINTED.lock() else {
        return;
    };
    for line in lines {
        if !printed.contains(line) {
            eprintln(line);
            printed.push(line.clone());
        }
    }
}

fn write_out(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
