//! Press kits: reportages and assets packaged for one recipient, in their language and format,
//! after a preflight that lets nothing out that may not go. A kit is edited until it is built;
//! each build is a numbered version, recorded in the delivery register (the audit log).

pub mod bag;
pub mod build;
pub mod contacts;
mod library;
pub mod names;
pub mod preflight;
pub mod profile;
mod register;
mod store;
pub mod verify;

#[cfg(test)]
pub(crate) mod build_leak_tests;
#[cfg(test)]
pub(crate) mod leak_tests;

pub use build::{Built, Outcome};
pub use preflight::Preflight;
pub use profile::Profile;
pub use register::Delivery;
pub use store::{Acceptance, Candidate, Kit, KitChange, KitItem, KitRef, KitSummary, NewKit};
pub use verify::{Problem, Verification};
