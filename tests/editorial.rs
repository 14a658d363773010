//! The editorial record through the CLI: reportages and their bounds, the plan's taxonomy,
//! batch edits, templates and code replacements, and the audit chain the shell cannot rewrite.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{json, Value};

use crate::util::*;

/// `n` distinct small photos in `dir`, made by one ImageMagick run (one frame per file);
/// different folders get different pictures.
fn photos(s: &Scratch, dir: &str, n: usize) -> PathBuf {
    let seed = dir.bytes().map(usize::from).sum::<usize>();
    let folder = s.path(dir);
    std::fs::create_dir_all(&folder).expect("mkdir");
    let mut args: Vec<String> = vec!["-size".into(), "24x16".into()];
    args.extend((0..n).map(|i| format!("xc:rgb({},{},{})", i % 256, (i * 7 + seed) % 256, (i * 13) % 256)));
    args.push(folder.join("p%03d.jpg").to_string_lossy().into_owned());
    tool("convert", &args.iter().map(String::as_str).collect::<Vec<_>>());
    folder
}

fn ids(s: &Scratch) -> Vec<String> {
    let mut all: Vec<i64> = s
        .json(&["list", "--json"], 0)
        .as_array()
        .expect("list")
        .iter()
        .map(|a| a["id"].as_i64().expect("id"))
        .collect();
    all.sort_unstable();
    all.iter().map(i64::to_string).collect()
}

