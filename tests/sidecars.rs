//! XMP sidecars, both ways: read at ingest under both conventions (the sidecar winning over
//! the file's own metadata), written on request with every field the catalog holds, and
//! judged by exiftool; what other tools keep in a sidecar survives. And the reconciliation of
//! EXIF, IPTC-IIM and XMP as the Metadata Working Group says, `exiftool -use MWG` the oracle.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::util::*;

fn photo(s: &Scratch, rel: &str) -> PathBuf {
    let path = s.path(rel);
    make_photo(&path, 64, 48, "plasma:", &[]);
    path
}

fn text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

const FIELDS: &[&str] = &[
    "--headline",
    "Sân bay Long Thành",
    "--headline",
    "en=Long Thanh airport",
    "--headline",
    "ko=롱탄 공항",
    "--title",
    "LONGTHANH-SANBAY",
    "--title",
    "en=LONGTHANH-AIRPORT",
    "--caption",
    "vi=Công trường nhà ga hành khách",
    "--caption",
    "en=The passenger terminal site",
    "--keywords",
    "sân bay, Long Thành, đầu tư",
    "--creator",
    "Minh Châu; Lan Anh",
    "--credit",
    "Báo Đồng Nai",
    "--copyright",
    "© 2026 Báo Đồng Nai",
    "--usage-terms",
    "Chỉ dùng cho mục đích biên tập",
    "--usage-terms",
    "en=Editorial use only",
    "--city",
    "Long Thành",
    "--province",
    "Đồng Nai",
    "--country",
    "Việt Nam",
    "--location",
    "Nhà ga T1",
    "--source",
    "Báo Đồng Nai",
    "--source-type",
    "staff",
    "--instructions",
    "Không đăng trước 8 giờ sáng thứ Hai",
    "--web-statement",
    "https://baodongnai.com.vn/ban-quyen",
    "--model-release",
    "unlimited",
    "--property-release",
    "not_applicable",
    "--licensor",
    "Báo Đồng Nai",
    "--territories",
    "VN,KR,JP",
    "--rights-expire",
    "2030-12-31",
    "--theme",
    "4",
    "--audience",
    "foreign_partners",
    "--lead-unit",
    "planning_investment",
    "--channel",
    "press_delegations",
    "--rating",
    "4",
    "--label",
    "green",
    "--persons",
    "Nguyễn Văn An; Trần Thị Bình",
];

