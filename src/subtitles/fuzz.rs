//! The property the fuzz target checks, here so the kept corpus replays in the ordinary tests:
//! reading any bytes never panics, and cues that were read come back the same through every
//! writer and reader.

use super::{parse, read_subtitles, write, SubtitleFormat};

pub fn fuzz_round_trip(data: &[u8]) {
    for extension in ["srt", "vtt", "ttml", "ass"] {
        let Ok(parsed) = read_subtitles(data, extension) else { continue };
        for format in [SubtitleFormat::Srt, SubtitleFormat::Vtt, SubtitleFormat::Ttml] {
            let Ok(text) = write(&parsed.cues, format, "vi") else { continue };
            let (again, _) = parse(&text, format).unwrap_or_default();
            // Empty cues are not kept by every format (a SubRip block needs a line of text), nor
            // cues never on screen (TTML gives no time to a zero-length interval).
            let shown = |c: &&super::Cue| !c.text.is_empty() && c.end_ms > c.start_ms;
            let kept: Vec<_> = parsed.cues.iter().filter(shown).collect();
            let back: Vec<_> = again.iter().filter(shown).collect();
            assert_eq!(kept, back, "{format:?} round trip of {extension}");
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every input the fuzzer kept (seeds and what it found) replays on stable Rust.
    #[test]
    fn the_fuzz_corpus_replays() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/subtitles");
        let mut count = 0;
        for entry in std::fs::read_dir(&dir).expect("corpus folder") {
            let path = entry.expect("entry").path();
            super::fuzz_round_trip(&std::fs::read(&path).expect("read"));
            count += 1;
        }
        assert!(count >= 8, "the corpus is kept: {count} inputs in {}", dir.display());
    }
}
