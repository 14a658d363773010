pub mod languages;