/// What exiftool reads from a sidecar equals what `show --json` shows.
fn assert_exiftool_agrees(sidecar: &Path, shown: &Value) {
    let x = exiftool_read(sidecar, &["-G1", "-struct"]);
    let lang_alt = |tag: &str, key: &str| {
        for (lang, value) in shown[key].as_object().expect(key) {
            assert_eq!(x[format!("{tag}-{lang}")], *value, "{tag}-{lang}: {x}");
        }
    };
    lang_alt("XMP-dc:Title", "titles");
    lang_alt("XMP-dc:Description", "captions");
    lang_alt("XMP-xmpRights:UsageTerms", "usage_terms_by_lang");
    lang_alt("XMP-mediadesk:Headline", "headlines");
    assert_eq!(x["XMP-dc:Title"], shown["title"]);
    assert_eq!(x["XMP-dc:Description"], shown["captions"]["vi"]);
    assert_eq!(x["XMP-dc:Subject"], shown["keywords"]);
    let creators: Vec<&str> = shown["creator"].as_str().expect("creator").split("; ").collect();
    assert_eq!(x["XMP-dc:Creator"], json!(creators));
    for (tag, key) in [
        ("XMP-dc:Rights", "copyright"),
        ("XMP-photoshop:Headline", "headline"),
        ("XMP-photoshop:Credit", "credit"),
        ("XMP-photoshop:Source", "source"),
        ("XMP-photoshop:City", "city"),
        ("XMP-photoshop:State", "province"),
        ("XMP-photoshop:Country", "country"),
        ("XMP-photoshop:Instructions", "instructions"),
        ("XMP-iptcCore:Location", "location"),
        ("XMP-xmpRights:UsageTerms", "usage_terms"),
        ("XMP-xmpRights:WebStatement", "web_statement"),
        ("XMP-xmp:Rating", "rating"),
        ("XMP-mediadesk:RightsExpire", "rights_expire"),
        ("XMP-mediadesk:SourceType", "source_type"),
        ("XMP-mediadesk:Classification", "classification"),
    ] {
        assert_eq!(x[tag], shown[key], "{tag} / {key}");
    }
    assert_eq!(x["XMP-xmp:Label"].as_str().map(str::to_lowercase), shown["label"].as_str().map(str::to_owned));
    assert_eq!(x["XMP-plus:Licensor"], json!([{"LicensorName": shown["licensor"]}]));
    assert_eq!(x["XMP-iptcExt:PersonInImage"], shown["persons"]);
    assert_eq!(shown["persons"], json!(["Nguyễn Văn An", "Trần Thị Bình"]));
    // exiftool gives the PLUS code without its vocabulary's address (-n).
    assert_eq!(x["XMP-plus:ModelReleaseStatus"], "MR-UMR");
    assert_eq!(x["XMP-plus:PropertyReleaseStatus"], "PR-NAP");
    for (tag, key) in [
        ("Territories", "territories"),
        ("Themes", "themes"),
        ("Audiences", "audiences"),
        ("LeadUnits", "lead_units"),
        ("Channels", "channels"),
    ] {
        assert_eq!(x[format!("XMP-mediadesk:{tag}")], shown[key], "{tag}");
    }
}

#[test]
fn sidecars_are_written_as_exiftool_reads_them_and_read_back_whole() {
    let s = Scratch::new();
    let original = photo(&s, "tour/long-thanh.jpg");
    s.ingest(&[&s.path("tour")], &[], 0);
    let before = std::fs::read(&original).expect("read");
    let mut args = vec!["edit", "1"];
    args.extend_from_slice(FIELDS);
    args.push("--json");
    let shown = s.json(&args, 0);

    let written = s.json(&["xmp", "write", "1", "--json"], 0);
    let sidecar = s.path("tour/long-thanh.xmp");
    assert_eq!(written, json!([text(&sidecar)]), "Lightroom's and Photo Mechanic's name for it");
    assert_eq!(std::fs::read(&original).expect("read"), before, "the original is never touched");
    assert_exiftool_agrees(&sidecar, &shown);

    // Unchanged since it was written: the next ingest leaves the file alone.
    assert_eq!(s.ingest(&[&s.path("tour")], &[], 0)["unchanged"], 1);

    // Another library reading the folder takes the whole record from the sidecar.
    let other = Scratch::new();
    let report = other.json(&["ingest", &text(&s.path("tour")), "--json"], 0);
    assert_eq!(report["added"], 1, "the sidecar is not an asset: {report}");
    let read = other.show("1");
    for key in [
        "headline",
        "headlines",
        "title",
        "titles",
        "captions",
        "keywords",
        "creator",
        "credit",
        "copyright",
        "usage_terms",
        "usage_terms_by_lang",
        "city",
        "province",
        "country",
        "location",
        "source",
        "source_type",
        "instructions",
        "web_statement",
        "model_release",
        "property_release",
        "licensor",
        "territories",
        "rights_expire",
        "themes",
        "audiences",
        "lead_units",
        "channels",
        "rating",
        "label",
        "persons",
    ] {
        assert_eq!(read[key], shown[key], "{key}");
    }
}

