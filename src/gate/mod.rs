//! The one gate: whatever leaves the library's keeping asks here whether an item may go: an
//! XMP sidecar written beside an original (anyone copying the folder takes it along), a press
//! kit (its preflight, and its build again as each file is written), and a tour library (a
//! laptop that leaves the building with a catalog of its own).

pub mod delivery;
pub mod standing;

pub use delivery::{Delivery, Finding, Rule};
pub use standing::Standing;

use rusqlite::Connection;
use serde::Serialize;

use crate::catalog::{Asset, Classification};
use crate::error::Result;
use crate::translation::Item;

/// Where an item would go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// An XMP sidecar beside the original file.
    Sidecar,
}

/// Why an item may not go, and what would let it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Refusal {
    pub asset: i64,
    pub reason: String,
    pub fix: String,
}

/// Whether `asset` may go to `destination`: `None`, or why not.
pub fn refusal(asset: &Asset, destination: Destination) -> Option<Refusal> {
    match destination {
        // A state secret's record stays in the catalog (on its isolated machine): written beside
        // the file, it would travel with every copy of the folder. Internal material may have
        // one, marked internal, so another Mediadesk reading it keeps it so.
        Destination::Sidecar if asset.classification.is_state_secret() => Some(Refusal {
            asset: asset.id,
            reason: format!(
                "asset {} is {} ({}): its record is not written beside the file, where every copy of the folder would carry it",
                asset.id,
                asset.classification.label_vi(),
                asset.classification.code()
            ),
            fix: "keep it in the catalog; a sidecar can be written once it is declassified".into(),
        }),
        Destination::Sidecar => None,
    }
}

/// Whether `item` may be checked out to a tour library: only what is public, counting what it
/// belongs to (a photo of a Mật story is Mật; a story is as secret as its most secret item).
/// Internal material stays home too: a laptop on a press tour is lost more easily than a
/// newsroom's server. `None`, or why not and the standing that says so.
pub fn tour_refusal(conn: &Connection, item: Item) -> Result<Option<(String, Standing)>> {
    let standing = match item {
        Item::Asset(a) => standing::asset(conn, a)?,
        Item::Reportage(r) => standing::reportage(conn, r)?,
    };
    if standing.classification == Classification::Public {
        return Ok(None);
    }
    let by = standing.classified_by.as_ref().map(|by| format!(" (by {by})")).unwrap_or_default();
    let reason = format!(
        "{} is {} ({}){by}: a tour library carries only public items",
        item.reference(),
        standing.classification.label_vi(),
        standing.classification.code()
    );
    Ok(Some((reason, standing)))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn no_state_secret_gets_a_sidecar(level in 0usize..5) {
            let conn = crate::db::open_in_memory().expect("catalog");
            let hash = "ab".repeat(32);
            let info = crate::probe::PhotoInfo::default();
            let c = Classification::ALL[level];
            let id = crate::catalog::write::insert_asset(&conn, &crate::catalog::Content::photo(&hash, 1, &info), c, "t")
                .expect("insert");
            let asset = crate::catalog::get(&conn, id).expect("get");
            proptest::prop_assert_eq!(refusal(&asset, Destination::Sidecar).is_some(), c >= Classification::Confidential);
        }
    }
}
