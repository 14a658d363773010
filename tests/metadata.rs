//! What `show --json` reports agrees with what exiftool reads from the same file.

use crate::util::*;

fn rich_photo(s: &Scratch) -> std::path::PathBuf {
    let photo = s.path("photos/2025-03-14_tri-an_0001.jpg");
    make_photo(&photo, 1200, 800, "plasma:green-blue", &["-quality", "85"]);
    exiftool_write(
        &photo,
        &[
            "-codedcharacterset=utf8",
            "-XMP-dc:Description-vi=Bình minh trên hồ Trị An, huyện Vĩnh Cửu",
            "-XMP-dc:Description-en=Sunrise over Tri An lake, Vinh Cuu district",
            "-XMP-dc:Description=Bình minh trên hồ Trị An, huyện Vĩnh Cửu",
            "-IPTC:Caption-Abstract=Bình minh trên hồ Trị An, huyện Vĩnh Cửu",
            "-IPTC:Headline=Hồ Trị An mùa nước lên",
            "-XMP-photoshop:Headline=Hồ Trị An mùa nước lên",
            "-IPTC:Keywords=Đồng Nai",
            "-IPTC:Keywords=du lịch",
            "-IPTC:Keywords=tourism",
            "-XMP-dc:Subject=Đồng Nai",
            "-XMP-dc:Subject=du lịch",
            "-XMP-dc:Subject=tourism",
            "-IPTC:By-line=Nguyễn Văn An",
            "-XMP-dc:Creator=Nguyễn Văn An",
            "-IPTC:Credit=Báo Đồng Nai",
            "-XMP-photoshop:Credit=Báo Đồng Nai",
            "-IPTC:CopyrightNotice=© 2025 Báo Đồng Nai",
            "-XMP-dc:Rights=© 2025 Báo Đồng Nai",
            "-IPTC:City=Vĩnh Cửu",
            "-IPTC:Province-State=Đồng Nai",
            "-IPTC:Country-PrimaryLocationName=Việt Nam",
            "-IPTC:Sub-location=Hồ Trị An",
            "-XMP-xmpRights:UsageTerms=Chỉ dùng cho tuyên truyền đối ngoại",
            "-EXIF:Make=Canon",
            "-EXIF:Model=Canon EOS R6",
            "-EXIF:LensModel=RF24-105mm F4 L IS USM",
            "-EXIF:DateTimeOriginal=2025:03:14 06:12:40",
            "-EXIF:OffsetTimeOriginal=+07:00",
            "-EXIF:GPSLatitude=11.1012",
            "-EXIF:GPSLatitudeRef=N",
            "-EXIF:GPSLongitude=107.0431",
            "-EXIF:GPSLongitudeRef=E",
        ],
    );
    photo
}

