//! Any bytes, read as each subtitle format: no panic, and whatever is read survives every
//! writer and reading back (`cargo +nightly fuzz run subtitles fuzz/corpus/subtitles`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mediadesk::subtitles::fuzz_round_trip(data));
