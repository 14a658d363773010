//! Property tests that try to get what may not go out through a real build: the random
//! libraries of `leak_tests`, now with real photo files and a marker in every text, built for
//! every profile. Whatever is built must hold no byte of a text, no rendition, no name and no
//! identifier of anything the kit does not carry or that may not go; a kit that may not go is
//! not built, and writes nothing; an item raised after its preflight stops the build.
//! `MEDIADESK_LEAK_CASES=5000 cargo test build_leak` runs more than the default.

use std::path::Path;
use std::sync::Arc;

use proptest::prelude::*;
use rusqlite::params;

use super::leak_tests::{build as library_of, world, World, AT};
use crate::catalog::Classification;
use crate::jobs::{CancelToken, JobCtx};
use crate::kits::{KitChange, Outcome};
use crate::thumbs::decode::Rgb;

fn cases() -> u32 {
    std::env::var("MEDIADESK_LEAK_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

/// Gives every asset of the world a real JPEG of its own, and every text a marker naming it.
fn with_files(library: &crate::Library, dir: &Path, assets: usize) {
    let conn = library.conn();
    let folder = dir.join("originals");
    std::fs::create_dir_all(&folder).expect("folder");
    for i in 1..=assets as i64 {
        let pixels = (0..8 * 6).flat_map(|p| [(i * 37) as u8, (p * 5) as u8, 90]).collect();
        let jpeg = crate::thumbs::encode_jpeg(&Rgb { width: 8, height: 6, pixels }, 90).expect("jpeg");
        let path = folder.join(format!("{i}.jpg"));
        std::fs::write(&path, &jpeg).expect("write");
        let hash = blake3::hash(&jpeg).to_hex().to_string();
        let p = path.to_string_lossy().into_owned();
        conn.execute(
            "UPDATE assets SET content_hash = ?2, width = 8, height = 6, format = 'jpeg', headline = ?3 WHERE id = ?1",
            params![i, hash, format!("Tiêu đề MARKH{i}Z")],
        )
        .expect("asset");
        conn.execute(
            "INSERT INTO files (asset_id, os_path, path, size, mtime_ns, added_at) VALUES (?1, ?2, ?3, ?4, 0, ?5)",
            params![i, p.as_bytes(), p, jpeg.len() as i64, "2026-12-01T00:00:00Z"],
        )
        .expect("file");
    }
    conn.execute("UPDATE captions SET text = 'Chú thích MARKA' || asset_id || 'Z'", []).expect("captions");
    conn.execute("UPDATE reportage_texts SET text = text || ' MARKR' || reportage_id || 'Z'", []).expect("texts");
}

/// Every file under `dir`: its path and bytes.
fn everything(dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read")))
        .collect()
}

fn check(w: &World, raise: Option<usize>) -> Result<(), TestCaseError> {
    let (dir, library, kit) = library_of(w);
    let mut library = library.with_clock(Arc::new(|| time::macros::datetime!(2026-12-01 00:00 UTC)));
    with_files(&library, dir.path(), w.assets.len());
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
    let conn = library.conn();
    for i in 1..=w.assets.len() as i64 {
        let carried = contents.contains(&i.to_string());
        let hash: String =
            conn.query_row("SELECT content_hash FROM assets WHERE id = ?1", [i], |r| r.get(0)).expect("hash");
        let traces = [format!("MARKA{i}Z"), format!("MARKH{i}Z"), format!("urn:mediadesk:asset:{hash}")];
        for (path, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            for t in &traces {
                prop_assert!(carried || !text.contains(t.as_str()), "{t} of asset {i}, not in the kit, is in {path}");
            }
            prop_assert!(carried || !path.contains(&format!("/photos/{i}-")), "a rendition of asset {i}: {path}");
        }
        if carried {
            prop_assert!(
                files.iter().any(|(_, b)| String::from_utf8_lossy(b).contains(&traces[2])),
                "asset {i} is missing"
            );
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
