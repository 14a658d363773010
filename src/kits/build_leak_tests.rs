//! Property tests that try to get what may not go out through a real build: the random
//! libraries of `leak_tests`, now with real photos and films (with subtitles and shot lists)
//! and a marker in every text, built for every profile. Whatever is built must hold no byte of
//! a text, no rendition, no name and no identifier of anything the kit does not carry or that
//! may not go; a kit that may not go is not built, and writes nothing; an item raised after its
//! preflight stops the build.
//! `MEDIADESK_LEAK_CASES=5000 cargo test build_leak` runs more than the default; films are made
//! by the CLI's media worker, which `cargo test` builds (`cargo build` first when only `--lib`).

use std::path::Path;
use std::sync::Arc;

use base64::Engine;
use proptest::prelude::*;
use rusqlite::params;

use super::leak_tests::{build as library_of, films, world, World, AT};
use crate::catalog::shots::Shot;
use crate::catalog::subtitle_tracks::SubtitleTrack;
use crate::catalog::Classification;
use crate::jobs::{CancelToken, JobCtx};
use crate::kits::{KitChange, Outcome};
use crate::subtitles::Cue;
use crate::thumbs::decode::Rgb;

fn cases() -> u32 {
    std::env::var("MEDIADESK_LEAK_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

/// Gives every asset of the world a real file of its own (a JPEG, or its film from `films()`),
/// and every text a marker naming it: captions, headlines, a film's subtitles and shot list.
pub(crate) fn with_files(library: &crate::Library, dir: &Path, w: &World) {
    let conn = library.conn();
    let folder = dir.join("originals");
    std::fs::create_dir_all(&folder).expect("folder");
    for (n, a) in w.assets.iter().enumerate() {
        let i = n as i64 + 1;
        let path = if a.film {
            let path = folder.join(format!("{i}.mp4"));
            std::fs::copy(&films()[n].path, &path).expect("film");
            film_texts(conn, i);
            path
        } else {
            let pixels = (0..8 * 6).flat_map(|p| [(i * 37) as u8, (p * 5) as u8, 90]).collect();
            let jpeg = crate::thumbs::encode_jpeg(&Rgb { width: 8, height: 6, pixels }, 90).expect("jpeg");
            let path = folder.join(format!("{i}.jpg"));
            std::fs::write(&path, &jpeg).expect("write");
            let hash = blake3::hash(&jpeg).to_hex().to_string();
            conn.execute(
                "UPDATE assets SET content_hash = ?2, width = 8, height = 6, format = 'jpeg' WHERE id = ?1",
                params![i, hash],
            )
            .expect("asset");
            path
        };
        conn.execute("UPDATE assets SET headline = ?2 WHERE id = ?1", params![i, format!("Tiêu đề MARKH{i}Z")])
            .expect("headline");
        let p = path.to_string_lossy().into_owned();
        let size = std::fs::metadata(&path).expect("size").len() as i64;
        conn.execute(
            "INSERT INTO files (asset_id, os_path, path, size, mtime_ns, added_at) VALUES (?1, ?2, ?3, ?4, 0, ?5)",
            params![i, p.as_bytes(), p, size, "2026-12-01T00:00:00Z"],
        )
        .expect("file");
    }
    conn.execute("UPDATE captions SET text = 'Chú thích MARKA' || asset_id || 'Z'", []).expect("captions");
    conn.execute("UPDATE reportage_texts SET text = text || ' MARKR' || reportage_id || 'Z'", []).expect("texts");
}

/// A film's Vietnamese subtitles and its shot list, each with a marker naming it.
fn film_texts(conn: &rusqlite::Connection, i: i64) {
    let cues = vec![Cue { start_ms: 100, end_ms: 900, text: format!("Phụ đề MARKS{i}Z") }];
    let track = SubtitleTrack {
        lang: "vi".into(),
        origin: "import".into(),
        format: "srt".into(),
        encoding: "utf-8".into(),
        content_hash: crate::catalog::subtitle_tracks::content_hash(&cues),
        cues,
        imported_at: "2026-12-01T00:00:00Z".into(),
        actor: "test".into(),
    };
    crate::catalog::subtitle_tracks::save(conn, i, &track).expect("subtitles");
    let shot = Shot {
        start_ms: 0,
        end_ms: 1000,
        description: [("vi".to_owned(), format!("Cảnh MARKT{i}Z"))].into(),
        ..Shot::default()
    };
    crate::catalog::shots::replace(conn, i, Some(1000), &[shot], "2026-12-01T00:00:00Z").expect("shots");
}

/// Every file under `dir`: its path and bytes, with what its bytes hide: the base64 of data:
/// addresses, decoded, and a PDF's text as poppler reads it (its own bytes hold the text
/// compressed and as glyph numbers).
fn everything(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let mut bytes = std::fs::read(e.path()).expect("read");
            // A page carries its films' subtitles inside data: addresses, in base64.
            let embedded: Vec<u8> = String::from_utf8_lossy(&bytes)
                .split(";base64,")
                .skip(1)
                .filter_map(|rest| {
                    let encoded = rest.split(['"', '\'', ')']).next()?;
                    base64::engine::general_purpose::STANDARD.decode(encoded).ok()
                })
                .flatten()
                .collect();
            bytes.extend(embedded);
            if e.path().extension().is_some_and(|x| x == "pdf") {
                let text = std::process::Command::new("pdftotext").arg(e.path()).arg("-").output().expect("pdftotext");
                assert!(text.status.success(), "pdftotext failed on {}", e.path().display());
                bytes.extend(text.stdout);
            }
            (e.path().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

fn check(w: &World, raise: Option<usize>) -> Result<(), TestCaseError> {
    let (dir, library, kit) = library_of(w);
    let mut library = library.with_clock(Arc::new(|| time::macros::datetime!(2026-12-01 00:00 UTC)));
    with_files(&library, dir.path(), w);
    library.change_kit(kit, &KitChange { deliver_at: Some(AT.into()), ..KitChange::default() }).expect("delivery time");
    let contents = w.contents();
    let may_go = !contents.is_empty() && contents.iter().all(|i| w.may_go(i));
    let raised = match raise {
        Some(n) if may_go => {
            // An editor raises one item to Mật after the preflight said yes.
            prop_assert!(library.preflight(kit, None).expect("preflight").ok);
            let item = &contents[n % contents.len()];
            let (table, id) = match item.strip_prefix("r:") {
                Some(r) => ("reportages", r.parse::<i64>().expect("id")),
                None => ("assets", item.parse::<i64>().expect("id")),
            };
            let code = Classification::ALL[2].code();
            library
                .conn()
                .execute(&format!("UPDATE {table} SET classification = ?2 WHERE id = ?1"), params![id, code])
                .expect("raise");
            true
        }
        _ => false,
    };
    let out = dir.path().join("out");
    let ctx = JobCtx::new(CancelToken::default(), |_| {});
    let outcome = library.build_kit(kit, &out, true, "test", &ctx).expect("build");
    let files = if out.exists() { everything(&out) } else { Vec::new() };
    match outcome {
        Outcome::Built(_) => prop_assert!(may_go && !raised, "built what may not go: {:?}", contents),
        Outcome::Blocked(_) => {
            prop_assert!(!may_go || raised, "held back what may go: {:?}", contents);
            prop_assert!(files.is_empty(), "a refused build left {:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
            return Ok(());
        }
        Outcome::Cancelled => prop_assert!(false, "nobody cancelled"),
    }
    // What went is what the kit carries; nothing else leaves a trace, in a file's bytes or name.
    let profile = library.kit_profile(&library.kit(kit).expect("kit").profile).expect("profile");
    let conn = library.conn();
    for i in 1..=w.assets.len() as i64 {
        let carried = contents.contains(&i.to_string());
        let hash: String =
            conn.query_row("SELECT content_hash FROM assets WHERE id = ?1", [i], |r| r.get(0)).expect("hash");
        let traces = [
            format!("urn:mediadesk:asset:{hash}"),
            format!("MARKA{i}Z"),
            format!("MARKH{i}Z"),
            format!("MARKS{i}Z"),
            format!("MARKT{i}Z"),
        ];
        for (path, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            for t in &traces {
                prop_assert!(carried || !text.contains(t.as_str()), "{t} of asset {i}, not in the kit, is in {path}");
            }
            for folder in ["photos", "films"] {
                let rendition = format!("/{folder}/{i}-");
                prop_assert!(carried || !path.contains(&rendition), "a rendition of asset {i}: {path}");
            }
        }
        if carried {
            let has = |t: &str| files.iter().any(|(_, b)| String::from_utf8_lossy(b).contains(t));
            prop_assert!(has(&traces[0]), "asset {i} is missing");
            // And a film goes whole: its copies, its subtitles and shot list where the profile asks.
            let films = &profile.films;
            if w.assets[i as usize - 1].film && !films.renditions.is_empty() {
                let copies = files.iter().filter(|(p, _)| p.contains(&format!("/films/{i}-")) && p.ends_with(".mp4"));
                prop_assert_eq!(copies.count(), films.renditions.len(), "the copies of film {}", i);
                prop_assert!(films.subtitles.is_empty() || has(&traces[3]), "film {i}'s subtitles are missing");
                prop_assert!(films.shot_list.is_empty() || has(&traces[4]), "film {i}'s shot list is missing");
            }
        }
    }
    for r in 1..=w.reportages.len() {
        let carried = contents.contains(&format!("r:{r}"));
        let trace = format!("MARKR{r}Z");
        for (path, bytes) in &files {
            prop_assert!(carried || !String::from_utf8_lossy(bytes).contains(&trace), "{trace} is in {path}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn nothing_that_may_not_go_is_ever_built_into_a_kit(w in world(), raise in proptest::option::of(0usize..8)) {
        check(&w, raise)?;
    }
}
