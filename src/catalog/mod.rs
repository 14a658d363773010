//! The catalog's tables and the queries over them. Each module owns the SQL of its tables.

mod assets;
mod classification;
pub mod codes;
pub mod edits;
pub mod fields;
mod search;
pub mod shots;
pub mod subtitle_tracks;
pub mod templates;
pub mod write;

pub use assets::{find, get, summaries, Asset, AssetSummary, FileInstance, Gps, Kind};
pub use classification::Classification;
pub use edits::Reverted;
pub use fields::{AssetEdit, Edit, Label, Localized, Release, SourceType};
pub use search::{
    facet_filters, list, parse_duration, search, search_ids, typed_expression as match_expression, Orientation,
    SearchQuery, Sort,
};
pub use write::{Content, META_VERSION};
