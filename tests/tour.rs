//! Press tours through the CLI: a check-out that leaves every internal and classified item at
//! home (and says why), a tour library that opens and works with `--library` anywhere, its
//! manifest checked by coreutils' `sha256sum`, and a folder moved with its originals.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

/// `n` distinct small photos in `dir`; other folders get other pictures.
pub fn photos(s: &Scratch, dir: &str, n: usize) -> PathBuf {
    let seed = dir.bytes().map(usize::from).sum::<usize>() % 50;
    let folder = s.path(dir);
    std::fs::create_dir_all(&folder).expect("mkdir");
    let mut args: Vec<String> = vec!["-size".into(), "40x30".into()];
    args.extend((0..n).map(|i| format!("xc:rgb({},{},{})", 20 + i * 30, 200 - i * 20, 90 + seed)));
    args.push(folder.join("p%02d.jpg").to_string_lossy().into_owned());
    tool("convert", &args.iter().map(String::as_str).collect::<Vec<_>>());
    folder
}

fn id_of(s: &Scratch, path: &Path) -> String {
    s.show(&path.to_string_lossy())["id"].to_string()
}

/// Every byte under `dir`, as text, to look for what may not be there.
fn all_bytes(dir: &Path) -> String {
    let mut out = String::new();
    for e in walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        out.push_str(&String::from_utf8_lossy(&std::fs::read(e.path()).expect("read")));
    }
    out
}

/// A newsroom's library: four public photos (the first two in a public reportage), an
/// internal one, and one in a Mật reportage.
pub struct Home {
    pub s: Scratch,
    pub public: Vec<String>,
    pub internal: String,
    pub secret_item: String,
    pub story: String,
    pub secret_story: String,
}

pub fn home() -> Home {
    let s = Scratch::new();
    let folder = photos(&s, "field", 6);
    s.ingest(&[&folder], &["--classification", "public"], 0);
    let ids: Vec<String> = (0..6).map(|i| id_of(&s, &folder.join(format!("p{i:02}.jpg")))).collect();
    for (i, id) in ids.iter().enumerate() {
        s.run(&["edit", id, "--caption", &format!("vi=Chú thích MARK{i}Z"), "--headline", &format!("Tin MARKH{i}Z")]);
    }
    let internal = ids[4].clone();
    s.run(&["edit", &internal, "--classification", "internal", "--reason", "chưa duyệt"]);
    let story = s.json(&["reportage", "new", "Vườn quốc gia Cát Tiên", "--json"], 0)["id"].to_string();
    s.run(&["reportage", "add", &story, &ids[0], &ids[1]]);
    s.run(&["reportage", "set", &story, "--classification", "public", "--reason", "đã duyệt"]);
    let secret_story = s.json(&["reportage", "new", "Hồ sơ MARKSECRETZ", "--json"], 0)["id"].to_string();
    s.run(&["reportage", "add", &secret_story, &ids[5]]);
    s.run(&["reportage", "set", &secret_story, "--classification", "confidential"]);
    Home {
        public: ids[..4].to_vec(),
        internal,
        secret_item: ids[5].clone(),
        story: format!("r:{story}"),
        secret_story: format!("r:{secret_story}"),
        s,
    }
}

/// `mediadesk --library TOUR ARGS...`
pub fn tour_cmd(tour: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mediadesk"));
    cmd.arg("--library").arg(tour).args(args).env_remove("MEDIADESK_LIBRARY");
    cmd.output().expect("run")
}

