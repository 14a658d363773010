//! Kit builds through the CLI, judged by the field's own tools: Python `bagit` validates the
//! bag and `bagit_profile` the profile it declares, `jsonschema` the ninjs against IPTC's
//! schema, exiftool every rendition's metadata, ImageMagick (lcms) its colours, `unzip` the
//! ZIP, pandoc the .docx. A build killed with SIGKILL leaves no half kit and finishes when run
//! again; rebuilds are byte-identical; `kit verify` refuses what a receiver must refuse.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::*;

const NINJS_SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/kits/ninjs");
const NINJS_CHECK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oracles/ninjs_check.py");
const BAG_PROFILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/kits/bagit-profile.json");
const PROFILE_URI: &str = "https://mediadesk.dongnai.gov.vn/bagit/press-kit-1.0.json";
const SRGB: &str = "/usr/share/color/icc/sRGB.icc";
const ADOBE: &str = "/usr/share/color/icc/compatibleWithAdobeRGB1998.icc";
const CMYK: &str = "/usr/share/color/icc/ghostscript/default_cmyk.icc";

fn python(script: &str, args: &[&str]) -> std::process::Output {
    Command::new("python3").arg("-c").arg(script).args(args).output().expect("python3")
}

/// bagit.py's own validation, and the shipped BagIt profile's by bagit_profile.
pub(crate) fn assert_valid_bag(bag: &Path) {
    let out = python(
        "import bagit, bagit_profile, json, sys\n\
         bag = bagit.Bag(sys.argv[1]); bag.validate()\n\
         p = bagit_profile.Profile(sys.argv[2], profile=json.load(open(sys.argv[3])))\n\
         assert p.validate(bag), [str(e) for e in p.report.errors]\n\
         assert p.validate_serialization(sys.argv[1])\n",
        &[&bag.to_string_lossy(), PROFILE_URI, BAG_PROFILE],
    );
    assert!(out.status.success(), "{} is not a valid bag: {}", bag.display(), String::from_utf8_lossy(&out.stderr));
}

