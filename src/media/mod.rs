//! Films and sound beyond their metadata: poster frames, filmstrips, waveforms, preview
//! proxies and embedded subtitles. Decoding runs in the media worker process (`worker`).

mod broadcast;
mod encode;
mod frames;
mod library;
mod proxy;
mod render;
mod social;
mod subtitles;
mod tasks;
mod waveform;
pub mod worker;

pub use broadcast::{broadcast_rate, BroadcastReport, Loudness};
pub use encode::Encoded;
pub use library::{needs_proxy, write_proxy, ProxyOutcome};
pub use proxy::{proxy_path, ProxyReport, PROXY_HEIGHT};
pub use render::{filmstrip_plan, Rendered};
pub use social::SocialSpec;
pub use subtitles::{extract_subtitles, ExtractedSubtitles};
