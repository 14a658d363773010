//! Copy and verify from a card into dated folders.

use crate::util::*;

#[test]
fn copies_into_dated_folders_verifies_and_catalogs_the_copies() {
    let s = Scratch::new();
    let card = s.path("card/DCIM/100CANON");
    let dated = card.join("IMG_0001.JPG");
    make_photo(&dated, 600, 400, "plasma:", &[]);
    exiftool_write(&dated, &["-EXIF:DateTimeOriginal=2025:03:14 08:30:00", "-EXIF:OffsetTimeOriginal=+07:00"]);
    let undated = card.join("IMG_0002.JPG");
    make_photo(&undated, 600, 400, "gradient:", &[]);
    let broken = card.join("IMG_0003.JPG");
    std::fs::write(&broken, b"\xFF\xD8\xFF\xE0 not really").expect("write");
    let before = snapshot(&s.path("card"));
    let archive = s.path("archive");

    let report = s.ingest(&[&s.path("card")], &["--copy-to", &archive.to_string_lossy()], 1);
    assert_eq!(report["added"], 2, "{report}");
    assert_eq!(report["failed"].as_array().map(Vec::len), Some(1));

    let copy = archive.join("2025/2025-03-14/IMG_0001.JPG");
    assert_eq!(std::fs::read(&copy).expect("copy exists"), std::fs::read(&dated).expect("original"));
    let shown = s.show(&copy.to_string_lossy());
    assert_eq!(shown["path"], copy.to_string_lossy().as_ref());
    assert_eq!(shown["files"].as_array().map(Vec::len), Some(1), "the card is not catalogued");
    // Even a file Mediadesk cannot read is copied off the card before it fails.
    let broken_copies: Vec<_> = walkdir(&archive).into_iter().filter(|p| p.ends_with("IMG_0003.JPG")).collect();
    assert_eq!(broken_copies.len(), 1);
    assert_eq!(snapshot(&s.path("card")), before, "the card is only read");

    // Running again copies nothing twice.
    let again = s.ingest(&[&s.path("card")], &["--copy-to", &archive.to_string_lossy()], 1);
    assert_eq!(again["added"], 0, "{again}");
    assert_eq!(walkdir(&archive).len(), 3);
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    snapshot(dir).into_iter().map(|(p, _, _)| p).collect()
}
