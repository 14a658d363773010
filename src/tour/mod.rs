//! Press tours: a set of reportages and assets checked out to a laptop as a portable library of
//! its own, worked on for days with no network, and merged back field by field.

pub mod checkout;
pub mod conflicts;
pub mod identity;
#[cfg(test)]
mod leak_tests;
pub mod library;
pub mod manifest;
mod media;
pub mod merge;
#[cfg(test)]
mod merge_tests;

pub use checkout::{Checkout, CheckoutRequest, Preview, Refused};

/// The tables holding an asset's record besides `assets` itself, copied to a tour and back
/// (its files are each library's own).
const ASSET_TABLES: [&str; 7] =
    ["captions", "keywords", "media_streams", "subtitle_tracks", "asset_texts", "asset_facets", "shots"];
pub use conflicts::{Choice, Conflict};
pub use identity::Identity;
pub use library::Tour;
pub use merge::MergeReport;
