pub mod assets;
pub mod library;
