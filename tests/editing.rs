//! Edits live in the catalog, never in the original; they are undoable, survive re-reading
//! the file, and searches, filters and sorts see them.

use std::time::{Duration, SystemTime};

use crate::util::*;

fn photo(s: &Scratch, name: &str, headline: &str) -> std::path::PathBuf {
    let path = s.path(&format!("photos/{name}"));
    make_photo(&path, 320, 240, "plasma:", &[]);
    exiftool_write(&path, &["-codedcharacterset=utf8", &format!("-IPTC:Headline={headline}")]);
    path
}

#[test]
fn edits_stay_in_the_catalog_and_undo() {
    let s = Scratch::new();
    let a = photo(&s, "a.jpg", "Cầu Hóa An");
    s.ingest(&[&s.path("photos")], &[], 0);
    let original = std::fs::read(&a).expect("read");
    let path = a.to_string_lossy().into_owned();

    let edited = s.json(
        &[
            "edit",
            &path,
            "--headline",
            "Cầu Hóa An mới",
            "--caption",
            "vi=Cầu mới bắc qua sông Đồng Nai",
            "--caption",
            "en=The new bridge over the Đồng Nai river",
            "--keywords",
            "cầu, giao thông ,cầu",
            "--rating",
            "4",
            "--label",
            "red",
            "--embargo",
            "2026-12-01T08:00:00+07:00",
            "--json",
        ],
        0,
    );
    assert_eq!(edited["headline"], "Cầu Hóa An mới");
    assert_eq!(edited["captions"]["vi"], "Cầu mới bắc qua sông Đồng Nai");
    assert_eq!(edited["captions"]["en"], "The new bridge over the Đồng Nai river");
    assert_eq!(edited["keywords"], serde_json::json!(["cầu", "giao thông"]));
    assert_eq!(edited["rating"], 4);
    assert_eq!(edited["label"], "red");
    assert_eq!(edited["embargo_until"], "2026-12-01T08:00:00+07:00");
    assert_eq!(std::fs::read(&a).expect("read"), original, "the original is never written");
    assert_eq!(exiftool_read(&a, &["-IPTC:Headline"])["Headline"], "Cầu Hóa An");

    // Searches see the edit, without diacritics too.
    assert_eq!(s.search(&["song dong nai"]).len(), 1);
    assert_eq!(s.search(&["giao thong"]).len(), 1);

    // The file is read again (it changed on disk): the editor's word stays.
    let later = SystemTime::now() + Duration::from_secs(5);
    std::fs::File::options().append(true).open(&a).expect("open").set_modified(later).expect("touch");
    let again = s.ingest(&[&s.path("photos")], &[], 0);
    assert_eq!(again["updated"], 1, "{again}");
    let shown = s.show(&path);
    assert_eq!(shown["headline"], "Cầu Hóa An mới");
    assert_eq!(shown["keywords"], serde_json::json!(["cầu", "giao thông"]));

    // One `edit` is one change: undo takes all of it back, redo makes it again.
    let undone = s.json(&["undo", "--json"], 0);
    assert_eq!(undone["assets"], serde_json::json!([shown["id"]]));
    let shown = s.show(&path);
    assert_eq!(shown["headline"], "Cầu Hóa An");
    assert_eq!(shown["captions"], serde_json::json!({}));
    assert_eq!(shown["rating"], 0);
    assert!(shown["label"].is_null() && shown["embargo_until"].is_null());
    assert!(s.search(&["song dong nai"]).is_empty());
    assert_eq!(s.run(&["undo"]).status.code(), Some(1), "nothing left to undo");
    s.json(&["redo", "--json"], 0);
    assert_eq!(s.show(&path)["captions"]["vi"], "Cầu mới bắc qua sông Đồng Nai");
    assert_eq!(std::fs::read(&a).expect("read"), original);
}

#[test]
fn bad_edits_change_nothing() {
    let s = Scratch::new();
    let a = photo(&s, "a.jpg", "Cầu Hóa An");
    s.ingest(&[&a], &[], 0);
    let path = a.to_string_lossy().into_owned();
    for args in [
        vec!["edit", &path, "--rating", "7"],
        vec!["edit", &path, "--caption", "no equals sign"],
        vec!["edit", &path, "--caption", "vi;drop=x"],
        vec!["edit", &path, "--label", "pink"],
        vec!["edit", &path, "--embargo", "next week"],
        // One bad field refuses the whole edit.
        vec!["edit", &path, "--headline", "Mới", "--embargo", "soon"],
        vec!["edit", &path],
        vec!["edit", "9999", "--headline", "x"],
    ] {
        let out = s.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?} must fail");
        assert!(!out.stderr.is_empty(), "{args:?} says why");
    }
    assert_eq!(s.show(&path)["headline"], "Cầu Hóa An");
    assert_eq!(s.run(&["undo"]).status.code(), Some(1), "no change was recorded");
}

#[test]
fn sorts_and_filters_by_rating_label_and_name() {
    let s = Scratch::new();
    for (name, headline) in [("b.jpg", "Bưởi"), ("A.jpg", "Amata"), ("c.jpg", "Chợ")] {
        photo(&s, name, headline);
    }
    s.ingest(&[&s.path("photos")], &[], 0);
    let b = s.path("photos/b.jpg").to_string_lossy().into_owned();
    let c = s.path("photos/c.jpg").to_string_lossy().into_owned();
    s.json(&["edit", &b, "--rating", "5", "--label", "green", "--json"], 0);
    s.json(&["edit", &c, "--rating", "3", "--json"], 0);

    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        s.json(&all, 0).as_array().expect("array").iter().map(|h| h["filename"].as_str().unwrap_or("").into()).collect()
    };
    assert_eq!(names(&["--sort", "name"]), ["A.jpg", "b.jpg", "c.jpg"]);
    assert_eq!(names(&["--sort", "rating"])[..2], ["b.jpg", "c.jpg"]);
    assert_eq!(names(&["--min-rating", "3", "--sort", "name"]), ["b.jpg", "c.jpg"]);
    assert_eq!(names(&["--label", "green"]), ["b.jpg"]);
    let hits = s.search(&["chợ", "--sort", "name"]);
    assert_eq!(hits[0]["rating"], 3);
}
