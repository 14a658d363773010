//! The command-line and JSON contract that newsroom scripts rely on.

use crate::util::*;

#[test]
fn json_shapes_and_exit_codes() {
    let s = Scratch::new();
    let photo = s.path("photos/one.jpg");
    make_photo(&photo, 300, 200, "xc:teal", &[]);
    exiftool_write(
        &photo,
        &[
            "-codedcharacterset=utf8",
            "-IPTC:Headline=Lễ hội",
            "-XMP-dc:Description-vi=Lễ hội trái cây",
            "-GPSLatitude=10.9",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=106.8",
            "-GPSLongitudeRef=E",
        ],
    );
    let report = s.ingest(&[&photo], &[], 0);
    let keys: Vec<&str> = report.as_object().expect("object").keys().map(String::as_str).collect();
    for key in ["added", "updated", "unchanged", "moved", "duplicates", "skipped", "failed"] {
        assert!(keys.contains(&key), "ingest report has {key}: {report}");
    }

    for listing in [s.json(&["search", "le hoi", "--json"], 0), s.json(&["list", "--json"], 0)] {
        let first = &listing.as_array().expect("array")[0];
        for key in ["id", "kind", "path", "headline", "captions"] {
            assert!(first.get(key).is_some(), "summary has {key}: {first}");
        }
        assert_eq!(first["captions"]["vi"], "Lễ hội trái cây");
    }

    let id = s.json(&["list", "--json"], 0)[0]["id"].as_i64().expect("id");
    let by_id = s.show(&id.to_string());
    let by_path = s.show(&photo.to_string_lossy());
    assert_eq!(by_id, by_path);
    for key in [
        "id",
        "kind",
        "content_hash",
        "size",
        "files",
        "width",
        "height",
        "orientation",
        "captured_at",
        "camera_make",
        "camera_model",
        "gps",
        "creator",
        "credit",
        "copyright",
        "headline",
        "captions",
        "keywords",
        "city",
        "province",
        "location",
        "usage_terms",
        "classification",
        "embargo_until",
    ] {
        assert!(by_id.get(key).is_some(), "show has {key}: {by_id}");
    }
    assert!(by_id["gps"]["lat"].is_f64() && by_id["gps"]["lon"].is_f64());

    let missing = s.run(&["show", "999999", "--json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no asset matches"));
}

#[test]
fn a_catalog_from_a_newer_mediadesk_is_refused() {
    let s = Scratch::new();
    s.json(&["list", "--json"], 0);
    let conn = rusqlite::Connection::open(s.library().join("catalog.sqlite")).expect("open");
    conn.pragma_update(None, "user_version", 999).expect("bump");
    drop(conn);
    let out = s.run(&["list", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("newer Mediadesk"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_library_comes_from_the_environment_when_not_given() {
    let s = Scratch::new();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mediadesk"))
        .args(["list", "--json"])
        .env("MEDIADESK_LIBRARY", s.path("from-env"))
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(s.path("from-env/catalog.sqlite").is_file());
}

#[test]
fn an_error_says_each_thing_once() {
    let s = Scratch::new();
    // The library folder is a file: the operating system's reason, and the path, once each.
    std::fs::write(s.library(), b"not a folder").expect("file");
    let out = s.run(&["list"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let path = s.library().to_string_lossy().into_owned();
    assert_eq!(stderr.matches(path.as_str()).count(), 1, "{stderr}");
    assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
    assert!(stderr.starts_with("mediadesk: cannot open the library: "), "{stderr}");

    // A catalog that is not one names itself.
    let t = Scratch::new();
    std::fs::create_dir_all(t.library()).expect("dir");
    std::fs::write(t.library().join("catalog.sqlite"), vec![b'x'; 4096]).expect("garbage");
    let out = t.run(&["list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("catalog.sqlite") && stderr.contains("not a database"), "{stderr}");
    assert_eq!(stderr.matches("not a database").count(), 1, "{stderr}");
}