#[test]
fn show_agrees_with_exiftool() {
    let s = Scratch::new();
    let photo = rich_photo(&s);
    let report = s.ingest(&[&photo], &[], 0);
    assert_eq!(report["added"], 1);
    let shown = s.show(&photo.to_string_lossy());
    let exif = exiftool_read(&photo, &["-charset", "iptc=UTF8"]);

    assert_eq!(shown["kind"], "photo");
    assert_eq!(shown["format"], "jpeg");
    assert_eq!(shown["width"], exif["ImageWidth"]);
    assert_eq!(shown["height"], exif["ImageHeight"]);
    assert_eq!(shown["headline"], exif["Headline"]);
    assert_eq!(shown["captions"]["vi"], exif["Description-vi"]);
    assert_eq!(shown["captions"]["en"], exif["Description-en"]);
    assert_eq!(shown["captions"].as_object().map(|o| o.len()), Some(2), "x-default and IPTC repeat vi: {shown}");
    assert_eq!(shown["keywords"], exif["Keywords"]);
    assert_eq!(shown["creator"], exif["By-line"]);
    assert_eq!(shown["credit"], exif["Credit"]);
    assert_eq!(shown["copyright"], exif["CopyrightNotice"]);
    assert_eq!(shown["city"], exif["City"]);
    assert_eq!(shown["province"], exif["Province-State"]);
    assert_eq!(shown["country"], exif["Country-PrimaryLocationName"]);
    assert_eq!(shown["location"], exif["Sub-location"]);
    assert_eq!(shown["usage_terms"], exif["UsageTerms"]);
    assert_eq!(shown["camera_make"], exif["Make"]);
    assert_eq!(shown["camera_model"], exif["Model"]);
    assert_eq!(shown["lens"], exif["LensModel"]);
    let captured = format!(
        "{}{}",
        exif["DateTimeOriginal"].as_str().expect("date").replacen(':', "-", 2).replace(' ', "T"),
        exif["OffsetTimeOriginal"].as_str().expect("offset")
    );
    assert_eq!(shown["captured_at"], captured.as_str());
    let close = |a: &serde_json::Value, b: &serde_json::Value| {
        (a.as_f64().expect("f64") - b.as_f64().expect("f64")).abs() < 1e-6
    };
    assert!(close(&shown["gps"]["lat"], &exif["GPSLatitude"]), "{shown}");
    assert!(close(&shown["gps"]["lon"], &exif["GPSLongitude"]), "{shown}");
    assert_eq!(shown["classification"], "internal", "new assets are internal until cleared");
    assert_eq!(shown["content_hash"].as_str().map(str::len), Some(64));
}

#[test]
fn thumbnails_stand_upright_and_keep_colour() {
    let s = Scratch::new();
    // Pixels stored sideways (800 wide, 1200 tall after turning), as a camera held upright writes.
    let rotated = s.path("photos/rotated.jpg");
    make_photo(&rotated, 1200, 800, "gradient:white-black", &[]);
    exiftool_write(&rotated, &["-Orientation#=6"]);
    let cmyk = s.path("photos/print-cmyk.jpg");
    make_photo(&cmyk, 900, 600, "xc:rgb(200,30,30)", &["-colorspace", "CMYK"]);
    let progressive = s.path("photos/progressive.jpg");
    make_photo(&progressive, 2000, 1000, "plasma:", &["-interlace", "JPEG"]);
    let png = s.path("photos/logo.png");
    make_photo(&png, 640, 480, "xc:rgba(0,0,255,0.5)", &[]);
    let tiff = s.path("photos/scan.tif");
    make_photo(&tiff, 700, 500, "gradient:yellow-green", &["-depth", "16"]);
    let webp = s.path("photos/web.webp");
    make_photo(&webp, 500, 700, "gradient:orange-purple", &[]);

    let report = s.ingest(&[&s.path("photos")], &[], 0);
    assert_eq!(report["added"], 6, "{report}");

    let thumb = |photo: &std::path::Path, size: u32| {
        let shown = s.show(&photo.to_string_lossy());
        thumbnail(&s.library(), shown["content_hash"].as_str().expect("hash"), size)
    };
    assert_eq!(dimensions(&thumb(&rotated, 256)), (171, 256), "orientation 6 turns the thumbnail upright");
    assert_eq!(dimensions(&thumb(&rotated, 1600)), (800, 1200), "smaller photos are not enlarged");
    // Previews are about 1600 px: JPEGs decode at the nearest DCT scale, a few percent below.
    let (w, h) = dimensions(&thumb(&progressive, 1600));
    assert!((1440..=1600).contains(&w) && w == 2 * h, "preview of a 2000×1000 photo: {w}×{h}");
    assert_eq!(dimensions(&thumb(&progressive, 256)), (256, 128));
    assert_eq!(dimensions(&thumb(&webp, 256)), (183, 256));
    let red = mean_rgb(&thumb(&cmyk, 256));
    assert!(red[0] > 150.0 && red[1] < 80.0 && red[2] < 80.0, "a red CMYK photo gives a red thumbnail, not {red:?}");
    let blue_on_white = mean_rgb(&thumb(&png, 256));
    assert!(
        blue_on_white[2] > 200.0 && blue_on_white[0] > 100.0 && blue_on_white[0] < 160.0,
        "half-transparent blue on white: {blue_on_white:?}"
    );
    for photo in [&tiff, &webp, &png] {
        assert!(thumb(photo, 256).is_file());
    }
}