#[test]
fn a_sidecar_wins_over_the_file_and_keeps_what_other_tools_wrote() {
    let s = Scratch::new();
    let jpg = photo(&s, "a/IMG_1.jpg");
    exiftool_write(
        &jpg,
        &[
            "-codedcharacterset=utf8",
            "-IPTC:Headline=Trong tệp",
            "-XMP-photoshop:Headline=Trong tệp",
            "-IPTC:City=Biên Hòa",
        ],
    );
    // A Lightroom sidecar: develop settings as attributes, a history, a headline and a rating.
    let lightroom = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
 <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
   xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
   xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
   crs:Exposure2012="+0.35" crs:WhiteBalance="As Shot" xmp:Rating="3">
  <photoshop:Headline>Trong sidecar</photoshop:Headline>
  <xmpMM:History><rdf:Seq><rdf:li stEvt:action="saved" stEvt:softwareAgent="Adobe Lightroom"/></rdf:Seq></xmpMM:History>
 </rdf:Description></rdf:RDF></x:xmpmeta>"#;
    std::fs::write(s.path("a/IMG_1.JPG.xmp"), lightroom).expect("sidecar");
    // The other convention, beside a second photo.
    let second = photo(&s, "a/IMG_2.jpg");
    std::fs::write(s.path("a/IMG_2.XMP"), lightroom.replace("Trong sidecar", "Ảnh hai")).expect("sidecar 2");
    s.ingest(&[&s.path("a")], &[], 0);
    let first = s.show(&text(&jpg));
    assert_eq!(first["headline"], "Trong sidecar", "the sidecar wins");
    assert_eq!(first["city"], "Biên Hòa", "what the sidecar does not say, the file does");
    assert_eq!(first["rating"], 3);
    assert_eq!(s.show(&text(&second))["headline"], "Ảnh hai");

    s.run(&["edit", &text(&jpg), "--headline", "Đã sửa", "--keywords", "sân bay"]);
    let written = s.json(&["xmp", "write", &text(&jpg), "--json"], 0);
    assert_eq!(written, json!([text(&s.path("a/IMG_1.JPG.xmp"))]), "the sidecar it had");
    let x = exiftool_read(&s.path("a/IMG_1.JPG.xmp"), &["-G1", "-struct"]);
    assert_eq!(x["XMP-photoshop:Headline"], "Đã sửa");
    assert_eq!(x["XMP-dc:Subject"], json!(["sân bay"]));
    assert_eq!(x["XMP-crs:Exposure2012"], "+0.35", "Lightroom's settings stay, as written: {x}");
    assert_eq!(x["XMP-crs:WhiteBalance"], "As Shot");
    assert_eq!(x["XMP-xmpMM:History"][0]["SoftwareAgent"], "Adobe Lightroom", "{x}");
    // Each sidecar written is in the audit log: what left the catalog's keeping, and where to.
    let id = first["id"].to_string();
    let log = s.json(&["audit", "--asset", &id, "--json"], 0);
    let noted: Vec<&Value> = log.as_array().expect("log").iter().filter(|e| e["action"] == "sidecar").collect();
    assert_eq!(noted.len(), 1, "{log}");
    assert_eq!(noted[0]["detail"]["to"], text(&s.path("a/IMG_1.JPG.xmp")));

    // A RAW+JPEG pair with no sidecar yet: each gets one of its own.
    let pair = photo(&s, "b/DSC_9.jpg");
    std::fs::copy(&pair, s.path("b/DSC_9.tif")).expect("pair");
    make_photo(&s.path("b/DSC_9.tif"), 40, 40, "gradient:red-blue", &[]);
    s.ingest(&[&s.path("b")], &[], 0);
    let written = s.json(&["xmp", "write", &text(&pair), &text(&s.path("b/DSC_9.tif")), "--json"], 0);
    assert_eq!(written, json!([text(&s.path("b/DSC_9.jpg.xmp")), text(&s.path("b/DSC_9.tif.xmp"))]));
}