pub fn tour_json(tour: &Path, args: &[&str]) -> Value {
    let out = tour_cmd(tour, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn a_checkout_takes_only_what_is_public_and_says_what_stayed_home() {
    let h = home();
    let s = &h.s;
    let to = s.path("laptop/Cát Tiên");
    let args = [
        "tour",
        "checkout",
        "--to",
        &to.to_string_lossy(),
        &h.story,
        &h.public[2],
        &h.internal,
        &h.secret_item,
        &h.secret_story,
        "--json",
    ];
    let out = s.json(&args, 0);
    assert_eq!(out["path"], to.to_string_lossy().as_ref());
    assert_eq!(out["assets"], 3, "the public reportage's two items and one asset: {out}");
    assert_eq!(out["reportages"], 1);
    let refused: Vec<&str> =
        out["refused"].as_array().expect("refused").iter().map(|r| r["item"].as_str().expect("item")).collect();
    assert_eq!(refused, [h.internal.as_str(), h.secret_item.as_str(), h.secret_story.as_str()]);
    for r in out["refused"].as_array().expect("refused") {
        assert!(r["reason"].as_str().expect("reason").contains("only public items"), "{r}");
    }
    assert!(out["refused"][1]["reason"].as_str().expect("r").contains(&format!("by {}", h.secret_story)), "{out}");

    // Nothing of what stayed home is anywhere in the tour folder: not its texts, not its files.
    let bytes = all_bytes(&to);
    for i in [4, 5] {
        assert!(!bytes.contains(&format!("MARK{i}Z")) && !bytes.contains(&format!("MARKH{i}Z")), "item {i} went");
    }
    assert!(!bytes.contains("MARKSECRETZ"), "the Mật reportage's headline went");
    for i in [0, 1, 2] {
        assert!(bytes.contains(&format!("MARK{i}Z")), "item {i}'s caption is missing");
    }
    let originals =
        walkdir::WalkDir::new(to.join("originals")).into_iter().flatten().filter(|e| e.file_type().is_file());
    assert_eq!(originals.count(), 3);

    // The note of what was left behind, and the manifest, as coreutils checks it.
    let info: Value =
        serde_json::from_str(&std::fs::read_to_string(to.join("tour.json")).expect("tour.json")).expect("json");
    assert_eq!(info["left_behind"], out["refused"]);
    assert_eq!(info["origin"]["uid"], s.json(&["info", "--json"], 0)["library"]["uid"]);
    let check = std::process::Command::new("sha256sum")
        .arg("-c")
        .arg("manifest-sha256.txt")
        .current_dir(&to)
        .output()
        .expect("sha256sum");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let checked = String::from_utf8_lossy(&check.stdout).lines().filter(|l| l.ends_with(": OK")).count();
    assert!(checked >= 3 + 6, "three originals and their thumbnails and previews: {checked}");

    // A home record of the tour, in the audit chain.
    let tours = s.json(&["tour", "list", "--json"], 0);
    assert_eq!(tours[0]["uid"], out["uid"]);
    let audit = s.json(&["audit", "--json"], 0);
    assert!(audit.as_array().expect("audit").iter().any(|e| e["action"] == "tour_checkout"), "{audit}");

    // The same folder again: refused, it holds a tour now.
    let again = s.run(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    // Nothing that may go: refused, nothing made.
    let none = s.path("laptop/none");
    let out = s.run(&["tour", "checkout", "--to", &none.to_string_lossy(), &h.internal]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nothing to check out"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!none.exists());
}

#[test]
fn a_tour_library_works_anywhere_and_its_originals_move_with_it() {
    let h = home();
    let s = &h.s;
    let to = s.path("usb/tour");
    s.json(&["tour", "checkout", "--to", &to.to_string_lossy(), &h.story, "--json"], 0);
    // Carried to another machine: the folder is somewhere else now.
    let moved = s.path("elsewhere/Nhơn Trạch");
    std::fs::create_dir_all(moved.parent().expect("parent")).expect("mkdir");
    std::fs::rename(&to, &moved).expect("move");
    let list = tour_json(&moved, &["list", "--json"]);
    let listed = list.as_array().expect("list");
    assert_eq!(listed.len(), 2);
    for a in listed {
        let path = PathBuf::from(a["path"].as_str().expect("path"));
        assert!(path.starts_with(&moved) && path.is_file(), "{}", path.display());
    }
    let identity = tour_json(&moved, &["info", "--json"]);
    assert_eq!(identity["library"]["origin_uid"], s.json(&["info", "--json"], 0)["library"]["uid"]);
    // Work on the road: an edit, a new photo from the card, a reportage; the chain holds.
    let a = listed[0]["id"].to_string();
    let edited = tour_cmd(&moved, &["edit", &a, "--caption", "en=Cat Tien National Park"]);
    assert!(edited.status.success(), "{}", String::from_utf8_lossy(&edited.stderr));
    let card = photos(s, "card", 2);
    let ingested = tour_cmd(&moved, &["ingest", "--classification", "public", &card.to_string_lossy()]);
    assert!(ingested.status.success(), "{}", String::from_utf8_lossy(&ingested.stderr));
    assert_eq!(tour_json(&moved, &["list", "--json"]).as_array().expect("list").len(), 4);
    assert!(tour_cmd(&moved, &["audit", "verify"]).status.success());
    // The home library is untouched by all of it.
    assert_eq!(s.json(&["list", "--json"], 0).as_array().expect("list").len(), 6);
}

#[test]
fn previews_only_takes_no_original() {
    let h = home();
    let s = &h.s;
    let to = s.path("light");
    let out =
        s.json(&["tour", "checkout", "--to", &to.to_string_lossy(), "--previews-only", &h.public[0], "--json"], 0);
    assert_eq!(out["previews_only"], true);
    assert!(!to.join("originals").exists());
    let identity = tour_json(&to, &["info", "--json"]);
    assert_eq!(identity["library"]["previews_only"], true);
    let shown = tour_json(&to, &["show", &h.public[0], "--json"]);
    let hash = shown["content_hash"].as_str().expect("hash");
    assert!(thumbnail(&to, hash, 1600).is_file(), "its preview went");
}

#[test]
fn a_checkout_killed_partway_is_taken_up_and_ends_as_one_never_stopped() {
    let s = Scratch::new();
    let folder = s.path("big");
    dotted_photos(&s, &folder, 24);
    s.ingest(&[&folder], &["--classification", "public"], 0);
    let to = s.path("tour");
    let args = ["tour", "checkout", "--to", &to.to_string_lossy(), "--search", "p", "--json"];
    // Ctrl-C once the copying has begun: it stops between files, says how to finish, and no
    // tour is in place.
    let staging = s.path(".tour.checkout/originals");
    let stopped = interrupt_when(&s, &args, || staging.exists());
    assert_eq!(stopped.status.code(), Some(130), "{}", String::from_utf8_lossy(&stopped.stderr));
    assert!(String::from_utf8_lossy(&stopped.stderr).contains("run the same command again"));
    assert!(!to.exists(), "a stopped check-out is in place");
    assert_eq!(s.json(&["tour", "list", "--json"], 0), serde_json::json!([]), "a stopped check-out is recorded");
    // A run killed just after it moved the tour into place finished.
    let killed_partway = kill_partway(&s, &args, &[60, 150, 300, 600], || to.exists(), || {});
    assert!(killed_partway > 0, "the check-out finished before it could be killed: make it bigger");
    if !to.exists() {
        assert_eq!(s.json(&args, 0)["assets"], 24);
    }
    let check = std::process::Command::new("sha256sum")
        .args(["-c", "--quiet", "manifest-sha256.txt"])
        .current_dir(&to)
        .output()
        .expect("sha256sum");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    // The same files as a check-out never stopped, and nothing half-written.
    let again = s.path("again");
    s.json(&["tour", "checkout", "--to", &again.to_string_lossy(), "--search", "p", "--json"], 0);
    let names = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(d)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(d).expect("inside").to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&to), names(&again));
    assert_eq!(
        std::fs::read_to_string(to.join("manifest-sha256.txt")).expect("m"),
        std::fs::read_to_string(again.join("manifest-sha256.txt")).expect("m")
    );
    assert_eq!(tour_json(&to, &["list", "--json"]).as_array().expect("list").len(), 24);
}

#[test]
fn a_tour_without_originals_builds_kits_from_previews_and_says_so() {
    let s = Scratch::new();
    let folder = s.path("big");
    dotted_photos(&s, &folder, 1);
    s.ingest(&[&folder], &["--classification", "public"], 0);
    let id = s.show(&folder.join("p00.jpg").to_string_lossy())["id"].to_string();
    ready_for_kits(&s, &id);
    let to = s.path("light");
    s.json(&["tour", "checkout", "--to", &to.to_string_lossy(), "--previews-only", &id, "--json"], 0);
    let kit = tour_json(
        &to,
        &["kit", "new", "--profile", "newspaper", "--lang", "vi", "--recipient", "Báo Nhân Dân", &id, "--json"],
    )["id"]
        .to_string();
    let preflight = tour_json(&to, &["kit", "preflight", &kit, "--json"]);
    assert_eq!(preflight["ok"], true, "{preflight}");
    assert!(preflight.to_string().contains("made from its 1600 px preview"), "{preflight}");
    let out = s.path("kits");
    let built = tour_json(&to, &["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"]);
    let bag = PathBuf::from(built["path"].as_str().expect("path"));
    let photos = crate::kit_build::walk(&bag.join("data/photos"));
    assert!(!photos.is_empty());
    for p in photos {
        let (w, h) = dimensions(&p);
        assert!(w.max(h) <= 1600, "{} is {w}×{h}: larger than the preview it was made from", p.display());
    }
}

#[test]
fn a_film_on_a_tour_without_originals_goes_as_its_proxy_and_is_sent_from_it() {
    let s = Scratch::new();
    let film = s.path("in/nhon-trach.mp4");
    let clip = "-f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 3 \
                -c:v libx264 -pix_fmt yuv420p -c:a aac";
    make_clip(&film, clip, &[]);
    s.ingest(&[&film], &["--classification", "public"], 0);
    let id = s.show(&film.to_string_lossy())["id"].to_string();
    ready_for_kits(&s, &id);
    let to = s.path("light");
    s.json(&["tour", "checkout", "--to", &to.to_string_lossy(), "--previews-only", &id, "--json"], 0);
    // The webview plays this film as it is, so home had no proxy: the check-out made one.
    let proxies: Vec<PathBuf> = crate::kit_build::walk(&to.join("proxies"));
    assert_eq!(proxies.len(), 1, "{proxies:?}");
    assert_eq!(ffprobe(&proxies[0])["streams"][0]["height"], 720);
    assert!(!to.join("originals").exists());

    let kit = tour_json(
        &to,
        &["kit", "new", "--profile", "broadcaster", "--recipient", "KBS", "--lang", "vi", &id, "--json"],
    )["id"]
        .to_string();
    let preflight = tour_json(&to, &["kit", "preflight", &kit, "--json"]);
    assert_eq!(preflight["ok"], true, "{preflight}");
    assert!(preflight.to_string().contains("made from its 720 p proxy"), "{preflight}");
    let built = tour_json(&to, &["kit", "build", &kit, "-o", &s.path("kits").to_string_lossy(), "--json"]);
    let bag = PathBuf::from(built["path"].as_str().unwrap_or_else(|| panic!("{built}")));
    let copies: Vec<PathBuf> = crate::kit_build::walk(&bag.join("data/films"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "mp4"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let probed = ffprobe(&copies[0]);
    assert_eq!(
        (probed["streams"][0]["width"].as_u64(), probed["streams"][0]["height"].as_u64()),
        (Some(1920), Some(1080))
    );

    // A profile that sends the original byte for byte cannot send a proxy for it.
    let profile = s.path("archive.json");
    let archive = r#"{"name": "archive", "films": {"renditions": [{"name": "original", "recipe": "original"}]}}"#;
    std::fs::write(&profile, archive).expect("profile");
    assert!(tour_cmd(&to, &["profile", "save", "archive", &profile.to_string_lossy()]).status.success());
    let kit = tour_json(
        &to,
        &["kit", "new", "--profile", "archive", "--recipient", "Lưu trữ", "--lang", "vi", &id, "--json"],
    )["id"]
        .to_string();
    let refused = tour_cmd(&to, &["kit", "preflight", &kit, "--json"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stdout).contains("sends it as it is"));
}
