pub mod assets;
pub mod import;
pub mod languages;
pub mod library;
pub mod proxy;
