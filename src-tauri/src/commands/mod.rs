pub mod assets;
pub mod import;
pub mod library;
pub mod proxy;