pub(crate) fn ninjs_errors(bag: &Path) -> Value {
    let out = Command::new("python3").args([NINJS_CHECK, NINJS_SCHEMA, &bag.to_string_lossy()]).output().expect("py");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

/// The files in which two payloads differ, by name (empty when they are the same).
fn differing(a: &Path, b: &Path) -> Vec<String> {
    let (a, b) = (payload(a), payload(b));
    let names: std::collections::BTreeSet<&String> = a.iter().chain(&b).map(|(n, _)| n).collect();
    let get = |p: &[(String, Vec<u8>)], n: &str| p.iter().find(|(m, _)| m == n).map(|(_, d)| d.clone());
    names.into_iter().filter(|n| get(&a, n) != get(&b, n)).cloned().collect()
}

fn payload(bag: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let data = bag.join("data");
    for entry in walk(&data) {
        let rel = entry.strip_prefix(&data).expect("rel").to_string_lossy().into_owned();
        out.push((rel, std::fs::read(&entry).expect("read")));
    }
    out.sort();
    out
}

pub(crate) fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn id(s: &Scratch, path: &Path) -> String {
    s.show(&path.to_string_lossy())["id"].to_string()
}

/// A newsroom's photos (a 24-megapixel-class one with GPS and a camera serial, an Adobe RGB
/// one, a CMYK one from print, a small one) and a reportage, in Vietnamese and English.
struct Desk {
    s: Scratch,
    photos: Vec<PathBuf>,
    reportage: String,
}

impl Desk {
    fn new() -> Desk {
        let s = Scratch::new();
        let dir = s.path("in");
        let big = dir.join("big.jpg");
        make_photo(&big, 4000, 3000, "plasma:fractal", &["-seed", "7"]);
        exiftool_write(
            &big,
            &[
                "-GPSLatitude=10.95",
                "-GPSLatitudeRef=N",
                "-GPSLongitude=106.82",
                "-GPSLongitudeRef=E",
                "-SerialNumber=CAM-0042",
                "-Make=Canon",
            ],
        );
        let adobe = dir.join("adobe.jpg");
        make_photo(&adobe, 1200, 800, "gradient:lime-yellow", &["-profile", ADOBE]);
        let cmyk = dir.join("cmyk.jpg");
        make_photo(&cmyk, 900, 600, "gradient:cyan-magenta", &["-colorspace", "cmyk", "-profile", CMYK]);
        let small = dir.join("small.jpg");
        make_photo(&small, 640, 480, "gradient:red-blue", &[]);
        s.ingest(&[&dir], &["--classification", "public"], 0);
        let photos = vec![big, adobe, cmyk, small];
        for (i, p) in photos.iter().enumerate() {
            let id = id(&s, p);
            let ok = s
                .run(&[
                    "edit",
                    &id,
                    "--caption",
                    &format!("vi=Sân bay Long Thành, ảnh {i}: đường băng số một"),
                    "--caption",
                    &format!("en=Long Thanh airport, photo {i}: runway one"),
                    "--headline",
                    "Sân bay Long Thành",
                    "--headline",
                    "en=Long Thanh airport",
                    "--credit",
                    "Báo Đồng Nai",
                    "--creator",
                    "Nguyễn Thị Thảo",
                    "--copyright",
                    "© 2026 Báo Đồng Nai",
                    "--city",
                    "Long Thành",
                    "--country",
                    "Việt Nam",
                    "--territories",
                    "worldwide",
                    "--keywords",
                    "sân bay; Long Thành",
                ])
                .status
                .success();
            assert!(ok, "edit {id}");
            for part in ["caption", "headline"] {
                s.json(&["tr", "set", &id, part, "en", "approved", "--json"], 0);
            }
        }
        let r = format!("r:{}", s.json(&["reportage", "new", "Sân bay Long Thành cất cánh", "--json"], 0)["id"]);
        let body = s.path("vi.md");
        std::fs::write(&body, "## Nhà ga\n\nNhà ga hành khách đã **xong** phần thô.<script>alert(1)</script>\n")
            .expect("vi");
        let en = s.path("en.md");
        std::fs::write(&en, "## The terminal\n\nThe passenger terminal's shell is **done**.\n").expect("en");
        s.json(
            &[
                "reportage",
                "set",
                &r,
                "--body-file",
                &body.to_string_lossy(),
                "--standfirst",
                "Đồng Nai đón nhà đầu tư.",
                "--json",
            ],
            0,
        );
        s.json(
            &[
                "reportage",
                "set",
                &r,
                "--lang",
                "en",
                "--headline",
                "Long Thanh takes off",
                "--standfirst",
                "Dong Nai welcomes investors.",
                "--body-file",
                &en.to_string_lossy(),
                "--json",
            ],
            0,
        );
        for part in ["headline", "standfirst", "body"] {
            s.json(&["tr", "set", &r, part, "en", "approved", "--json"], 0);
        }
        let mut add: Vec<String> = vec!["reportage".into(), "add".into(), r.clone()];
        add.extend(photos.iter().map(|p| p.to_string_lossy().into_owned()));
        add.push("--json".into());
        s.json(&add.iter().map(String::as_str).collect::<Vec<_>>(), 0);
        s.json(
            &["reportage", "set", &r, "--classification", "public", "--reason", "cleared by the editor", "--json"],
            0,
        );
        for status in ["editing", "approved"] {
            s.json(&["reportage", "set", &r, "--status", status, "--json"], 0);
        }
        Desk { s, photos, reportage: r }
    }

    fn kit(&self, profile: &str, langs: &[&str], recipient: &str, items: &[&str]) -> String {
        let mut args = vec!["kit", "new", "--profile", profile, "--recipient", recipient, "--country", "GB"];
        for l in langs {
            args.extend(["--lang", l]);
        }
        args.extend_from_slice(items);
        args.push("--json");
        self.s.json(&args, 0)["id"].to_string()
    }

    fn build(&self, kit: &str, out: &Path, zip: bool) -> Value {
        let o = out.to_string_lossy();
        let mut args = vec!["kit", "build", kit, "-o", &o, "--json"];
        if zip {
            args.push("--zip");
        }
        self.s.json(&args, 0)
    }
}

fn distance(a: [f64; 3], b: [f64; 3]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max)
}

