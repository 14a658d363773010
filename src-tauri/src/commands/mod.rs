pub mod assets;
pub mod import;
pub mod library;
