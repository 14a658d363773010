//! Press kits through the CLI: made, held back item by item by the preflight (each blocker
//! with its item, rule, reason and fix), fixed, accepted where a rule allows it; profiles
//! listed, shown and saved; bad input named.

use std::path::Path;

use serde_json::Value;

use crate::util::*;

/// Delivery on a Monday morning in Vietnam, far enough ahead that the test does not age.
const MONDAY_8: &str = "2099-12-07T08:00:00+07:00";
const TUESDAY_6: &str = "2099-12-08T06:00:00+07:00";

struct Newsroom {
    s: Scratch,
}

impl Newsroom {
    /// Seven public photos, each with a Vietnamese and a Korean caption and headline (the
    /// Korean approved), a credit, and worldwide rights.
    fn new() -> Newsroom {
        let s = Scratch::new();
        let folder = s.path("long-thanh");
        std::fs::create_dir_all(&folder).expect("folder");
        for (i, name) in
            ["hero", "gallery-a", "gallery-b", "rush-1", "rush-2", "embargoed", "vn-only"].iter().enumerate()
        {
            make_photo(
                &folder.join(format!("{name}.jpg")),
                80,
                60,
                &format!("xc:rgb({},{},90)", 30 * i, 200 - 20 * i),
                &[],
            );
        }
        s.ingest(&[&folder], &["--classification", "public"], 0);
        let n = Newsroom { s };
        for name in n.names() {
            let id = n.id(name);
            assert!(n
                .s
                .run(&[
                    "edit",
                    &id,
                    "--caption",
                    &format!("vi=Sân bay Long Thành: {name}"),
                    "--caption",
                    &format!("ko=롱탄 공항: {name}"),
                    "--headline",
                    "Sân bay Long Thành",
                    "--headline",
                    "ko=롱탄 공항",
                    "--credit",
                    "Báo Đồng Nai",
                    "--territories",
                    "worldwide",
                ])
                .status
                .success());
            for part in ["caption", "headline"] {
                n.s.json(&["tr", "set", &id, part, "ko", "approved", "--json"], 0);
            }
        }
        n
    }

    fn names(&self) -> [&'static str; 7] {
        ["hero", "gallery-a", "gallery-b", "rush-1", "rush-2", "embargoed", "vn-only"]
    }

    fn path(&self, name: &str) -> String {
        self.s.path(&format!("long-thanh/{name}.jpg")).to_string_lossy().into_owned()
    }

    fn id(&self, name: &str) -> String {
        self.s.show(&self.path(name))["id"].to_string()
    }

    /// The reportage, in Vietnamese and Korean (approved), with photos 1–6 in order.
    fn reportage(&self) -> String {
        let r = format!("r:{}", self.s.json(&["reportage", "new", "Sân bay Long Thành cất cánh", "--json"], 0)["id"]);
        let body = self.s.path("bai.md");
        std::fs::write(&body, "Nhà ga hành khách đã xong phần thô.\n").expect("body");
        let ko = self.s.path("ko.md");
        std::fs::write(&ko, "여객 터미널 골조 공사가 끝났다.\n").expect("ko");
        let b = body.to_string_lossy().into_owned();
        let k = ko.to_string_lossy().into_owned();
        self.s.json(
            &["reportage", "set", &r, "--body-file", &b, "--standfirst", "Đồng Nai đón nhà đầu tư.", "--json"],
            0,
        );
        self.s.json(
            &[
                "reportage",
                "set",
                &r,
                "--lang",
                "ko",
                "--headline",
                "롱탄 공항 이륙",
                "--standfirst",
                "동나이, 투자자 맞이",
                "--body-file",
                &k,
                "--json",
            ],
            0,
        );
        for part in ["headline", "standfirst", "body"] {
            self.s.json(&["tr", "set", &r, part, "ko", "approved", "--json"], 0);
        }
        let mut add = vec!["reportage".to_owned(), "add".into(), r.clone()];
        add.extend(["hero", "gallery-a", "gallery-b", "rush-1", "rush-2", "embargoed"].iter().map(|n| self.path(n)));
        add.push("--json".into());
        self.s.json(&add.iter().map(String::as_str).collect::<Vec<_>>(), 0);
        r
    }
}