#[test]
fn a_newspaper_kit_is_a_bag_the_receivers_tools_accept() {
    let d = Desk::new();
    let s = &d.s;
    let originals: Vec<Vec<u8>> = d.photos.iter().map(|p| std::fs::read(p).expect("read")).collect();
    let kit = d.kit("newspaper", &["en"], "The Guardian, foreign desk", &[&d.reportage]);
    let out = s.path("out");
    let built = d.build(&kit, &out, true);
    for key in ["kit", "version", "path", "zip", "files", "bytes"] {
        assert!(built.get(key).is_some(), "{key} in {built}");
    }
    assert_eq!(built["version"], 1);
    let bag = PathBuf::from(built["path"].as_str().expect("path"));
    assert!(bag.starts_with(out.canonicalize().expect("out")));
    assert_valid_bag(&bag);
    let ninjs = ninjs_errors(&bag);
    assert_eq!(ninjs["errors"], serde_json::json!([]), "{ninjs}");
    assert_eq!(ninjs["files"], 5, "one ninjs per item and language: four photos and the reportage");
    let zip = built["zip"].as_str().expect("zip");
    tool("unzip", &["-tq", zip]);
    let files = payload(&bag);
    assert_eq!(built["files"], files.len());
    assert_eq!(built["bytes"], files.iter().map(|(_, b)| b.len()).sum::<usize>());

    // Renditions: metadata in English by exiftool, GPS and serials gone, sRGB, never enlarged.
    let sources = [(4000, 3000), (1200, 800), (900, 600), (640, 480)];
    for (photo, (w, h)) in d.photos.iter().zip(sources) {
        let pid = id(s, photo);
        let (name, _) = files.iter().find(|(n, _)| n.starts_with(&format!("photos/{pid}-"))).expect("rendition");
        let file = bag.join("data").join(name);
        let meta = exiftool_read(&file, &["-G1", "-CurrentIPTCDigest", "-all"]);
        assert!(meta["XMP-dc:Description"].as_str().is_some_and(|c| c.contains("runway one")), "{meta:#}");
        assert_eq!(meta["XMP-photoshop:Headline"], "Long Thanh airport");
        assert_eq!(meta["IPTC:Headline"], "Long Thanh airport");
        assert_eq!(meta["IPTC:By-line"], "Nguyễn Thị Thảo");
        assert_eq!(meta["XMP-photoshop:Credit"], "Báo Đồng Nai");
        assert_eq!(meta["XMP-photoshop:City"], "Long Thành");
        assert!(meta["XMP-dc:Title"].as_str().is_some_and(|t| t.starts_with("0001-SAN-BAY-LONG-THANH")), "{meta:#}");
        assert_eq!(meta["IPTC:ObjectName"], meta["XMP-dc:Title"]);
        assert_eq!(meta["IPTC:CodedCharacterSet"], "\u{1b}%G");
        assert_eq!(meta["Photoshop:IPTCDigest"], meta["File:CurrentIPTCDigest"], "the digest says XMP and IIM agree");
        assert_eq!(meta["ICC_Profile:ProfileDescription"], "sRGB IEC61966-2.1");
        for gone in ["GPS:GPSLatitude", "Composite:GPSPosition", "ExifIFD:SerialNumber", "IFD0:Make"] {
            assert!(meta.get(gone).is_none(), "{gone} leaked into {name}");
        }
        let (rw, rh) = dimensions(&file);
        assert!(rw <= w && rh <= h, "{name} is {rw}×{rh}, the source {w}×{h}");
        assert!(rw.max(rh) <= 3000);
        assert_eq!(rw * h, rh * w, "the aspect is kept");
    }
    let big = files.iter().find(|(n, _)| n.starts_with(&format!("photos/{}-", id(s, &d.photos[0])))).expect("big");
    assert_eq!(dimensions(&bag.join("data").join(&big.0)), (3000, 2250));

    // Colours converted, not relabelled: as lcms (ImageMagick) converts them, unlike the source.
    for (photo, rendition_of) in [(&d.photos[1], 1), (&d.photos[2], 2)] {
        let pid = id(s, photo);
        let (name, _) = files.iter().find(|(n, _)| n.starts_with(&format!("photos/{pid}-"))).expect("r");
        let reference = s.path(&format!("reference-{rendition_of}.png"));
        tool("convert", &[&photo.to_string_lossy(), "-profile", SRGB, &reference.to_string_lossy()]);
        let (ours, lcms) = (mean_rgb(&bag.join("data").join(name)), mean_rgb(&reference));
        let unconverted = mean_rgb(photo);
        assert!(distance(ours, lcms) < 4.0, "{name}: ours {ours:?}, lcms {lcms:?}");
        assert!(distance(unconverted, lcms) > 10.0 || rendition_of == 2, "the test photo must need converting");
    }

    // Texts: the article as text and .docx (read by pandoc), without the script.
    let txt = String::from_utf8(
        files.iter().find(|(n, _)| n.starts_with("texts/en/r") && n.ends_with(".txt")).expect("txt").1.clone(),
    )
    .expect("utf8");
    let names: Vec<&String> = files.iter().map(|(n, _)| n).collect();
    assert!(txt.starts_with("Long Thanh takes off\n"), "{txt} in {names:?}");
    assert!(txt.contains("The passenger terminal's shell is done."));
    let docx = bag.join("data").join(&files.iter().find(|(n, _)| n.ends_with(".docx")).expect("docx").0);
    let plain = String::from_utf8(tool("pandoc", &["-f", "docx", "-t", "plain", "-s", &docx.to_string_lossy()]).stdout)
        .expect("utf8");
    assert!(plain.contains("Long Thanh takes off") && plain.contains("The terminal"), "{plain}");
    let vi: Vec<&String> = files.iter().filter(|(n, _)| n.contains("/vi/")).map(|(n, _)| n).collect();
    assert!(vi.is_empty(), "no Vietnamese beside in a newspaper kit: {vi:?}");
    for (n, bytes) in &files {
        assert!(!String::from_utf8_lossy(bytes).contains("alert(1)"), "{n} carries the body's script");
    }

    // Originals untouched; the register and the audit chain hold the build.
    for (p, before) in d.photos.iter().zip(originals) {
        assert_eq!(std::fs::read(p).expect("read"), before, "{} changed", p.display());
    }
    let register = s.json(&["deliveries", "--json"], 0);
    let entry = &register.as_array().expect("array")[0];
    for key in [
        "kit",
        "version",
        "recipient",
        "country",
        "profile",
        "languages",
        "items",
        "tagmanifest_sha256",
        "path",
        "by",
        "at",
    ] {
        assert!(entry.get(key).is_some(), "{key} in {entry}");
    }
    assert_eq!(entry["recipient"], "The Guardian, foreign desk");
    assert_eq!(entry["items"], serde_json::json!([d.reportage]));
    let tags = std::fs::read(bag.join("tagmanifest-sha256.txt")).expect("tags");
    let sha = String::from_utf8(tool("sha256sum", &[&bag.join("tagmanifest-sha256.txt").to_string_lossy()]).stdout)
        .expect("sha");
    assert!(!tags.is_empty());
    assert_eq!(entry["tagmanifest_sha256"], sha.split_whitespace().next().expect("sum"));
    assert!(s.run(&["audit", "verify"]).status.success());
    assert_eq!(s.json(&["kit", "show", &kit, "--json"], 0)["version"], 2, "the next build is version 2");

    // The same kit again: a new version, the payload byte for byte the same.
    let again = d.build(&kit, &out, false);
    assert_eq!(again["version"], 2);
    assert_eq!(payload(Path::new(again["path"].as_str().expect("p"))), files, "rebuilds are deterministic");
    let verified = s.json(&["kit", "verify", zip, "--json"], 0);
    assert_eq!(verified["ok"], true, "{verified}");
}

