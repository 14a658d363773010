//! Press tours: a set of reportages and assets checked out to a laptop as a portable library of
//! its own, worked on for days with no network, and merged back field by field.

pub mod checkout;
pub mod identity;
pub mod library;
pub mod manifest;
mod media;

pub use checkout::{Checkout, CheckoutRequest, Refused};
pub use identity::Identity;
pub use library::Tour;
