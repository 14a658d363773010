//! Films and sound beyond their metadata: poster frames, filmstrips, waveforms, preview
//! proxies and embedded subtitles. Decoding runs in the media worker process (`worker`).

mod frames;
mod render;
mod tasks;
mod waveform;
pub mod worker;

pub use render::{filmstrip_plan, Rendered};
