//! Mediadesk's core: the library of photos, films and reportages, their languages, and the
//! deliverables made from them. Everything here is usable without a window.

pub mod audit;
pub mod catalog;
pub mod db;
pub mod error;
pub mod gate;
pub mod ingest;
pub mod jobs;
pub mod kits;
pub mod library;
pub mod media;
pub mod pdf;
pub mod probe;
pub mod report;
pub mod reportage;
pub mod shotlist;
pub mod sidecar;
pub mod subtitles;
pub mod taxonomy;
pub mod text;
pub mod thumbs;
pub mod tour;
pub mod translation;

pub use error::{Error, ErrorCode, Result};
pub use library::Library;