#[test]
fn broken_sidecars_fail_their_file_and_change_nothing() {
    let s = Scratch::new();
    let kept = photo(&s, "c/kept.jpg");
    std::fs::write(s.path("c/kept.xmp"), r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Headline="Đúng"/></rdf:RDF></x:xmpmeta>"#).expect("good");
    s.ingest(&[&s.path("c")], &[], 0);
    assert_eq!(s.show(&text(&kept))["headline"], "Đúng");

    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">{}]><x>&lol9;</x>",
        (1..10)
            .map(|i| format!(
                "<!ENTITY lol{i} \"{}\">",
                format!("&lol{};", if i == 1 { String::new() } else { (i - 1).to_string() }).repeat(10)
            ))
            .collect::<String>()
    );
    for (name, body) in [
        ("broken", "<x:xmpmeta><rdf:RDF>".to_owned()),
        ("dtd", "<!DOCTYPE x SYSTEM \"http://example.com/x.dtd\"><x/>".to_owned()),
        ("laughs", laughs),
    ] {
        let file = photo(&s, &format!("c/{name}.jpg"));
        std::fs::write(s.path(&format!("c/{name}.xmp")), body).expect("sidecar");
        let report = s.ingest(&[&file], &[], 1);
        let failed = &report["failed"][0];
        assert_eq!(failed["path"], text(&file));
        assert!(failed["error"].as_str().expect("error").contains(&format!("{name}.xmp")), "{failed}");
        assert_eq!(report["added"], 0, "{name}: not half-read");
    }
    // A sidecar that breaks after its file was catalogued: the asset stays as it was.
    std::fs::write(s.path("c/kept.xmp"), "<x:xmpmeta>").expect("break");
    let report = s.ingest(&[&kept], &[], 1);
    assert_eq!(report["failed"].as_array().map(Vec::len), Some(1));
    assert_eq!(s.show(&text(&kept))["headline"], "Đúng");
}

