//! Errors as the UI receives them: `{code, message}`.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct UiError {
    pub code: mediadesk::ErrorCode,
    pub message: String,
}

impl From<mediadesk::Error> for UiError {
    fn from(e: mediadesk::Error) -> Self {
        UiError { code: e.code(), message: e.to_string() }
    }
}
