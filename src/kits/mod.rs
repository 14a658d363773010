//! Press kits: reportages and assets packaged for one recipient, in their language and format,
//! after a preflight that lets nothing out that may not go. A kit is edited until it is built;
//! each build is a numbered version, recorded in the delivery register (the audit log).

mod library;
pub mod preflight;
pub mod profile;
mod store;

#[cfg(test)]
mod leak_tests;

pub use preflight::Preflight;
pub use profile::Profile;
pub use store::{Acceptance, Kit, KitChange, KitItem, KitRef, KitSummary, NewKit};