#[test]
fn a_kit_with_blockers_writes_nothing_and_one_raised_after_its_preflight_is_caught() {
    let d = Desk::new();
    let s = &d.s;
    let kit = d.kit("newspaper", &["en"], "Reuters", &[&d.reportage]);
    assert_eq!(s.json(&["kit", "preflight", &kit, "--json"], 0)["ok"], true);
    // Raised between the preflight and the build: the build asks the gate again.
    let secret = id(s, &d.photos[3]);
    assert!(s.run(&["edit", &secret, "--classification", "Mật"]).status.success());
    let out = s.path("out");
    let refused = s.json(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"], 1);
    assert_eq!(refused["built"], false);
    assert!(refused["preflight"]["blockers"].as_array().expect("b").iter().any(|b| b["rule"] == "classified"));
    let left: Vec<PathBuf> = if out.exists() { walk(&out) } else { Vec::new() };
    assert!(left.is_empty(), "a refused build wrote {left:?}");
    assert_eq!(s.json(&["deliveries", "--json"], 0), serde_json::json!([]));
    // Dropped from the kit, the rest goes; and a kit verified after a raise says so.
    s.json(&["kit", "remove", &kit, &secret, "--json"], 0);
    s.json(&["tr", "set", &d.reportage, "body", "en", "approved", "--json"], 0);
    let report = s.json(&["kit", "preflight", &kit, "--json"], 1);
    // The reportage itself is now Mật through its item: it cannot go at all.
    assert!(report["blockers"].as_array().expect("b").iter().any(|b| b["item"] == d.reportage.as_str()), "{report:#}");
    let alone = d.kit("newspaper", &["en"], "Reuters", &[&id(s, &d.photos[0])]);
    let built = d.build(&alone, &out, false);
    let bag = built["path"].as_str().expect("path").to_owned();
    assert!(s.run(&["edit", &id(s, &d.photos[0]), "--classification", "internal"]).status.success());
    let verified = s.json(&["kit", "verify", &bag, "--json"], 1);
    assert!(
        verified["problems"]
            .as_array()
            .expect("p")
            .iter()
            .any(|p| p["reason"].as_str().is_some_and(|r| r.contains("internal"))),
        "{verified:#}"
    );
}

#[test]
fn a_build_killed_at_any_moment_leaves_no_half_kit_and_finishes_when_run_again() {
    let s = Scratch::new();
    let dir = s.path("in");
    dotted_photos(&s, &dir, 24);
    s.ingest(&[&dir], &["--classification", "public"], 0);
    let ids: Vec<String> = (0..24).map(|i| id(&s, &dir.join(format!("p{i:02}.jpg")))).collect();
    for i in &ids {
        ready_for_kits(&s, i);
    }
    let mut args = vec!["kit", "new", "--profile", "web", "--lang", "vi", "--recipient", "Cổng thông tin", "--json"];
    args.extend(ids.iter().map(String::as_str));
    let kit = s.json(&args, 0)["id"].to_string();
    let out = s.path("out");
    // Ctrl-C first: the build stops cleanly, says so (exit 130) and keeps what it made.
    let child = s
        .cmd(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(700));
    tool("kill", &["-INT", &child.id().to_string()]);
    let stopped = child.wait_with_output().expect("wait");
    assert_eq!(stopped.status.code(), Some(130), "{}", String::from_utf8_lossy(&stopped.stderr));
    assert!(String::from_utf8_lossy(&stopped.stderr).contains("run the same command again"));
    let args = ["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"];
    let killed_partway = kill_partway(
        &s,
        &args,
        &[150, 600, 1200],
        || false,
        || {
            let visible: Vec<String> = std::fs::read_dir(&out)
                .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
                .unwrap_or_default();
            assert!(visible.iter().all(|n| n.starts_with('.')), "a half kit is visible: {visible:?}");
        },
    );
    assert!(killed_partway > 0, "the build finished before it could be killed: make it bigger");
    let built = s.json(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"], 0);
    assert_eq!(built["version"], 1);
    assert!(built["reused"].as_u64().is_some_and(|n| n > 0), "the stopped runs' photos are taken up: {built}");
    let bag = PathBuf::from(built["path"].as_str().expect("path"));
    assert_valid_bag(&bag);
    assert_eq!(ninjs_errors(&bag)["errors"], serde_json::json!([]));
    let names: Vec<String> =
        std::fs::read_dir(&out).expect("out").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 1, "the partial build is gone once it is in place: {names:?}");
    // Two renditions a photo, as the web profile asks, each within its size.
    let photos: Vec<PathBuf> = walk(&bag.join("data/photos"));
    assert_eq!(photos.len(), 48);
    for p in photos {
        let (w, h) = dimensions(&p);
        let long = if p.to_string_lossy().ends_with("-large.jpg") { 2048 } else { 640 };
        assert_eq!(w.max(h), long, "{}", p.display());
    }
    // And an uninterrupted build of the same kit gives the same payload.
    let again = s.json(&["kit", "build", &kit, "-o", &s.path("again").to_string_lossy(), "--json"], 0);
    let differ = differing(&bag, Path::new(again["path"].as_str().expect("p")));
    assert!(differ.is_empty(), "the resumed build differs from an uninterrupted one in {differ:?}");
}

#[test]
fn social_crops_follow_the_focus_and_hostile_names_stay_inside_the_kit() {
    let d = Desk::new();
    let s = &d.s;
    let big = id(s, &d.photos[0]);
    let small = id(s, &d.photos[3]);
    s.run(&["edit", &big, &small, "--model-release", "not_applicable"]);
    assert!(s.run(&["edit", &big, "--focus", "0.9,0.5"]).status.success());
    for hostile in
        ["../../../../tmp/escape", "/etc/passwd", "C:\\Windows\\CON", "line\nbreak\tand tab", &"ư".repeat(300), "CON"]
    {
        let kit = d.kit("social-square", &["en"], hostile, &[&big, &small]);
        s.json(&["kit", "set", &kit, "--title", hostile, "--json"], 0);
        let out = s.path(&format!("out-{kit}"));
        let built = d.build(&kit, &out, true);
        let bag = PathBuf::from(built["path"].as_str().expect("path"));
        assert!(bag.parent() == Some(out.canonicalize().expect("c").as_path()), "{}", bag.display());
        for f in walk(&out) {
            assert!(f.starts_with(out.canonicalize().expect("c")), "{} escaped", f.display());
            let name = f.file_name().expect("name").to_string_lossy().into_owned();
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)), "{name}");
        }
        assert_valid_bag(&bag);
        assert_eq!(s.json(&["kit", "verify", built["zip"].as_str().expect("zip"), "--json"], 0)["ok"], true);
    }
    let out = s.path("out-1");
    let bag =
        walk(&out).into_iter().find(|p| p.ends_with("bagit.txt")).expect("bag").parent().expect("p").to_path_buf();
    let square = walk(&bag.join("data/photos"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains(&format!("/{big}-")) && p.to_string_lossy().ends_with("-square.jpg"))
        .expect("square");
    assert_eq!(dimensions(&square), (1080, 1080));
    let portrait =
        square.with_file_name(square.file_name().expect("n").to_string_lossy().replace("-square", "-portrait"));
    assert_eq!(dimensions(&portrait), (1080, 1350));
    let small_square = walk(&bag.join("data/photos"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains(&format!("/{small}-")) && p.to_string_lossy().ends_with("-square.jpg"))
        .expect("small");
    assert_eq!(dimensions(&small_square), (480, 480), "never enlarged");
    // The focus on the right: the square is the source's right-hand part (a reference crop).
    let crop = |gravity: &str, name: &str| -> PathBuf {
        let target = s.path(name);
        let (source, out) = (d.photos[0].to_string_lossy(), target.to_string_lossy());
        tool("convert", &[&source, "-gravity", gravity, "-crop", "3000x3000+0+0", "-resize", "1080x1080", &out]);
        target
    };
    let (reference, centre) = (crop("East", "right.png"), crop("Center", "centre.png"));
    let rmse = |a: &Path, b: &Path| -> f64 {
        let out = Command::new("compare")
            .args(["-metric", "RMSE", &a.to_string_lossy(), &b.to_string_lossy(), "null:"])
            .output()
            .expect("compare");
        let text = String::from_utf8_lossy(&out.stderr);
        text.split('(').nth(1).and_then(|t| t.trim_end_matches(')').trim().parse().ok()).expect("rmse")
    };
    assert!(rmse(&square, &reference) < rmse(&square, &centre), "the crop follows the focus point");
    let captions = std::fs::read_to_string(bag.join("data/texts/en/captions.txt")).expect("captions");
    assert!(captions.contains("#SânBay #LongThành"), "{captions}");
}

/// A ZIP written by Python with one hostile entry among good ones.
fn hostile_zip(s: &Scratch, name: &str, entry: &str, symlink: bool) -> PathBuf {
    let target = s.path(name);
    let out = python(
        "import sys, zipfile\n\
         z = zipfile.ZipFile(sys.argv[1], 'w')\n\
         z.writestr('kit/bagit.txt', 'BagIt-Version: 1.0\\n')\n\
         info = zipfile.ZipInfo(sys.argv[2])\n\
         if sys.argv[3] == '1': info.external_attr = (0o120777 << 16)\n\
         z.writestr(info, '/etc/passwd' if sys.argv[3] == '1' else 'gotcha')\n\
         z.close()\n",
        &[&target.to_string_lossy(), entry, if symlink { "1" } else { "0" }],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    target
}

#[test]
fn verify_refuses_zips_that_would_unpack_outside_their_folder() {
    let s = Scratch::new();
    s.json(&["deliveries", "--json"], 0);
    for (i, (entry, symlink, says)) in [
        ("kit/../../evil.txt", false, "outside"),
        ("/tmp/evil.txt", false, "outside"),
        ("kit/link", true, "symbolic link"),
    ]
    .into_iter()
    .enumerate()
    {
        let zip = hostile_zip(&s, &format!("h{i}.zip"), entry, symlink);
        let report = s.json(&["kit", "verify", &zip.to_string_lossy(), "--json"], 1);
        assert_eq!(report["ok"], false);
        assert!(
            report["problems"]
                .as_array()
                .expect("p")
                .iter()
                .any(|p| p["reason"].as_str().is_some_and(|r| r.contains(says))),
            "{entry}: {report:#}"
        );
        assert!(!Path::new("/tmp/evil.txt").exists() || entry != "/tmp/evil.txt");
    }
    let broken = s.path("broken.zip");
    std::fs::write(&broken, b"PK\x03\x04 not really").expect("write");
    let report = s.json(&["kit", "verify", &broken.to_string_lossy(), "--json"], 1);
    assert_eq!(report["ok"], false);
}

#[test]
fn an_agency_kit_shares_one_slug_between_its_text_photos_and_ninjs_and_carries_keywords() {
    let d = Desk::new();
    let s = &d.s;
    let kit = d.kit("agency", &["en"], "AFP Hanoi", &[&d.reportage]);
    let built = d.build(&kit, &s.path("out"), false);
    let bag = PathBuf::from(built["path"].as_str().expect("path"));
    let files = payload(&bag);
    let txt = files.iter().find(|(n, _)| n.starts_with("texts/en/r") && n.ends_with(".txt")).expect("txt");
    let slug = String::from_utf8_lossy(&txt.1).lines().next().expect("line").to_owned();
    assert!(slug.starts_with("0001-SAN-BAY-LONG-THANH") && slug.len() <= 49, "{slug}");
    for (name, bytes) in files.iter().filter(|(n, _)| n.starts_with("ninjs/")) {
        let v: Value = serde_json::from_slice(bytes).expect("json");
        assert_eq!(v["slugline"], slug.as_str(), "{name}");
    }
    for (name, _) in files.iter().filter(|(n, _)| n.ends_with(".jpg")) {
        let meta = exiftool_read(&bag.join("data").join(name), &["-G1"]);
        assert_eq!(meta["XMP-dc:Title"], slug.as_str(), "{name}");
        assert_eq!(meta["IPTC:Keywords"], serde_json::json!(["sân bay", "Long Thành"]), "{name}");
    }
    assert_valid_bag(&bag);
}
