pub mod library;
pub mod assets;