fn failing(s: &Scratch, args: &[&str]) -> String {
    let out = s.run(args);
    assert_eq!(out.status.code(), Some(2), "mediadesk {args:?} should fail: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn reportages_group_items_in_order_and_take_their_bounds() {
    let s = Scratch::new();
    s.ingest(&[&photos(&s, "long-thanh", 4)], &["--classification", "public"], 0);
    let a = ids(&s);

    let r = s.json(&["reportage", "new", "Sân bay Long Thành", "--json"], 0);
    let id = r["id"].as_i64().expect("id").to_string();
    assert_eq!(r["headline"]["vi"], "Sân bay Long Thành");
    assert_eq!(r["status"], "draft");
    assert_eq!(r["classification"], "internal", "a new reportage is internal until cleared");

    let body = s.path("body.md");
    std::fs::write(&body, "Công trình **lớn nhất** nước.\n\n## Tiến độ\n\nĐạt 60%.\n").expect("body");
    s.json(
        &[
            "reportage",
            "set",
            &id,
            "--standfirst",
            "Đồng Nai đón nhà đầu tư Hàn Quốc",
            "--body-file",
            &body.to_string_lossy(),
            "--byline",
            "Minh Châu",
            "--dateline",
            "Long Thành, 30/11",
            "--theme",
            "4",
            "--audience",
            "foreign investors",
            "--lead-unit",
            "Sở Kế hoạch và Đầu tư",
            "--channel",
            "press_delegations",
            "--classification",
            "public",
            "--reason",
            "cleared for the delegation",
            "--json",
        ],
        0,
    );
    s.json(&["reportage", "set", &id, "--lang", "en", "--headline", "Long Thanh airport", "--json"], 0);
    s.json(&["reportage", "add", &id, &a[0], "--role", "hero", "--json"], 0);
    s.json(&["reportage", "add", &id, &a[1], &a[2], "--json"], 0);
    // Added in front: the others move down; an asset already in it just takes the new role.
    s.json(&["reportage", "add", &id, &a[3], "--role", "main_film", "--at", "1", "--json"], 0);
    let shown = s.json(&["reportage", "add", &id, &a[2], "--role", "interview", "--json"], 0);
    let items: Vec<(String, String, i64)> = shown["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["asset_id"].to_string(),
                i["role"].as_str().expect("role").to_owned(),
                i["position"].as_i64().expect("pos"),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (a[3].clone(), "main_film".to_owned(), 1),
            (a[0].clone(), "hero".to_owned(), 2),
            (a[1].clone(), "gallery".to_owned(), 3),
            (a[2].clone(), "interview".to_owned(), 4)
        ]
    );
    let shown = s.json(&["reportage", "order", &id, &a[0], &a[1], &a[2], &a[3], "--json"], 0);
    assert_eq!(shown["items"][0]["asset_id"].to_string(), a[0]);

    let r = s.json(&["reportage", "show", &id, "--json"], 0);
    for key in [
        "id",
        "headline",
        "standfirst",
        "body",
        "byline",
        "dateline",
        "status",
        "themes",
        "audiences",
        "lead_units",
        "channels",
        "classification",
        "effective_classification",
        "embargo_until",
        "items",
    ] {
        assert!(r.get(key).is_some(), "reportage show --json lacks {key}: {r}");
    }
    assert_eq!(r["headline"], json!({"en": "Long Thanh airport", "vi": "Sân bay Long Thành"}));
    assert_eq!(r["body"]["vi"], "Công trình **lớn nhất** nước.\n\n## Tiến độ\n\nĐạt 60%.");
    assert_eq!(r["themes"], json!([4]));
    assert_eq!(r["audiences"], json!(["foreign_partners"]));
    assert_eq!(r["lead_units"], json!(["planning_investment"]));
    assert_eq!(r["effective_classification"], "public");

    // Two rushes marked Mật raise the reportage's effective classification; an item's embargo
    // later than the reportage's own is its effective embargo.
    s.run(&["edit", &a[2], "--classification", "Mật"]);
    s.json(&["reportage", "set", &id, "--embargo", "2030-01-01T06:00:00+07:00", "--json"], 0);
    s.run(&["edit", &a[1], "--embargo", "2030-01-02T06:00:00+07:00"]);
    let r = s.json(&["reportage", "show", &id, "--json"], 0);
    assert_eq!(
        (r["classification"].as_str(), r["effective_classification"].as_str()),
        (Some("public"), Some("confidential"))
    );
    assert_eq!(r["embargo_until"], "2030-01-01T06:00:00+07:00");
    assert_eq!(r["effective_embargo_until"], "2030-01-02T06:00:00+07:00");
    assert_eq!(s.show(&a[2])["reportages"], json!([id.parse::<i64>().expect("id")]));

    // The workflow: one step forward at a time; never published while classified.
    assert!(failing(&s, &["reportage", "set", &id, "--status", "approved"]).contains("editing next"));
    s.json(&["reportage", "set", &id, "--status", "editing", "--json"], 0);
    s.json(&["reportage", "set", &id, "--status", "approved", "--json"], 0);
    assert!(failing(&s, &["reportage", "set", &id, "--status", "published"]).contains("Mật"));
    assert_eq!(s.json(&["reportage", "show", &id, "--json"], 0)["status"], "approved", "nothing half-applied");
    let log = s.json(&["audit", "--reportage", &id, "--json"], 0);
    let actions: Vec<&str> =
        log.as_array().expect("log").iter().map(|e| e["action"].as_str().expect("action")).collect();
    assert_eq!(actions, ["classification", "embargo", "status", "status"]);

    // Items that do not exist are refused whole.
    let err = failing(&s, &["reportage", "add", &id, &a[0], "9999"]);
    assert!(err.contains("9999"), "{err}");
    assert!(failing(&s, &["reportage", "add", "77", &a[0]]).contains("77"));

    // Searchable folded, with or without diacritics, alone or with assets.
    let found = s.json(&["search", "san bay long thanh", "--type", "reportage", "--json"], 0);
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    let found = s.json(&["search", "TIEN DO", "--type", "all", "--json"], 0);
    assert_eq!(found[0]["type"], "reportage");
    assert_eq!(s.json(&["list", "--type", "reportage", "--theme", "4", "--json"], 0).as_array().map(Vec::len), Some(1));
    assert_eq!(s.json(&["list", "--type", "reportage", "--theme", "3", "--json"], 0).as_array().map(Vec::len), Some(0));

    // Its texts join the translation board; the English headline goes back to review when
    // the Vietnamese one changes.
    s.json(&["tr", "set", &format!("r:{id}"), "headline", "en", "approved", "--json"], 0);
    assert!(failing(&s, &["tr", "set", &format!("r:{id}"), "body", "en", "approved"]).contains("no en body"));
    s.json(&["reportage", "set", &id, "--headline", "Sân bay quốc tế Long Thành", "--json"], 0);
    let board = s.json(&["tr", "status", "--lang", "en", "--json"], 0);
    let item = board["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["item"] == format!("r:{id}"))
        .expect("on the board")
        .clone();
    assert_eq!(item["languages"]["en"]["parts"]["headline"]["status"], "needs_review", "{item}");
    assert_eq!(item["kind"], "reportage");
    assert_eq!(item["classification"], "confidential", "the board shows its effective classification");
    let history = s.json(&["tr", "history", &format!("r:{id}"), "headline", "en", "--json"], 0);
    assert_eq!(history.as_array().map(Vec::len), Some(2));
}

#[test]
fn the_taxonomy_is_the_plans_and_editable() {
    let s = Scratch::new();
    let t = s.json(&["taxonomy", "--json"], 0);
    let themes = t["themes"].as_array().expect("themes");
    assert_eq!(themes.len(), 7);
    assert_eq!(themes[3]["id"], 4);
    assert_eq!(themes[3]["en"], "Business potential");
    let leads: Vec<&str> =
        themes[3]["lead_units"].as_array().expect("leads").iter().map(|u| u["vi"].as_str().expect("vi")).collect();
    assert_eq!(leads, ["Sở Kế hoạch và Đầu tư", "Sở Giao thông vận tải", "Sở Thông tin và Truyền thông"]);
    assert_eq!(t["audiences"].as_array().map(Vec::len), Some(6));
    let channels: Vec<&str> =
        t["channels"].as_array().expect("channels").iter().map(|c| c["id"].as_str().expect("id")).collect();
    for c in [
        "newspaper",
        "radio_tv",
        "web_portal",
        "international_agencies",
        "facebook",
        "zalo",
        "youtube",
        "tiktok",
        "ecommerce",
        "screens",
        "events",
        "press_delegations",
        "other",
    ] {
        assert!(channels.contains(&c), "{c} missing from {channels:?}");
    }
    assert!(s
        .run(&["taxonomy", "add", "channel", "--vi", "Báo ảnh", "--en", "Photo magazine", "--group", "mass_media"])
        .status
        .success());
    assert!(s.run(&["taxonomy", "rename", "theme", "4", "--en", "Investment potential"]).status.success());
    let t = s.json(&["taxonomy", "--json"], 0);
    assert_eq!(t["themes"][3]["en"], "Investment potential");
    assert!(t["channels"].as_array().expect("channels").iter().any(|c| c["id"] == "photo_magazine"));
    assert!(failing(&s, &["taxonomy", "add", "audience", "tourists", "--vi", "x", "--en", "y"]).contains("exists"));
}

#[test]
fn batch_edits_templates_and_codes_are_one_change_each() {
    let s = Scratch::new();
    let folder = photos(&s, "card", 40);
    let (p0, p1) = (folder.join("p000.jpg"), folder.join("p001.jpg"));
    exiftool_write(&p0, &["-codedcharacterset=utf8", "-IPTC:Credit=Thông tấn xã", "-IPTC:CopyrightNotice=© TTXVN"]);
    exiftool_write(&p1, &["-DateTimeOriginal=2025:06:01 09:00:00", "-IPTC:City=Biên Hòa"]);
    s.ingest(&[&folder], &[], 0);
    let a = ids(&s);
    let (p0, p1) = (p0.to_string_lossy().into_owned(), p1.to_string_lossy().into_owned());
    let all = || {
        s.json(&["list", "--json"], 0)
            .as_array()
            .expect("list")
            .iter()
            .map(|x| s.show(&x["id"].to_string()))
            .collect::<Vec<Value>>()
    };

    // Code replacements expand in every text field as it is saved.
    assert!(s.run(&["codes", "set", "=dn=", "Đồng Nai"]).status.success());
    assert!(s.run(&["codes", "set", "bh", "Biên Hòa"]).status.success());
    assert_eq!(s.json(&["codes", "list", "--json"], 0).as_array().map(Vec::len), Some(2));

    // A batch over the whole search: one change, one undo; keywords added without touching others.
    s.run(&["edit", &a[5], "--keywords", "sân bay"]);
    let batch = s.json(&["edit", "--search", "p0", "--add-keyword", "=dn=", "--province", "=dn=", "--json"], 0);
    assert_eq!(batch["assets"].as_array().map(Vec::len), Some(40));
    let shown = s.show(&a[5]);
    assert_eq!(shown["keywords"], json!(["sân bay", "Đồng Nai"]));
    assert_eq!(shown["province"], "Đồng Nai");
    s.json(&["edit", &a[5], &a[6], "--remove-keyword", "đồng nai", "--json"], 0);
    assert_eq!(s.show(&a[5])["keywords"], json!(["sân bay"]));
    assert_eq!(s.show(&a[7])["keywords"], json!(["Đồng Nai"]));
    s.json(&["undo", "--json"], 0);
    s.json(&["undo", "--json"], 0);
    assert!(all().iter().all(|x| x["province"].is_null()), "one undo took the whole batch back");
    assert_eq!(s.show(&a[5])["keywords"], json!(["sân bay"]));

    // One invalid value refuses the batch whole; lowering needs a reason.
    let err = failing(&s, &["edit", &a[1], &a[2], "--credit", "Báo Đồng Nai", "--territories", "VN,XX"]);
    assert!(err.contains("XX"), "{err}");
    assert!(s.show(&a[1])["credit"].is_null(), "nothing half-applied");
    assert!(failing(&s, &["edit", &a[3], "--classification", "public"]).contains("needs a reason"));

    // The newsroom's template, filling empty fields only.
    let template = s.path("bao.json");
    std::fs::write(
        &template,
        r#"{"mode": "fill", "credit": "Báo =dn=", "copyright": "© {year} Báo Đồng Nai",
            "usage_terms": "Chỉ dùng cho mục đích biên tập", "usage_terms:en": "Editorial use only",
            "source_type": "staff", "territories": "worldwide", "themes": [3]}"#,
    )
    .expect("template");
    assert!(s.run(&["template", "save", "Báo Đồng Nai", &template.to_string_lossy()]).status.success());
    // {year} needs a capture date: only the dated photo can take it, so the others refuse it all.
    let err = failing(&s, &["template", "apply", "Báo Đồng Nai", "--search", "p0"]);
    assert!(err.contains("{year}"), "{err}");
    assert!(all().iter().all(|x| x["usage_terms"].is_null()), "nothing half-applied");
    let applied = s.json(&["template", "apply", "Báo Đồng Nai", &p0, &p1, "--json"], 0);
    assert!(applied["change"].is_number());
    let (first, second) = (s.show(&p0), s.show(&p1));
    assert_eq!(first["copyright"], "© TTXVN", "fill leaves what is there, so no {{year}} is needed");
    assert_eq!(second["copyright"], "© 2025 Báo Đồng Nai");
    assert_eq!(first["credit"], "Thông tấn xã", "fill leaves what is there");
    assert_eq!(second["credit"], "Báo Đồng Nai");
    assert_eq!(
        second["usage_terms_by_lang"],
        json!({"en": "Editorial use only", "vi": "Chỉ dùng cho mục đích biên tập"})
    );
    assert_eq!((second["source_type"].as_str(), second["territories"].clone()), (Some("staff"), json!(["worldwide"])));
    assert_eq!(second["themes"], json!([3]));
    s.json(&["undo", "--json"], 0);
    assert!(s.show(&p1)["usage_terms"].is_null(), "one undo for the template");

    // A bad template is refused when saved, naming the field.
    std::fs::write(&template, r#"{"mode": "fill", "credits": "x"}"#).expect("bad");
    assert!(failing(&s, &["template", "save", "sai", &template.to_string_lossy()]).contains("credits"));
    assert_eq!(s.json(&["template", "list", "--json"], 0).as_array().map(Vec::len), Some(1));

    // At ingest: only the new assets get it.
    std::fs::write(&template, r#"{"mode": "overwrite", "credit": "Đài =dn=", "city": "=bh="}"#).expect("t2");
    assert!(s.run(&["template", "save", "Đài", &template.to_string_lossy()]).status.success());
    let more = photos(&s, "more", 3);
    let report = s.ingest(&[&more, &folder], &["--template", "Đài"], 0);
    assert_eq!((report["added"].as_i64(), report["templated"].as_i64()), (Some(3), Some(3)));
    let credits: Vec<Value> = all().iter().map(|x| x["credit"].clone()).collect();
    assert_eq!(credits.iter().filter(|c| **c == json!("Đài Đồng Nai")).count(), 3);
    assert!(all().iter().filter(|x| x["credit"] == "Đài Đồng Nai").all(|x| x["city"] == "Biên Hòa"));

    // A template the new photos cannot take ({year} of undated photos): they are catalogued
    // and reported all the same, the refusal named, nothing applied, exit 1.
    let undated = photos(&s, "undated", 2);
    let before = all().len();
    let report = s.ingest(&[&undated], &["--template", "Báo Đồng Nai"], 1);
    assert_eq!((report["added"].as_i64(), report["templated"].as_i64()), (Some(2), Some(0)), "{report}");
    let why = report["template_refused"].as_str().unwrap_or_default();
    assert!(why.contains("Báo Đồng Nai") && why.contains("{year}"), "{why}");
    assert_eq!(all().len(), before + 2);
    assert!(all().iter().all(|x| x["usage_terms"].is_null()), "nothing half-applied");
}

#[test]
fn the_audit_chain_finds_what_the_shell_changed() {
    let s = Scratch::new();
    s.ingest(&[&photos(&s, "p", 3)], &[], 0);
    let a = ids(&s);
    for (asset, args) in [
        (&a[0], vec!["--classification", "secret"]),
        (&a[1], vec!["--embargo", "2027-01-01"]),
        (&a[2], vec!["--usage-terms", "en=Editorial use only", "--territories", "VN"]),
        (&a[0], vec!["--classification", "public", "--reason", "giải mật"]),
    ] {
        let mut all = vec!["edit", asset.as_str()];
        all.extend(args);
        assert!(s.run(&all).status.success());
    }
    let r = s.json(&["reportage", "new", "Phóng sự", "--json"], 0)["id"].to_string();
    s.json(&["reportage", "set", &r, "--status", "editing", "--json"], 0);
    let verify = s.json(&["audit", "verify", "--json"], 0);
    assert_eq!((verify["ok"].as_bool(), verify["entries"].as_i64()), (Some(true), Some(6)), "{verify}");
    let log = s.json(&["audit", "--asset", &a[0], "--json"], 0);
    assert_eq!(log[1]["detail"]["reason"], "giải mật");

    // The head beside the catalog removed: the chain alone cannot tell a cut end.
    let head = s.library().join("audit.head");
    let kept = std::fs::read(&head).expect("head");
    std::fs::remove_file(&head).expect("remove");
    assert!(s.json(&["audit", "verify", "--json"], 1)["first_broken"]["reason"]
        .as_str()
        .unwrap_or_default()
        .contains("audit.head"));
    std::fs::write(&head, kept).expect("restore");

    let catalog = s.library().join("catalog.sqlite");
    let pristine = std::fs::read(&catalog).expect("catalog");
    let drop_triggers = "DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete; \
                         DROP TRIGGER audit_log_chained_insert;";
    for (tampering, first_broken) in [
        ("UPDATE audit_log SET detail = replace(detail, 'giải mật', 'x') WHERE id = 5;", 5),
        ("UPDATE audit_log SET actor = 'someone' WHERE id = 1;", 1),
        ("DELETE FROM audit_log WHERE id = 3;", 3),
        ("DELETE FROM audit_log WHERE id = 6;", 6),
        (
            "INSERT INTO audit_log (id, at, actor, action, asset_id, detail, prev_hash, hash) \
          SELECT 7, at, actor, action, asset_id, detail, hash, hash FROM audit_log WHERE id = 6;",
            7,
        ),
        // Two entries swapped: each keeps its hash, neither fits its place.
        (
            "UPDATE audit_log SET id = 100 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; \
          UPDATE audit_log SET id = 3 WHERE id = 100;",
            2,
        ),
    ] {
        std::fs::write(&catalog, &pristine).expect("restore");
        let _ = std::fs::remove_file(s.library().join("catalog.sqlite-wal"));
        let out = Command::new("sqlite3")
            .arg(&catalog)
            .arg(format!("{drop_triggers} {tampering}"))
            .output()
            .expect("sqlite3");
        assert!(out.status.success(), "{tampering}: {}", String::from_utf8_lossy(&out.stderr));
        let verify = s.json(&["audit", "verify", "--json"], 1);
        assert_eq!(verify["ok"], false, "{tampering}");
        assert_eq!(verify["first_broken"]["id"], first_broken, "{tampering}: {verify}");
        let text = s.run(&["audit", "verify"]);
        assert_eq!(text.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&text.stdout).contains(&format!("entry {first_broken}")), "{tampering}");
    }
}
