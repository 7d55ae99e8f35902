//! Reading passphrases and recovery keys: from the terminal (never echoed), or from standard
//! input with `--passphrase-stdin` (one per line, in the order the command asks for them).

use attune_core::files::read_capped_from;
use zeroize::Zeroizing;

use crate::error::{CliError, CliResult};

/// The most read from standard input: secrets and a reflection's JSON or a contact card
/// after them. More is refused, not read into memory.
const MAX_STDIN_BYTES: usize = attune_core::journal::MAX_DRAFT_JSON_BYTES + 64 * 1024;

/// Standard input, whole, up to [`MAX_STDIN_BYTES`]; it must be UTF-8 text.
fn read_stdin() -> CliResult<Zeroizing<String>> {
    let bytes = Zeroizing::new(read_capped_from(
        std::io::stdin().lock(),
        MAX_STDIN_BYTES,
        "what Attune reads there",
        "standard input",
    )?);
    match std::str::from_utf8(&bytes) {
        Ok(text) => Ok(Zeroizing::new(text.to_owned())),
        Err(_) => Err(CliError::Input(
            "could not read standard input: it is not UTF-8 text".into(),
        )),
    }
}

/// Where secrets come from, and what is left of standard input after them.
#[derive(Debug)]
pub(crate) struct Secrets {
    from_stdin: bool,
    /// Standard input, read once, when secrets come from it.
    stdin: Option<Zeroizing<String>>,
    /// How far `stdin` has been consumed.
    pos: usize,
}

impl Secrets {
    pub(crate) fn new(from_stdin: bool) -> Self {
        Secrets {
            from_stdin,
            stdin: None,
            pos: 0,
        }
    }

    fn stdin(&mut self) -> CliResult<&str> {
        if self.stdin.is_none() {
            self.stdin = Some(read_stdin()?);
        }
        Ok(self.stdin.as_deref().map_or("", |s| &s[self.pos..]))
    }

    /// The next line of standard input (without its line end).
    fn next_line(&mut self, what: &str) -> CliResult<Zeroizing<String>> {
        let rest = self.stdin()?;
        if rest.is_empty() {
            return Err(CliError::Input(format!(
                "--passphrase-stdin: standard input ended before the {what}"
            )));
        }
        let (line, used) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        let line = Zeroizing::new(line.strip_suffix('\r').unwrap_or(line).to_owned());
        self.pos += used;
        Ok(line)
    }

    /// Whatever standard input holds after the secrets (for `--json -`).
    pub(crate) fn rest_of_stdin(&mut self) -> CliResult<String> {
        if self.from_stdin {
            return Ok(self.stdin()?.to_owned());
        }
        let all = read_stdin()?;
        Ok(String::clone(&all))
    }

    fn prompt(prompt: &str) -> CliResult<Zeroizing<String>> {
        rpassword::prompt_password(prompt)
            .map(Zeroizing::new)
            .map_err(|e| {
                CliError::Input(format!(
                "could not ask for the passphrase on the terminal ({e}); use --passphrase-stdin"
            ))
            })
    }

    /// A passphrase or key that already exists.
    pub(crate) fn read(&mut self, prompt: &str) -> CliResult<Zeroizing<String>> {
        if self.from_stdin {
            return self.next_line(prompt.trim_end_matches([' ', ':']));
        }
        Self::prompt(prompt)
    }

    /// A new passphrase: asked twice on the terminal; one line from standard input.
    pub(crate) fn read_new(&mut self, prompt: &str, again: &str) -> CliResult<Zeroizing<String>> {
        if self.from_stdin {
            return self.next_line(prompt.trim_end_matches([' ', ':']));
        }
        let first = Self::prompt(prompt)?;
        let second = Self::prompt(again)?;
        if *first != *second {
            return Err(CliError::Input(
                "the two passphrases differ; nothing was changed".into(),
            ));
        }
        Ok(first)
    }
}
