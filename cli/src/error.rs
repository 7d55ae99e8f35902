//! What a command fails with. Every failure reaches the person as one `error:` line.

use attune_core::Error;

/// What a command failed with: a core error, or a problem with the command line's input.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// From attune-core.
    #[error(transparent)]
    Core(#[from] Error),
    /// Reading input or writing output failed.
    #[error("{0}")]
    Input(String),
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Input(e.to_string())
    }
}

/// Result of a command.
pub(crate) type CliResult<T = ()> = Result<T, CliError>;