fn sorted(mut v: Vec<(String, String)>) -> Vec<(String, String)> {
    v.sort();
    v
}

fn found(report: &Value, key: &str) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = report[key]
        .as_array()
        .expect(key)
        .iter()
        .map(|b| (b["item"].as_str().unwrap_or_default().to_owned(), b["rule"].as_str().unwrap_or_default().to_owned()))
        .collect();
    all.sort();
    all
}

#[test]
fn the_korean_delegations_kit_is_held_back_item_by_item_until_fixed() {
    let n = Newsroom::new();
    let s = &n.s;
    let r = n.reportage();
    let (rush1, rush2, embargoed, vn_only, gallery_b) =
        (n.id("rush-1"), n.id("rush-2"), n.id("embargoed"), n.id("vn-only"), n.id("gallery-b"));
    s.run(&["edit", &rush1, &rush2, "--classification", "Mật"]);
    s.run(&["edit", &embargoed, "--embargo", TUESDAY_6]);
    s.run(&["edit", &vn_only, "--territories", "VN"]);
    s.json(&["tr", "set", &gallery_b, "caption", "ko", "needs_review", "--json"], 0);

    let vn_path = n.path("vn-only");
    let kit = s.json(
        &[
            "kit",
            "new",
            "--profile",
            "delegation",
            "--lang",
            "ko",
            "--recipient",
            "KBS delegation, 12 reporters",
            "--country",
            "KR",
            "--deliver-at",
            MONDAY_8,
            &r,
            &vn_path,
            "--json",
        ],
        0,
    );
    let k = kit["id"].to_string();
    assert_eq!(kit["vietnamese_beside"], true, "the delegation profile puts the Vietnamese beside");
    assert_eq!(kit["deliver_at"], MONDAY_8);

    let report = s.json(&["kit", "preflight", &k, "--json"], 1);
    assert_eq!(report["kit"].to_string(), k);
    assert_eq!(report["ok"], false);
    let mut expected = vec![
        (r.clone(), "classified".to_owned()),
        (r.clone(), "embargo".to_owned()),
        (rush1.clone(), "classified".to_owned()),
        (rush2.clone(), "classified".to_owned()),
        (embargoed.clone(), "embargo".to_owned()),
        (gallery_b.clone(), "translation".to_owned()),
        (vn_only.clone(), "territory".to_owned()),
    ];
    expected.sort();
    assert_eq!(found(&report, "blockers"), expected, "{report:#}");
    for b in report["blockers"].as_array().expect("blockers") {
        for key in ["item", "rule", "reason", "fix"] {
            assert!(b[key].as_str().is_some_and(|v| !v.is_empty()), "{key} in {b}");
        }
    }
    let blocker = |item: &str, rule: &str| -> Value {
        report["blockers"]
            .as_array()
            .expect("b")
            .iter()
            .find(|b| b["item"] == item && b["rule"] == rule)
            .cloned()
            .expect("blocker")
    };
    assert_eq!(blocker(&rush1, "classified")["via"], r, "it came with the reportage");
    assert!(blocker(&embargoed, "embargo")["reason"].as_str().expect("reason").contains(TUESDAY_6));
    let translation = blocker(&gallery_b, "translation");
    assert_eq!((translation["lang"].as_str(), translation["field"].as_str()), (Some("ko"), Some("caption")));
    assert!(translation["reason"].as_str().expect("reason").contains("needs review"), "{translation}");
    assert!(blocker(&vn_only, "territory")["reason"].as_str().expect("reason").contains("KR"));
    let text = String::from_utf8_lossy(&s.run(&["kit", "preflight", &k]).stdout).into_owned();
    assert!(text.contains("BLOCKER classified") && text.contains("fix:"), "{text}");

    // The editor fixes each: the rushes and the embargoed photo leave the story, the Korean
    // caption is approved, the photo cleared for Vietnam only leaves the kit.
    for name in ["rush-1", "rush-2", "embargoed"] {
        s.json(&["reportage", "remove", &r, &n.path(name), "--json"], 0);
    }
    s.json(&["tr", "set", &gallery_b, "caption", "ko", "approved", "--json"], 0);
    let kit = s.json(&["kit", "remove", &k, &vn_path, "--json"], 0);
    // A new story is internal: it goes once cleared.
    let still = s.json(&["kit", "preflight", &k, "--json"], 1);
    assert_eq!(found(&still, "blockers"), [(r.clone(), "internal".to_owned())]);
    s.json(&["reportage", "set", &r, "--classification", "public", "--reason", "đã duyệt đăng", "--json"], 0);
    assert_eq!(kit["items"].as_array().map(Vec::len), Some(1));
    let report = s.json(&["kit", "preflight", &k, "--json"], 0);
    assert_eq!(report["ok"], true, "{report:#}");
    let carried: Vec<&str> =
        report["contents"].as_array().expect("contents").iter().filter_map(|e| e["item"].as_str()).collect();
    assert_eq!(carried, [r.as_str(), &n.id("hero"), &n.id("gallery-a"), &gallery_b]);

    // A photo of the story dropped from this kit only: the reportage keeps it.
    let kit = s.json(&["kit", "remove", &k, &n.path("gallery-a"), "--json"], 0);
    assert_eq!(kit["excluded"], serde_json::json!([n.id("gallery-a").parse::<i64>().expect("id")]));
    assert_eq!(s.json(&["reportage", "show", &r, "--json"], 0)["items"].as_array().map(Vec::len), Some(3));
    let report = s.json(&["kit", "preflight", &k, "--json"], 0);
    assert_eq!(report["contents"].as_array().map(Vec::len), Some(3));

    // Raised after the preflight passed: the next preflight holds it back again.
    s.run(&["edit", &gallery_b, "--classification", "Tối mật"]);
    let report = s.json(&["kit", "preflight", &k, "--json"], 1);
    assert!(found(&report, "blockers").contains(&(gallery_b.clone(), "classified".into())));
}

