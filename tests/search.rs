//! Search finds what photos say, with or without diacritics, and filters narrow it.

use crate::util::*;

fn library_of_three(s: &Scratch) {
    let photos = [
        ("a.jpg", "Đồng Nai đón đoàn phóng viên Hàn Quốc", "Biên Hòa", "Canon EOS R6", "2024:05:01 09:00:00"),
        ("b.jpg", "Bưởi Tân Triều vào mùa", "Vĩnh Cửu", "NIKON Z 6_2", "2025:01:20 15:30:00"),
        ("c.jpg", "Khu công nghiệp Amata", "Biên Hòa", "ILCE-7M4", "2025:08:09 07:45:00"),
    ];
    for (name, headline, city, model, date) in photos {
        let path = s.path(&format!("photos/{name}"));
        make_photo(&path, 320, 240, "xc:gray", &[]);
        exiftool_write(
            &path,
            &[
                "-codedcharacterset=utf8",
                &format!("-IPTC:Headline={headline}"),
                &format!("-IPTC:City={city}"),
                &format!("-EXIF:Model={model}"),
                &format!("-EXIF:DateTimeOriginal={date}"),
            ],
        );
    }
    s.ingest(&[&s.path("photos")], &[], 0);
}

fn filenames(hits: &[serde_json::Value]) -> Vec<String> {
    let mut names: Vec<String> = hits.iter().map(|h| h["filename"].as_str().unwrap_or_default().to_owned()).collect();
    names.sort();
    names
}

#[test]
fn finds_vietnamese_with_or_without_diacritics() {
    let s = Scratch::new();
    library_of_three(&s);
    assert_eq!(filenames(&s.search(&["dong nai"])), ["a.jpg"]);
    assert_eq!(filenames(&s.search(&["Đồng Nai"])), ["a.jpg"]);
    assert_eq!(filenames(&s.search(&["DONG NAI"])), ["a.jpg"]);
    assert_eq!(filenames(&s.search(&["bien hoa"])), ["a.jpg", "c.jpg"]);
    assert_eq!(filenames(&s.search(&["buoi"])), ["b.jpg"]);
    assert_eq!(filenames(&s.search(&["phong vien han"])), ["a.jpg"], "the last word is a prefix (type-ahead)");
    assert_eq!(filenames(&s.search(&["amat"])), ["c.jpg"]);
    assert_eq!(filenames(&s.search(&["\"bien hoa\" amata"])), ["c.jpg"]);
    assert!(s.search(&["\"hoa bien\""]).is_empty(), "a quoted phrase keeps its order");
    assert!(s.search(&["hanoi"]).is_empty());
    // FTS syntax typed by a person is taken as words, never as an error.
    assert!(s.search(&["NEAR(\" OR *"]).is_empty());
}

#[test]
fn filters_narrow_results() {
    let s = Scratch::new();
    library_of_three(&s);
    assert_eq!(filenames(&s.search(&["bien hoa", "--camera", "canon"])), ["a.jpg"]);
    assert_eq!(filenames(&s.search(&["bien hoa", "--from", "2025-01-01"])), ["c.jpg"]);
    assert_eq!(filenames(&s.search(&["bien hoa", "--to", "2024-05-01"])), ["a.jpg"], "--to includes its whole day");
    assert_eq!(
        filenames(&s.search(&["bien hoa", "--kind", "photo", "--classification", "internal"])),
        ["a.jpg", "c.jpg"]
    );
    assert!(s.search(&["bien hoa", "--kind", "video"]).is_empty());
    assert!(s.search(&["bien hoa", "--classification", "public"]).is_empty());
    // Newest capture first.
    let hits = s.search(&["bien hoa"]);
    assert_eq!(hits[0]["filename"], "c.jpg");
    let listed = s.json(&["list", "--json", "--from", "2025-01-01", "--to", "2025-01-31"], 0);
    assert_eq!(filenames(listed.as_array().expect("array")), ["b.jpg"]);
    let bad = s.run(&["search", "x", "--from", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a date"));
}
