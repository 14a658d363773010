pub mod assets;
pub mod import;
pub mod kits;
pub mod languages;
pub mod library;
pub mod proxy;
pub mod record;
pub mod reportages;
