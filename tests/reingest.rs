//! Re-ingest is cheap and exact: unchanged files are not read, moves keep their asset, changed
//! files are read again, nothing is ever duplicated; a killed ingest leaves a sound catalog.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::*;

#[test]
fn reruns_moves_copies_and_changes() {
    let s = Scratch::new();
    let dir = s.path("photos");
    for (i, colour) in ["red", "green", "blue"].iter().enumerate() {
        let p = dir.join(format!("p{i}.jpg"));
        make_photo(&p, 300, 200, &format!("xc:{colour}"), &[]);
        exiftool_write(&p, &["-codedcharacterset=utf8", &format!("-IPTC:Headline=Ảnh số {i}")]);
    }
    let first = s.ingest(&[&dir], &["--classification", "public"], 0);
    assert_eq!(first["added"], 3, "{first}");
    let audit = rusqlite::Connection::open(s.library().join("catalog.sqlite")).expect("open");
    let logged: i64 = audit
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'classification' AND detail LIKE '%\"to\":\"public\"%'",
            [],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(logged, 3, "every classification set at ingest is in the audit log");
    drop(audit);
    let second = s.ingest(&[&dir], &[], 0);
    assert_eq!((second["added"].as_u64(), second["unchanged"].as_u64()), (Some(0), Some(3)), "{second}");

    let id_of = |path: &std::path::Path| s.show(&path.to_string_lossy())["id"].as_i64().expect("id");
    let moved_id = id_of(&dir.join("p0.jpg"));

    // A rename keeps the asset and what editors set on it.
    std::fs::create_dir_all(dir.join("sorted")).expect("mkdir");
    std::fs::rename(dir.join("p0.jpg"), dir.join("sorted/renamed.jpg")).expect("rename");
    // A byte-identical copy is the same asset.
    std::fs::copy(dir.join("p1.jpg"), dir.join("copy-of-p1.jpg")).expect("copy");
    // A changed file is read again.
    exiftool_write(&dir.join("p2.jpg"), &["-codedcharacterset=utf8", "-IPTC:Headline=Tiêu đề mới"]);
    let changed_id = id_of(&dir.join("p2.jpg"));

    let third = s.ingest(&[&dir], &[], 0);
    assert_eq!(third["moved"], 1, "{third}");
    assert_eq!(third["duplicates"], 1, "{third}");
    assert_eq!(third["updated"], 1, "{third}");
    assert_eq!(third["added"], 0, "{third}");
    assert_eq!(third["unchanged"], 1, "{third}");

    let moved = s.show(&dir.join("sorted/renamed.jpg").to_string_lossy());
    assert_eq!(moved["id"], moved_id);
    assert_eq!(moved["classification"], "public");
    assert_eq!(moved["files"].as_array().map(Vec::len), Some(1), "the old path is gone: {moved}");
    let copied = s.show(&dir.join("copy-of-p1.jpg").to_string_lossy());
    assert_eq!(copied["files"].as_array().map(Vec::len), Some(2));
    let changed = s.show(&dir.join("p2.jpg").to_string_lossy());
    assert_eq!(changed["id"], changed_id);
    assert_eq!(changed["headline"], "Tiêu đề mới");
    assert_eq!(changed["classification"], "public", "a re-read keeps editorial state");
    assert!(s.search(&["anh so 2"]).is_empty(), "the old headline left the index");
    assert_eq!(s.search(&["tieu de moi"]).len(), 1);

    let fourth = s.ingest(&[&dir], &[], 0);
    assert_eq!(fourth["unchanged"], 4, "{fourth}");
    assert_eq!(s.json(&["list", "--json"], 0).as_array().map(Vec::len), Some(3), "never duplicated");
}

/// A card of 150 distinct 4-megapixel photos: enough work to be stopped midway.
fn card_of_150_photos(s: &Scratch) -> (std::path::PathBuf, i64) {
    let dir = s.path("card");
    let seed = dir.join("seed.jpg");
    make_photo(&seed, 2400, 1600, "plasma:", &["-quality", "92"]);
    let bytes = std::fs::read(&seed).expect("read");
    // Distinct contents: bytes after the JPEG's end marker change the hash, not the picture.
    for i in 1..150 {
        let mut b = bytes.clone();
        b.extend_from_slice(format!("copy {i}").as_bytes());
        std::fs::write(dir.join(format!("img-{i:03}.jpg")), b).expect("write");
    }
    (dir, 150)
}

fn asset_count(library: &std::path::Path) -> i64 {
    let Ok(conn) = rusqlite::Connection::open_with_flags(
        library.join("catalog.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    ) else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM assets", [], |r| r.get(0)).unwrap_or(0)
}

#[test]
fn a_killed_ingest_leaves_a_sound_catalog_and_finishes_on_rerun() {
    let s = Scratch::new();
    let (dir, total) = card_of_150_photos(&s);

    let mut child = s
        .cmd(&["ingest", "--json", &dir.to_string_lossy()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    while asset_count(&s.library()) == 0 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    let partial = asset_count(&s.library());
    assert!(partial > 0 && partial < total, "killed midway: {partial} of {total}");

    let conn = rusqlite::Connection::open(s.library().join("catalog.sqlite")).expect("open");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");
    drop(conn);

    let rerun = s.ingest(&[&dir], &[], 0);
    assert_eq!(rerun["added"].as_i64().expect("added") + partial, total, "{rerun}");
    assert_eq!(asset_count(&s.library()), total);
    let again = s.ingest(&[&dir], &[], 0);
    assert_eq!(again["unchanged"], total);
}

#[test]
fn an_interrupted_ingest_reports_cancelled_and_resumes() {
    let s = Scratch::new();
    let (dir, total) = card_of_150_photos(&s);
    let child = s
        .cmd(&["ingest", "--json", &dir.to_string_lossy()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    while asset_count(&s.library()) == 0 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    tool("kill", &["-INT", &child.id().to_string()]);
    let out = child.wait_with_output().expect("wait");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json after Ctrl-C");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(report["cancelled"], true);
    let added = report["added"].as_i64().expect("added");
    assert!(added > 0 && added < total, "{report}");
    assert_eq!(asset_count(&s.library()), added, "what the report counts is what was recorded");
    let rerun = s.ingest(&[&dir], &[], 0);
    assert_eq!(rerun["added"].as_i64().expect("added") + added, total);
}
