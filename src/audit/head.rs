//! The newest audit entry, kept in a small file beside the catalog: an anchor outside the
//! database, so that entries removed from the end of the log are noticed too.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, IoContext, Result};

pub const HEAD_FILE: &str = "audit.head";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub id: i64,
    pub hash: String,
}

pub fn read_head(root: &Path) -> Result<Option<Head>> {
    let path = root.join(HEAD_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::bad_media(&path, format!("the audit head cannot be read: {e}"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Written to a temporary file and renamed over the old one: never half a head.
pub fn write_head(root: &Path, head: &Head) -> Result<()> {
    let path = root.join(HEAD_FILE);
    let tmp = root.join(format!("{HEAD_FILE}.tmp"));
    let json = serde_json::to_vec(head).map_err(|e| Error::InvalidInput(e.to_string()))?;
    std::fs::write(&tmp, json).at(&tmp)?;
    std::fs::rename(&tmp, &path).at(&path)
}
