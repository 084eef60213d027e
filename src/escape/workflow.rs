//! GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner
//! reads from standard output line by line. A message or a property that held a line
//! break would end the command and start another (`::add-mask::`, `::stop-commands::`…);
//! a property holding `,` or `:` would end its value. The encoding is the runner's own
//! (`@actions/core`, `command.ts`: `escapeData`, `escapeProperty`), which it decodes.

/// A command's message: `%`, CR and LF percent-encoded.
pub fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property's value (`file=`, `title=`): as [`data`], and `:` and `,` too.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_breaks_cannot_start_a_command() {
        assert_eq!(super::data("a\n::add-mask::x%"), "a%0A::add-mask::x%25");
        assert_eq!(super::property("a:b,c\r"), "a%3Ab%2Cc%0D");
    }
}
