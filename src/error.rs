//! The core error type. Every I/O failure names its path; every error has a stable code the
//! UI and scripts can switch on.

use std::path::PathBuf;

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("catalog: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("catalog migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error(
        "the catalog {} was written by a newer Mediadesk (schema {found}, this one knows up to {known}); update Mediadesk to open it",
        path.display()
    )]
    CatalogTooNew { path: PathBuf, found: i64, known: i64 },
    #[error("{}: {reason}", path.display())]
    BadMedia { path: PathBuf, reason: String },
    #[error("{}: unsupported file: {reason}", path.display())]
    Unsupported { path: PathBuf, reason: String },
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("cancelled")]
    Cancelled,
}

/// What kind of failure, for programs: serialised as snake_case in `{code, message}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Io,
    Catalog,
    CatalogTooNew,
    BadMedia,
    Unsupported,
    NotFound,
    InvalidInput,
    Cancelled,
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    pub fn bad_media(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Error::BadMedia { path: path.into(), reason: reason.into() }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Io { .. } => ErrorCode::Io,
            Error::Db(_) | Error::Migration(_) => ErrorCode::Catalog,
            Error::CatalogTooNew { .. } => ErrorCode::CatalogTooNew,
            Error::BadMedia { .. } => ErrorCode::BadMedia,
            Error::Unsupported { .. } => ErrorCode::Unsupported,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::Cancelled => ErrorCode::Cancelled,
        }
    }
}

/// Adds the path to a bare `std::io::Error`.
pub trait IoContext<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T> {
        self.map_err(|e| Error::io(path, e))
    }
}
