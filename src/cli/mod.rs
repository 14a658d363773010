pub mod admin;
pub mod contacts;
pub mod kit;
pub mod languages;
pub mod record;
pub mod reportage;
pub mod shots;
pub mod tour;
