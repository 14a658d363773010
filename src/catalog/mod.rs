//! The catalog's tables and the queries over them. Each module owns the SQL of its tables.

mod assets;
mod classification;
pub mod edits;
mod search;
pub mod subtitle_tracks;
pub mod write;

pub use assets::{find, get, summaries, Asset, AssetSummary, FileInstance, Gps, Kind};
pub use classification::Classification;
pub use edits::{AssetEdit, Edit, Label, Reverted};
pub use search::{list, parse_duration, search, search_ids, Orientation, SearchQuery, Sort};
pub use write::{Content, META_VERSION};