#[test]
fn a_photo_of_a_secret_story_is_secret_wherever_it_is_sent_from() {
    let n = Newsroom::new();
    let s = &n.s;
    let hero = n.id("hero");
    let secret = s.json(&["reportage", "new", "Khu vực hạn chế", "--json"], 0)["id"].to_string();
    s.json(&["reportage", "add", &secret, &hero, "--json"], 0);
    s.json(&["reportage", "set", &secret, "--classification", "Mật", "--json"], 0);
    // A draft story (internal) does not make its public photos internal.
    let draft = s.json(&["reportage", "new", "Bản nháp", "--json"], 0)["id"].to_string();
    let gallery = n.id("gallery-a");
    s.json(&["reportage", "add", &draft, &gallery, "--json"], 0);

    let k = s.json(
        &[
            "kit",
            "new",
            "--profile",
            "newspaper",
            "--lang",
            "vi",
            "--recipient",
            "Báo Tuổi Trẻ",
            &hero,
            &gallery,
            "--json",
        ],
        0,
    )["id"]
        .to_string();
    let report = s.json(&["kit", "preflight", &k, "--json"], 1);
    assert_eq!(found(&report, "blockers"), [(hero.clone(), "classified".to_owned())], "{report:#}");
    let reason = report["blockers"][0]["reason"].as_str().expect("reason");
    assert!(reason.contains(&format!("r:{secret}")), "the reason names the story: {reason}");
    assert!(found(&report, "accepted").is_empty());
}