#[test]
fn a_state_secret_gets_no_sidecar() {
    let s = Scratch::new();
    let file = photo(&s, "d/mat.jpg");
    s.ingest(&[&s.path("d")], &[], 0);
    s.run(&["edit", "1", "--headline", "Khu vực hạn chế"]);
    s.json(&["xmp", "write", "1", "--json"], 0);
    s.run(&["edit", "1", "--classification", "Mật"]);
    let out = s.run(&["xmp", "write", "1", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Mật") && stderr.contains("still there"), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    assert!(file.is_file());
}

#[test]
fn exif_iim_and_xmp_are_reconciled_as_exiftool_does_with_mwg() {
    let s = Scratch::new();
    let base = [
        "-codedcharacterset=utf8",
        "-XMP-dc:Description=Mô tả XMP",
        "-IPTC:Caption-Abstract=Mô tả IIM",
        "-XMP-dc:Subject=xmp",
        "-IPTC:Keywords=iim",
        "-XMP-dc:Creator=Tác giả XMP",
        "-IPTC:By-line=Tác giả IIM",
        "-XMP-dc:Rights=© XMP",
        "-IPTC:CopyrightNotice=© IIM",
        "-XMP-photoshop:City=Biên Hòa",
        "-IPTC:City=Long Khánh",
        "-XMP-photoshop:DateCreated=2026:01:02 03:04:05",
        "-IPTC:DateCreated=2025:06:07",
        "-IPTC:TimeCreated=08:09:10",
    ];
    let cases: Vec<(&str, Vec<&str>)> = vec![
        // No digest: XMP.
        ("no-digest", vec![]),
        // A digest that matches: IIM and XMP agree, XMP first.
        ("in-step", vec!["-IPTCDigest=new"]),
        // A digest that does not: IIM was changed by a tool that left XMP behind.
        ("iim-changed", vec!["-IPTCDigest=0123456789abcdef0123456789abcdef"]),
        // EXIF's description, artist and copyright come first of all.
        (
            "exif",
            vec![
                "-EXIF:ImageDescription=Mô tả EXIF",
                "-EXIF:Artist=Tác giả EXIF",
                "-EXIF:Copyright=© EXIF",
                "-EXIF:DateTimeOriginal=2024:01:01 00:00:00",
            ],
        ),
        // No XMP at all: IIM.
        ("iim-only", vec!["-XMP:all="]),
    ];
    for (name, extra) in &cases {
        let file = photo(&s, &format!("m/{name}.jpg"));
        let mut tags: Vec<&str> = base.to_vec();
        tags.extend(extra.iter().copied());
        exiftool_write(&file, &tags);
    }
    s.ingest(&[&s.path("m")], &[], 0);
    for (name, _) in &cases {
        let file = s.path(&format!("m/{name}.jpg"));
        let mwg = exiftool_read(
            &file,
            &[
                "-use",
                "MWG",
                "-MWG:Description",
                "-MWG:Creator",
                "-MWG:Copyright",
                "-MWG:Keywords",
                "-MWG:City",
                "-MWG:DateTimeOriginal",
            ],
        );
        let shown = s.show(&text(&file));
        let caption = shown["captions"].as_object().expect("captions").values().next().cloned().unwrap_or_default();
        assert_eq!(caption, mwg["Description"], "{name}: description");
        assert_eq!(shown["creator"], mwg["Creator"], "{name}: creator");
        assert_eq!(shown["copyright"], mwg["Copyright"], "{name}: copyright");
        assert_eq!(shown["keywords"], json!([mwg["Keywords"]]), "{name}: keywords");
        assert_eq!(shown["city"], mwg["City"], "{name}: city");
        // "2026:01:02 03:04:05" as ISO 8601, as the catalog keeps it.
        let oracle = mwg["DateTimeOriginal"].as_str().unwrap_or("?").replacen(':', "-", 2).replacen(' ', "T", 1);
        let taken = shown["captured_at"].as_str().unwrap_or_default();
        assert!(taken.starts_with(&oracle[..19.min(oracle.len())]), "{name}: {taken} vs {oracle}");
    }
    // The cases really disagree: one says XMP, one IIM, one EXIF.
    let said: Vec<Value> = ["no-digest", "iim-changed", "exif"]
        .iter()
        .map(|n| s.show(&text(&s.path(&format!("m/{n}.jpg"))))["creator"].clone())
        .collect();
    assert_eq!(said, [json!("Tác giả XMP"), json!("Tác giả IIM"), json!("Tác giả EXIF")]);
}

#[test]
fn an_xmp_packet_in_utf16_is_read_like_a_utf8_one() {
    let s = Scratch::new();
    let packet = r#"<?xpacket begin="﻿" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><photoshop:Headline>Hồ Trị An mùa nước nổi</photoshop:Headline><dc:description><rdf:Alt><rdf:li xml:lang="x-default">Thuyền trên hồ Trị An</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;
    for (name, big_endian) in [("be", true), ("le", false)] {
        let file = photo(&s, &format!("u/{name}.jpg"));
        let script = r#"
import sys
path, packet, big = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
data = open(path, "rb").read()
body = b"http://ns.adobe.com/xap/1.0/\0" + packet.encode("utf-16-be" if big else "utf-16-le")
segment = b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body
open(path, "wb").write(data[:2] + segment + data[2:])
"#;
        tool("python3", &["-c", script, &text(&file), packet, if big_endian { "1" } else { "0" }]);
        let oracle = exiftool_read(&file, &["-XMP:Headline", "-XMP:Description"]);
        assert_eq!(oracle["Headline"], "Hồ Trị An mùa nước nổi", "exiftool reads it: {oracle}");
    }
    s.ingest(&[&s.path("u")], &[], 0);
    for name in ["be", "le"] {
        let shown = s.show(&text(&s.path(&format!("u/{name}.jpg"))));
        assert_eq!(shown["headline"], "Hồ Trị An mùa nước nổi", "{name}");
        assert_eq!(shown["captions"]["vi"], "Thuyền trên hồ Trị An", "{name}");
    }
}

#[test]
fn a_lightroom_sidecar_with_a_bom_and_nested_settings_is_read_and_kept() {
    let s = Scratch::new();
    let jpg = photo(&s, "l/DSC_1.jpg");
    exiftool_write(&jpg, &["-EXIF:Artist=Tác giả EXIF", "-EXIF:Copyright=© EXIF"]);
    // A byte-order mark, a look nested inside the description, and a creator: the sidecar
    // wins over the file's EXIF, whatever MWG says of the file alone.
    let lightroom = "\u{feff}<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">
 <rdf:Description rdf:about=\"\" xmlns:crs=\"http://ns.adobe.com/camera-raw-settings/1.0/\"
   xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\"
   crs:Exposure2012=\"-0.20\">
  <crs:Look><rdf:Description crs:Name=\"Adobe Color\" crs:Amount=\"1\"><crs:Parameters><rdf:Description crs:ProcessVersion=\"11.0\"/></crs:Parameters></rdf:Description></crs:Look>
  <dc:creator><rdf:Seq><rdf:li>Tác giả sidecar</rdf:li></rdf:Seq></dc:creator>
  <photoshop:Credit>Báo Đồng Nai</photoshop:Credit>
 </rdf:Description></rdf:RDF></x:xmpmeta>";
    let sidecar = s.path("l/DSC_1.xmp");
    std::fs::write(&sidecar, lightroom).expect("sidecar");
    assert_eq!(exiftool_read(&sidecar, &["-XMP-dc:Creator"])["Creator"], "Tác giả sidecar", "exiftool reads it");
    s.ingest(&[&s.path("l")], &[], 0);
    let shown = s.show(&text(&jpg));
    assert_eq!(shown["creator"], "Tác giả sidecar", "the sidecar wins over EXIF");
    assert_eq!(shown["copyright"], "© EXIF", "what the sidecar does not say, the file does");
    assert_eq!(shown["credit"], "Báo Đồng Nai");
    assert!(shown["headline"].is_null(), "nothing nested is taken for the asset's own: {shown}");

    s.run(&["edit", &text(&jpg), "--headline", "Đồi chè"]);
    s.json(&["xmp", "write", &text(&jpg), "--json"], 0);
    // Strict XML, and Lightroom's look still nested where it was.
    tool("python3", &["-c", "import sys, xml.dom.minidom as m; m.parse(sys.argv[1])", &text(&sidecar)]);
    let x = exiftool_read(&sidecar, &["-G1", "-struct"]);
    assert_eq!(x["XMP-photoshop:Headline"], "Đồi chè");
    assert_eq!(x["XMP-crs:Look"]["Name"], "Adobe Color", "{x}");
    // exiftool -n reads the numbers as numbers.
    assert_eq!(x["XMP-crs:Look"]["Parameters"]["ProcessVersion"], json!(11.0), "{x}");
    assert_eq!(x["XMP-crs:Exposure2012"], json!(-0.2));

    // Another tool changes the credit in the sidecar: the next ingest reads it, and the audit
    // log says where the change came from.
    let changed = std::fs::read_to_string(&sidecar).expect("read").replace("Báo Đồng Nai", "Đài PT-TH Đồng Nai");
    std::fs::write(&sidecar, changed).expect("write");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options().write(true).open(&sidecar).and_then(|f| f.set_modified(later)).expect("touch");
    s.ingest(&[&s.path("l")], &[], 0);
    assert_eq!(s.show(&text(&jpg))["credit"], "Đài PT-TH Đồng Nai");
    let log = s.json(&["audit", "--asset", "1", "--json"], 0);
    let rights: Vec<&Value> = log.as_array().expect("log").iter().filter(|e| e["action"] == "rights").collect();
    assert!(
        rights.iter().any(|e| e["detail"]["field"] == "credit"
            && e["detail"]["to"] == "Đài PT-TH Đồng Nai"
            && e["detail"]["reason"] == "read from the file"),
        "{log}"
    );
}
