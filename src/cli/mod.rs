pub mod admin;
pub mod languages;
pub mod record;
pub mod reportage;
