//! The one gate: whatever leaves the library's keeping asks here whether an item may go: an
//! XMP sidecar written beside an original (anyone copying the folder takes it along), and a
//! press kit (its preflight, and its build again as each file is written).

pub mod delivery;
pub mod standing;

pub use delivery::{Delivery, Finding, Rule};
pub use standing::Standing;

use serde::Serialize;

use crate::catalog::Asset;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Classification;

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