#[test]
fn an_untagged_caption_gets_the_language_it_is_written_in() {
    let s = Scratch::new();
    let english = s.path("photos/en.jpg");
    make_photo(&english, 300, 200, "xc:gray", &[]);
    exiftool_write(
        &english,
        &[
            "-codedcharacterset=utf8",
            "-IPTC:Caption-Abstract=Foreign reporters visit the Long Thanh international airport construction site",
        ],
    );
    let vietnamese = s.path("photos/vi.jpg");
    make_photo(&vietnamese, 300, 200, "xc:white", &[]);
    exiftool_write(
        &vietnamese,
        &[
            "-codedcharacterset=utf8",
            "-IPTC:Caption-Abstract=Phóng viên nước ngoài thăm công trường sân bay Long Thành",
        ],
    );
    s.ingest(&[&s.path("photos")], &[], 0);
    let en = s.show(&english.to_string_lossy());
    assert_eq!(en["captions"]["en"], exiftool_read(&english, &[])["Caption-Abstract"]);
    let vi = s.show(&vietnamese.to_string_lossy());
    assert_eq!(vi["captions"]["vi"], exiftool_read(&vietnamese, &["-charset", "iptc=UTF8"])["Caption-Abstract"]);
}

#[test]
fn legacy_iptc_is_decoded_from_its_code_page() {
    let s = Scratch::new();
    let photo = s.path("photos/legacy.jpg");
    make_photo(&photo, 300, 200, "xc:gray", &[]);
    // No coded character set (1:90): written as older Vietnamese newsroom software did, in
    // Windows-1258, which spells tones as combining marks after the letter.
    let headline = "Lê\u{303} hô\u{323}i Đô\u{300}ng Nai";
    exiftool_write(
        &photo,
        &["-charset", "iptc=cp1258", &format!("-IPTC:Headline={headline}"), "-IPTC:City=Biên Ho\u{300}a"],
    );
    let raw = exiftool_read(&photo, &["-charset", "iptc=cp1258"]);
    assert_eq!(raw["Headline"], headline, "exiftool reads back what it wrote");
    assert!(exiftool_read(&photo, &[]).get("CodedCharacterSet").is_none());
    s.ingest(&[&photo], &[], 0);
    let shown = s.show(&photo.to_string_lossy());
    assert_eq!(shown["headline"], "Lễ hội Đồng Nai");
    assert_eq!(shown["city"], "Biên Hòa");
}

#[test]
fn text_and_paths_are_stored_in_nfc() {
    let s = Scratch::new();
    let name = "Bưởi Tân Triều.jpg";
    let photo = s.path(&format!("photos/{}", nfd(name)));
    make_photo(&photo, 300, 200, "xc:yellow", &[]);
    exiftool_write(&photo, &["-codedcharacterset=utf8", &format!("-IPTC:Headline={}", nfd("Bưởi Tân Triều"))]);
    s.ingest(&[&s.path("photos")], &[], 0);
    // Found by the NFC spelling a person types, though the file system holds NFD.
    let nfc_path = s.path("photos").join(name);
    let shown = s.show(&nfc_path.to_string_lossy());
    assert_eq!(shown["headline"], "Bưởi Tân Triều");
    assert_eq!(shown["filename"], name);
    let hits = s.search(&["buoi tan trieu"]);
    assert_eq!(hits.len(), 1);
}

