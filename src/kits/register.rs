//! The delivery register: every kit build, as the audit chain holds it (action `delivery`),
//! so `audit verify` covers what went to whom.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::library::Library;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Delivery {
    pub kit: i64,
    pub version: u32,
    pub recipient: String,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub channel: Option<String>,
    pub profile: String,
    pub languages: Vec<String>,
    /// The kit's items (`12`, `r:3`).
    pub items: Vec<String>,
    /// Everything that went, each reportage's items included.
    #[serde(default)]
    pub contents: Vec<String>,
    pub tagmanifest_sha256: String,
    pub path: String,
    #[serde(default)]
    pub zip: Option<String>,
    #[serde(default)]
    pub files: u64,
    #[serde(default)]
    pub bytes: u64,
    #[serde(default)]
    pub delivery_at: Option<String>,
    /// Who built it, and when (from the audit entry).
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub at: String,
    /// The audit entry that records it.
    #[serde(default)]
    pub entry: i64,
}

impl Library {
    /// Every build, oldest first.
    pub fn deliveries(&self) -> Result<Vec<Delivery>> {
        let mut stmt =
            self.conn().prepare("SELECT id, at, actor, detail FROM audit_log WHERE action = 'delivery' ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (entry, at, by, detail) = row?;
            if let Ok(mut d) = serde_json::from_str::<Delivery>(&detail) {
                d.by = by;
                d.at = at;
                d.entry = entry;
                out.push(d);
            }
        }
        Ok(out)
    }
}

impl Library {
    /// Opens a built kit in the system's browser (its site) or file manager; answers what it
    /// opened.
    pub fn open_kit(&self, kit: i64, version: Option<u32>) -> Result<std::path::PathBuf> {
        let target = self.kit_entry_point(kit, version)?;
        open::that_detached(&target).map_err(|e| crate::Error::io(&target, e))?;
        Ok(target)
    }

    /// What opening a built kit shows: its site's `index.html` when it has one, else its
    /// folder; the newest build unless `version` names one.
    pub fn kit_entry_point(&self, kit: i64, version: Option<u32>) -> Result<std::path::PathBuf> {
        let builds: Vec<Delivery> =
            self.deliveries()?.into_iter().filter(|d| d.kit == kit && version.is_none_or(|v| d.version == v)).collect();
        let Some(d) = builds.last() else {
            self.kit(kit)?;
            return Err(crate::Error::NotFound(match version {
                Some(v) => format!("kit {kit} has no build v{v}"),
                None => format!("kit {kit} has not been built"),
            }));
        };
        let folder = std::path::PathBuf::from(&d.path);
        if !folder.is_dir() {
            return Err(crate::Error::NotFound(format!(
                "kit {kit} v{} was built into {}, which is no longer there",
                d.version,
                folder.display()
            )));
        }
        let index = folder.join("data").join("index.html");
        Ok(if index.is_file() { index } else { folder })
    }
}
