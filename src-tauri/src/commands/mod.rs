pub mod assets;
pub mod import;
pub mod languages;
pub mod library;
pub mod proxy;
pub mod record;
pub mod reportages;