#[test]
fn camera_raw_is_catalogued_with_its_metadata_and_said_unsupported() {
    let s = Scratch::new();
    // A TIFF-structured raw file with no embedded preview, as some converters leave them.
    let raw = s.path("photos/DSC_0042.NEF");
    let tiff = s.path("photos/tmp.tif");
    make_photo(&tiff, 600, 400, "gradient:red-blue", &[]);
    std::fs::rename(&tiff, &raw).expect("rename");
    exiftool_write(&raw, &["-Make=NIKON", "-Model=NIKON Z 6_2", "-DateTimeOriginal=2025:02:01 10:00:00"]);
    let report = s.ingest(&[&raw], &[], 0);
    assert_eq!(report["added"], 1, "{report}");
    let shown = s.show(&raw.to_string_lossy());
    assert_eq!(shown["format"], "raw");
    assert_eq!(shown["support"], "metadata_only");
    assert!(shown["support_note"].as_str().is_some_and(|n| n.starts_with("unsupported")), "{shown}");
    assert_eq!(shown["camera_model"], exiftool_read(&raw, &[])["Model"]);
    assert_eq!(shown["captured_at"], "2025-02-01T10:00:00");
}

#[test]
fn camera_raw_gets_thumbnails_from_its_embedded_preview() {
    let s = Scratch::new();
    let tiff = s.path("photos/sensor.tif");
    make_photo(&tiff, 300, 200, "gradient:gray-black", &[]);
    let preview = s.path("photos/preview.jpg");
    make_photo(&preview, 1200, 800, "xc:rgb(20,160,40)", &[]);
    // A raw file: TIFF structure with the camera's full-size JPEG preview inside.
    let mut raw = std::fs::read(&tiff).expect("tiff");
    raw.extend(std::fs::read(&preview).expect("jpeg"));
    let raw_path = s.path("card/DSC_0100.ARW");
    std::fs::create_dir_all(raw_path.parent().expect("dir")).expect("mkdir");
    std::fs::write(&raw_path, raw).expect("write");
    exiftool_write(&raw_path, &["-Make=SONY", "-Model=ILCE-7M4", "-Orientation#=6"]);

    s.ingest(&[&raw_path], &[], 0);
    let shown = s.show(&raw_path.to_string_lossy());
    assert_eq!(shown["support"], "metadata_only");
    assert!(shown["support_note"].as_str().is_some_and(|n| n.contains("embedded by the camera")), "{shown}");
    let grid = thumbnail(&s.library(), shown["content_hash"].as_str().expect("hash"), 256);
    assert_eq!(dimensions(&grid), (171, 256), "the preview, turned upright");
    let [r, g, b] = mean_rgb(&grid);
    assert!(g > 120.0 && r < 60.0 && b < 80.0, "green like the preview, not grey like the sensor data: {r} {g} {b}");
}

#[test]
fn heic_is_catalogued_with_its_metadata_and_said_unsupported() {
    let s = Scratch::new();
    let heic = s.path("phone/IMG_0001.HEIC");
    make_photo(&heic, 600, 400, "plasma:", &[]);
    exiftool_write(
        &heic,
        &["-Make=Apple", "-Model=iPhone 15", "-DateTimeOriginal=2025:04:30 07:00:00", "-OffsetTimeOriginal=+07:00"],
    );
    let report = s.ingest(&[&heic], &[], 0);
    assert_eq!(report["added"], 1, "{report}");
    let shown = s.show(&heic.to_string_lossy());
    let exif = exiftool_read(&heic, &[]);
    assert_eq!(shown["format"], "heif");
    assert_eq!(shown["support"], "metadata_only");
    assert!(shown["support_note"].as_str().is_some_and(|n| n.starts_with("unsupported")), "{shown}");
    assert_eq!(shown["camera_model"], exif["Model"]);
    assert_eq!(shown["captured_at"], "2025-04-30T07:00:00+07:00");
}