#[test]
fn soft_findings_can_be_accepted_with_a_reason_and_hard_ones_never() {
    let n = Newsroom::new();
    let s = &n.s;
    let (hero, rush) = (n.id("hero"), n.id("rush-1"));
    s.run(&["edit", &rush, "--classification", "internal", "--reason", "chưa duyệt"]);
    s.json(&["tr", "set", &hero, "caption", "ko", "draft", "--json"], 0);
    let k = s.json(
        &[
            "kit",
            "new",
            "--profile",
            "agency",
            "--lang",
            "ko",
            "--recipient",
            "Yonhap",
            "--country",
            "KR",
            &hero,
            &rush,
            "--json",
        ],
        0,
    )["id"]
        .to_string();
    let report = s.json(&["kit", "preflight", &k, "--json"], 1);
    assert_eq!(
        found(&report, "blockers"),
        sorted(vec![(hero.clone(), "translation".to_owned()), (rush.clone(), "internal".to_owned())])
    );

    let refused = s.run(&["kit", "accept", &k, &rush, "internal", "--reason", "gấp"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no override"), "{refused:?}");
    let nothing = s.run(&["kit", "accept", &k, &hero, "subtitles", "--reason", "không có phim"]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("no subtitles finding"), "{nothing:?}");
    let no_reason = s.run(&["kit", "accept", &k, &hero, "translation", "--reason", "  "]);
    assert_eq!(no_reason.status.code(), Some(2));

    let kit = s.json(&["kit", "accept", &k, &hero, "translation", "--reason", "bản dịch của Yonhap", "--json"], 0);
    assert_eq!(kit["acceptances"][0]["rule"], "translation");
    s.json(&["kit", "remove", &k, &rush, "--json"], 0);
    let report = s.json(&["kit", "preflight", &k, "--json"], 0);
    assert_eq!(found(&report, "accepted"), [(hero.clone(), "translation".to_owned())]);
    assert!(report["accepted"][0]["accepted"].as_str().expect("why").contains("bản dịch của Yonhap"));
    let log = s.json(&["audit", "--asset", &hero, "--json"], 0);
    let accepted: Vec<&Value> = log.as_array().expect("log").iter().filter(|e| e["action"] == "kit_accept").collect();
    assert_eq!(accepted.len(), 1, "{log}");
    assert_eq!(accepted[0]["detail"]["reason"], "bản dịch của Yonhap");
    assert_eq!(s.json(&["audit", "verify", "--json"], 0)["ok"], true);
}

#[test]
fn rights_and_releases_are_judged_at_the_delivery() {
    let n = Newsroom::new();
    let s = &n.s;
    let (hero, gallery) = (n.id("hero"), n.id("gallery-a"));
    s.run(&["edit", &hero, "--rights-expire", "2099-12-06"]);
    s.run(&["edit", &gallery, "--persons", "Nguyễn Văn A; Trần Thị B", "--model-release", "none"]);
    let k = s.json(
        &[
            "kit",
            "new",
            "--profile",
            "social-square",
            "--lang",
            "vi",
            "--recipient",
            "Fanpage",
            "--deliver-at",
            MONDAY_8,
            &hero,
            &gallery,
            "--json",
        ],
        0,
    )["id"]
        .to_string();
    let report = s.json(&["kit", "preflight", &k, "--json"], 1);
    assert_eq!(
        found(&report, "blockers"),
        sorted(vec![(hero.clone(), "rights_expired".to_owned()), (gallery.clone(), "release".to_owned())])
    );
    // Editorial profiles need no release; the rights are judged at the time asked about.
    s.json(&["kit", "set", &k, "--profile", "newspaper", "--json"], 0);
    let before = s.json(&["kit", "preflight", &k, "--at", "2099-12-06T23:00:00+07:00", "--json"], 0);
    assert_eq!(before["ok"], true, "{before:#}");
    s.run(&["edit", &gallery, "--model-release", "unlimited"]);
    s.json(&["kit", "set", &k, "--profile", "web", "--json"], 0);
    let report = s.json(&["kit", "preflight", &k, "--json"], 1);
    assert_eq!(found(&report, "blockers"), [(hero, "rights_expired".to_owned())]);
}

#[test]
fn bad_kits_are_refused_with_the_reason() {
    let n = Newsroom::new();
    let s = &n.s;
    let hero = n.id("hero");
    let base = ["kit", "new", "--lang", "ko", "--recipient", "KBS"];
    for (extra, says) in [
        (vec!["--profile", "tabloid"], "no kit profile \"tabloid\""),
        (vec!["--profile", "newspaper", "--country", "Korea"], "ISO 3166"),
        (vec!["--profile", "newspaper", "--deliver-at", "thứ Hai"], "not an embargo time"),
        (vec!["--profile", "newspaper", "r:99"], "no reportage r:99"),
        (vec!["--profile", "newspaper", "/no/such.jpg"], "/no/such.jpg"),
    ] {
        let mut args = base.to_vec();
        args.extend(extra);
        let out = s.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let out = s.run(&["kit", "new", "--profile", "newspaper", "--recipient", " ", "--lang", "ko"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("recipient"));
    assert!(s.json(&["kit", "list", "--json"], 0).as_array().is_some_and(Vec::is_empty), "nothing half-made");
    let out = s.run(&["kit", "preflight", "7"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no kit 7"));
    let k = s.json(&["kit", "new", "--profile", "newspaper", "--lang", "vi", "--recipient", "Báo", "--json"], 0)["id"]
        .to_string();
    let empty = s.json(&["kit", "preflight", &k, "--json"], 1);
    assert_eq!(found(&empty, "blockers"), [(String::new(), "empty".to_owned())]);
    let out = s.run(&["kit", "remove", &k, &hero]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not in kit"));
}

#[test]
fn profiles_are_listed_shown_and_saved_as_data() {
    let s = Scratch::new();
    let all = s.json(&["profile", "list", "--json"], 0);
    let names: Vec<&str> = all.as_array().expect("list").iter().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(
        names,
        [
            "newspaper",
            "agency",
            "broadcaster",
            "delegation",
            "social-youtube",
            "social-vertical",
            "social-square",
            "web"
        ]
    );
    let newspaper = s.json(&["profile", "show", "newspaper", "--json"], 0);
    assert_eq!(newspaper["photos"]["renditions"][0]["long_side"], 3000);
    assert_eq!(newspaper["shipped"], true);

    let file = s.path("profile.json");
    let write = |p: &Path, body: &str| std::fs::write(p, body).expect("write");
    write(&file, r#"{"photos": {"renditions": [{"name": "full", "long_side": 3000, "colour": "cmyk"}]}}"#);
    let out = s.run(&["profile", "save", "baotuoitre", &file.to_string_lossy()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.code() == Some(2) && err.contains("colour") && err.contains("profile.json"), "{err}");

    write(
        &file,
        r#"{"label": {"vi": "Báo Tuổi Trẻ"}, "photos": {"renditions": [{"name": "full", "long_side": 2400}]},
                     "requires": {"fields": ["caption", "credit"]}}"#,
    );
    let saved = s.json(&["profile", "save", "baotuoitre", &file.to_string_lossy(), "--json"], 0);
    assert_eq!((saved["name"].as_str(), saved["shipped"].as_bool()), (Some("baotuoitre"), Some(false)));
    assert_eq!(s.json(&["profile", "list", "--json"], 0).as_array().map(Vec::len), Some(9));
    let k = s.json(&["kit", "new", "--profile", "baotuoitre", "--lang", "vi", "--recipient", "Tuổi Trẻ", "--json"], 0);
    assert_eq!(k["profile"], "baotuoitre");
}
