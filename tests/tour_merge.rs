//! Merging a tour back through the CLI: what the road made comes home (new photos copied and
//! verified, a reportage, edits, translations, a kit and its delivery, the audit chain that
//! still verifies), edits on both sides merge field by field, a field changed differently on
//! both sides waits as a conflict until an editor settles it, a classification raised at home
//! stays raised, merging twice changes nothing, and a merge killed at any moment is taken up.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::tour::{home, photos, tour_cmd, tour_json};
use crate::util::*;

fn checkout(s: &Scratch, to: &Path, items: &[&str]) {
    let mut args = vec!["tour", "checkout", "--to"];
    let to = to.to_string_lossy();
    args.push(&to);
    args.extend_from_slice(items);
    args.push("--json");
    s.json(&args, 0);
}

fn on_tour(tour: &Path, args: &[&str]) {
    let out = tour_cmd(tour, args);
    assert!(out.status.success(), "on the tour: {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn merge(s: &Scratch, tour: &Path, code: i32) -> Value {
    s.json(&["tour", "merge", &tour.to_string_lossy(), "--json"], code)
}

fn caption(s: &Scratch, id: &str, lang: &str) -> Value {
    s.show(id)["captions"][lang].clone()
}

/// What a library holds, by content and not by row id or folder: to compare two libraries.
fn contents(library: &Path) -> Vec<String> {
    let out = tour_json(library, &["list", "--json", "--limit", "100000"]);
    let mut all: Vec<String> = out
        .as_array()
        .expect("list")
        .iter()
        .map(|a| {
            let shown = tour_json(library, &["show", &a["id"].to_string(), "--json"]);
            format!(
                "{} {} {} {} {}",
                shown["content_hash"], shown["captions"], shown["headline"], shown["keywords"], shown["classification"]
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn what_the_road_made_comes_home_and_a_second_merge_changes_nothing() {
    let h = home();
    let s = &h.s;
    let tour = s.path("laptop/tour");
    checkout(s, &tour, &[&h.story, &h.public[2], &h.public[3]]);
    let (a, b, c, d) = (&h.public[0], &h.public[1], &h.public[2], &h.public[3]);

    // On the road.
    on_tour(&tour, &["edit", a, "--caption", "en=Cat Tien National Park"]);
    on_tour(&tour, &["edit", b, "--add-keyword", "rừng"]);
    on_tour(&tour, &["edit", d, "--classification", "confidential"]);
    on_tour(&tour, &["tr", "set", a, "caption", "en", "draft", "--note", "trên đường"]);
    let card = photos(s, "card", 2);
    on_tour(&tour, &["ingest", "--classification", "public", &card.to_string_lossy()]);
    let new_ids: Vec<String> = (0..2)
        .map(|i| {
            tour_json(&tour, &["show", &card.join(format!("p{i:02}.jpg")).to_string_lossy(), "--json"])["id"]
                .to_string()
        })
        .collect();
    for id in &new_ids {
        let fields = ["--caption", "vi=Ảnh mới trên đường", "--headline", "Tin mới", "--credit", "Báo Đồng Nai"];
        on_tour(&tour, &[&["edit", id.as_str()][..], &fields, &["--territories", "worldwide"]].concat());
    }
    let story = tour_json(&tour, &["reportage", "new", "Trái cây Long Khánh", "--json"])["id"].to_string();
    on_tour(&tour, &["reportage", "add", &story, &new_ids[0], &new_ids[1]]);
    let kit = tour_json(
        &tour,
        &["kit", "new", "--profile", "newspaper", "--lang", "vi", "--recipient", "Báo Nhân Dân", &new_ids[0], "--json"],
    )["id"]
        .to_string();
    on_tour(&tour, &["kit", "build", &kit, "-o", &s.path("laptop/kits").to_string_lossy()]);
    assert!(tour_cmd(&tour, &["audit", "verify"]).status.success());

    // At home meanwhile: another field of c, and b raised to Mật.
    s.run(&["edit", c, "--headline", "Tiêu đề ở nhà"]);
    s.run(&["edit", b, "--classification", "confidential"]);

    let report = merge(s, &tour, 0);
    for key in ["new_assets", "new_reportages", "updated", "conflicts", "deliveries", "audit_entries"] {
        assert!(report.get(key).is_some(), "{key} missing: {report}");
    }
    assert_eq!(report["new_assets"], 2, "{report}");
    assert_eq!(report["new_reportages"], 1);
    assert_eq!(report["conflicts"], serde_json::json!([]));
    assert_eq!(report["deliveries"], 1);
    assert!(report["audit_entries"].as_u64().expect("n") >= 4, "{report}");

    assert_eq!(caption(s, a, "en"), "Cat Tien National Park");
    let shown_b = s.show(b);
    assert_eq!(shown_b["classification"], "confidential", "raised at home, it stays raised");
    assert!(shown_b["keywords"].as_array().expect("kw").contains(&Value::from("rừng")), "{shown_b}");
    assert_eq!(s.show(c)["headline"], "Tiêu đề ở nhà");
    assert_eq!(s.show(d)["classification"], "confidential", "raised on the road, it stays raised");
    // The new photos, copied into the library's folder, verified by content.
    for i in 0..2 {
        let source = card.join(format!("p{i:02}.jpg"));
        let found = s.search(&["Ảnh mới"]);
        assert_eq!(found.len(), 2);
        let at_home = found.iter().find(|f| {
            let p = PathBuf::from(f["path"].as_str().expect("path"));
            p.starts_with(s.library()) && std::fs::read(&p).ok() == std::fs::read(&source).ok()
        });
        assert!(at_home.is_some(), "photo {i} was not copied home: {found:?}");
    }
    let stories = s.json(&["reportage", "list", "--json"], 0);
    assert!(stories.to_string().contains("Trái cây Long Khánh"), "{stories}");
    let history = s.json(&["tr", "history", a, "caption", "en", "--json"], 0);
    assert!(history.to_string().contains("trên đường"), "{history}");
    let deliveries = s.json(&["deliveries", "--json"], 0);
    let delivery = &deliveries.as_array().expect("register")[0];
    assert_eq!(delivery["recipient"], "Báo Nhân Dân");
    let home_kit = delivery["kit"].to_string();
    assert_eq!(s.json(&["kit", "show", &home_kit, "--json"], 0)["recipient"], "Báo Nhân Dân");
    let verify = s.run(&["audit", "verify"]);
    assert!(verify.status.success(), "{}", String::from_utf8_lossy(&verify.stdout));

    // Again: nothing new, nothing changed.
    let before = contents(&s.library());
    let entries = s.json(&["audit", "--json"], 0).as_array().expect("audit").len();
    let again = merge(s, &tour, 0);
    for key in ["new_assets", "new_reportages", "updated", "deliveries", "audit_entries"] {
        assert_eq!(again[key], 0, "{key} the second time: {again}");
    }
    assert_eq!(contents(&s.library()), before);
    assert_eq!(
        s.json(&["audit", "--json"], 0).as_array().expect("audit").len(),
        entries,
        "a merge of nothing records nothing"
    );
}

#[test]
fn a_field_changed_on_both_sides_waits_until_an_editor_settles_it() {
    let h = home();
    let s = &h.s;
    let tour = s.path("tour");
    checkout(s, &tour, &[&h.story, &h.public[2]]);
    let (a, b) = (&h.public[0], &h.public[2]);
    s.run(&["edit", a, "--caption", "vi=Ở nhà viết thế này", "--keywords", "k1, k2"]);
    on_tour(&tour, &["edit", a, "--caption", "vi=Trên đường viết thế kia"]);
    // Lists merge by element: home's keywords and the tour's addition.
    on_tour(&tour, &["edit", a, "--add-keyword", "k3"]);
    on_tour(&tour, &["edit", b, "--caption", "vi=Chỉ trên đường"]);

    let report = merge(s, &tour, 1);
    let conflicts = report["conflicts"].as_array().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{report}");
    let c = &conflicts[0];
    assert_eq!((c["item"].as_str(), c["field"].as_str()), (Some(a.as_str()), Some("caption:vi")));
    assert_eq!(c["ours"], "Ở nhà viết thế này");
    assert_eq!(c["theirs"], "Trên đường viết thế kia");
    assert_eq!(caption(s, a, "vi"), "Ở nhà viết thế này", "home keeps its value until settled");
    assert_eq!(caption(s, b, "vi"), "Chỉ trên đường");
    let keywords = s.show(a)["keywords"].clone();
    assert_eq!(keywords, serde_json::json!(["k1", "k2", "k3"]));
    assert_eq!(s.json(&["tour", "conflicts", "--json"], 0).as_array().expect("waiting").len(), 1);

    // A merge again lists it again, and changes nothing.
    assert_eq!(merge(s, &tour, 1)["conflicts"].as_array().expect("c").len(), 1);
    let out = s.run(&["tour", "resolve", a, "caption:vi", "theirs"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(caption(s, a, "vi"), "Trên đường viết thế kia");
    assert_eq!(s.json(&["tour", "conflicts", "--json"], 0), serde_json::json!([]));
    assert_eq!(merge(s, &tour, 0)["conflicts"], serde_json::json!([]));
    assert_eq!(caption(s, a, "vi"), "Trên đường viết thế kia");

    // Typed in: a value of the editor's own.
    on_tour(&tour, &["edit", a, "--caption", "vi=Lần nữa trên đường"]);
    s.run(&["edit", a, "--caption", "vi=Lần nữa ở nhà"]);
    merge(s, &tour, 1);
    let out = s.run(&["tour", "resolve", a, "caption:vi", "--value", "Cả hai cùng viết"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(caption(s, a, "vi"), "Cả hai cùng viết");
    let wrong = s.run(&["tour", "resolve", a, "caption:vi", "ours"]);
    assert_eq!(wrong.status.code(), Some(2), "nothing waits on it now");
    assert!(s.run(&["audit", "verify"]).status.success());
}

#[test]
fn a_tour_merges_only_into_the_library_it_came_from() {
    let h = home();
    let s = &h.s;
    let tour = s.path("tour");
    checkout(s, &tour, &[&h.public[0]]);
    let other = Scratch::new();
    let out = other.run(&["tour", "merge", &tour.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("merge it into the library it came from"));
    let out = s.run(&["tour", "merge", &other.library().to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_merge_killed_at_any_moment_ends_as_one_never_stopped() {
    let h = home();
    let s = &h.s;
    let tour = s.path("tour");
    checkout(s, &tour, &[&h.story]);
    let card = s.path("card");
    dotted_photos(s, &card, 24);
    on_tour(&tour, &["ingest", "--classification", "public", &card.to_string_lossy()]);
    on_tour(&tour, &["edit", &h.public[0], "--caption", "en=From the road"]);
    // A copy of home, to merge without a stop.
    let twin = s.path("twin");
    tool("cp", &["-a", &s.library().to_string_lossy(), &twin.to_string_lossy()]);

    let args = ["tour", "merge", &tour.to_string_lossy(), "--json"];
    // Ctrl-C once the media are being copied home: it stops, says how to finish, and the
    // catalog is as it was.
    let uid = tour_json(&tour, &["info", "--json"])["library"]["uid"].as_str().expect("uid").to_owned();
    let next = s.library().join("tours").join(&uid).join("base.next.sqlite");
    let stopped = interrupt_when(s, &args, || next.exists());
    assert_eq!(stopped.status.code(), Some(130), "{}", String::from_utf8_lossy(&stopped.stderr));
    assert!(String::from_utf8_lossy(&stopped.stderr).contains("run the same command again"));
    assert_eq!(contents(&s.library()), contents(&twin), "a stopped merge changed the catalog");
    assert!(s.run(&["audit", "verify"]).status.success());
    let killed_partway = kill_partway(
        s,
        &args,
        &[80, 200, 400, 800],
        || false,
        || {
            assert!(s.run(&["audit", "verify"]).status.success(), "a killed merge broke the chain");
        },
    );
    assert!(killed_partway > 0, "the merge finished before it could be killed: make it bigger");
    s.json(&args, 0);
    let out = tour_cmd(&twin, &args[..3]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(contents(&s.library()), contents(&twin));
    let count = |lib: &Path| tour_json(lib, &["audit", "--json"]).as_array().expect("a").len();
    assert_eq!(count(&s.library()), count(&twin), "the same audit entries");
    // Nothing half-copied is left among the originals.
    let stray: Vec<PathBuf> = walkdir::WalkDir::new(s.library().join("originals"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// A SubRip file of `lines`, a second each.
fn srt(lines: &[&str]) -> String {
    lines.iter().enumerate().map(|(i, l)| format!("{}\n00:00:0{i},000 --> 00:00:0{i},900\n{l}\n\n", i + 1)).collect()
}

#[test]
fn a_films_subtitles_merge_per_language_and_its_shot_list_as_a_whole() {
    let s = &Scratch::new();
    let path = s.path("in/film.mp4");
    let clip = "-f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=440 -t 4 -c:v libx264 \
                -pix_fmt yuv420p -c:a aac";
    make_clip(&path, clip, &[]);
    s.ingest(&[&path], &["--classification", "public"], 0);
    let id = s.show(&path.to_string_lossy())["id"].to_string();
    let subs = |library: Option<&Path>, lang: &str, lines: &[&str]| {
        let file = s.path(&format!("subs/{lang}-{}.srt", lines[0].len()));
        std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
        std::fs::write(&file, srt(lines)).expect("srt");
        let args = ["subs", "import", &id, &file.to_string_lossy(), "--lang", lang];
        match library {
            Some(tour) => on_tour(tour, &args),
            None => assert!(s.run(&args).status.success()),
        }
    };
    let shots = |library: Option<&Path>, description: &str| {
        let file = s.path(&format!("shots-{}.csv", description.len()));
        std::fs::write(&file, format!("in,out,description\n0,2,{description}\n2,4,Cận cảnh\n")).expect("csv");
        let args = ["shots", "import", &id, &file.to_string_lossy()];
        match library {
            Some(tour) => on_tour(tour, &args),
            None => assert!(s.run(&args).status.success()),
        }
    };
    let exported = |lang: &str| {
        let out = s.run(&["subs", "export", &id, "--lang", lang, "--format", "srt"]);
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    };
    subs(None, "vi", &["Xin chào Đồng Nai", "Tạm biệt"]);
    let tour = s.path("tour");
    checkout(s, &tour, &[&id]);

    // The road adds English and rewrites the Vietnamese; home adds Korean and rewrites it too.
    subs(Some(&tour), "en", &["Hello from the road", "Goodbye"]);
    subs(Some(&tour), "vi", &["Trên đường Cát Tiên", "Tạm biệt"]);
    subs(None, "ko", &["안녕하세요 동나이", "안녕히 가세요"]);
    subs(None, "vi", &["Ở nhà biên tập", "Tạm biệt"]);
    // Each side makes its own shot list.
    shots(Some(&tour), "Toàn cảnh rừng");
    shots(None, "Toàn cảnh tòa soạn");

    let report = merge(s, &tour, 1);
    let mut waiting: Vec<String> = report["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .map(|c| format!("{} {}", c["item"].as_str().expect("item"), c["field"].as_str().expect("field")))
        .collect();
    waiting.sort();
    assert_eq!(waiting, [format!("{id} shots"), format!("{id} subtitles:vi")], "{report}");
    let en = exported("en");
    assert!(en.contains("Hello from the road"), "the road's new language came home: {en}");
    assert!(exported("ko").contains("안녕하세요"), "home's own language stays");
    assert!(exported("vi").contains("Ở nhà biên tập"), "home keeps its track until settled");
    let typed = s.run(&["tour", "resolve", &id, "subtitles:vi", "--value", "Một câu"]);
    assert_eq!(typed.status.code(), Some(2), "a track is taken whole, not typed");

    assert!(s.run(&["tour", "resolve", &id, "subtitles:vi", "theirs"]).status.success());
    assert!(exported("vi").contains("Trên đường Cát Tiên"));
    assert!(s.run(&["tour", "resolve", &id, "shots", "ours"]).status.success());
    let listed = s.json(&["shots", "list", &id, "--json"], 0);
    assert_eq!(listed[0]["description"]["vi"], "Toàn cảnh tòa soạn", "{listed}");
    assert_eq!(merge(s, &tour, 0)["conflicts"], serde_json::json!([]), "settled stays settled");

    // Afterwards the road changes its English track, which home has as the road left it:
    // taken. And its shot list, which home settled its own way: the editor is asked again.
    subs(Some(&tour), "en", &["Hello again from the road", "Goodbye"]);
    shots(Some(&tour), "Voi rừng ở Cát Tiên");
    let again = merge(s, &tour, 1);
    let fields: Vec<&str> =
        again["conflicts"].as_array().expect("c").iter().filter_map(|c| c["field"].as_str()).collect();
    assert_eq!(fields, ["shots"], "{again}");
    assert!(exported("en").contains("Hello again from the road"));
    assert!(s.run(&["audit", "verify"]).status.success());
}

#[test]
fn a_kit_merged_home_and_changed_again_on_both_sides_merges_field_by_field() {
    let h = home();
    let s = &h.s;
    let tour = s.path("tour");
    checkout(s, &tour, &[&h.story, &h.public[2], &h.public[3]]);
    let (a, c, d) = (&h.public[0], &h.public[2], &h.public[3]);
    let kit = tour_json(
        &tour,
        &["kit", "new", "--profile", "newspaper", "--lang", "en", "--recipient", "Korea Times", a, c, "--json"],
    )["id"]
        .to_string();
    merge(s, &tour, 0);
    let at_home = s.json(&["kit", "list", "--json"], 0)[0]["id"].to_string();

    // On the road: another recipient, a photo added, one taken out, a title. At home: notes,
    // the outlet, and a title of its own.
    on_tour(&tour, &["kit", "set", &kit, "--recipient", "The Korea Times desk", "--title", "Cát Tiên (road)"]);
    on_tour(&tour, &["kit", "add", &kit, d]);
    on_tour(&tour, &["kit", "remove", &kit, c]);
    s.run(&["kit", "set", &at_home, "--notes", "Gửi trước thứ Sáu", "--outlet", "KT", "--title", "Cát Tiên (home)"]);

    let report = merge(s, &tour, 1);
    let conflicts: Vec<(String, String)> = report["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .map(|c| (c["item"].as_str().expect("i").to_owned(), c["field"].as_str().expect("f").to_owned()))
        .collect();
    assert_eq!(conflicts, [(format!("k:{at_home}"), "title".to_owned())], "{report}");
    let shown = s.json(&["kit", "show", &at_home, "--json"], 0);
    assert_eq!(shown["recipient"], "The Korea Times desk", "{shown}");
    assert_eq!((shown["notes"].as_str(), shown["outlet"].as_str()), (Some("Gửi trước thứ Sáu"), Some("KT")));
    assert_eq!(shown["title"], "Cát Tiên (home)", "home keeps its title until settled");
    let items: Vec<&str> =
        shown["items"].as_array().expect("items").iter().filter_map(|i| i["item"].as_str()).collect();
    assert_eq!(items, [a.as_str(), d.as_str()], "{shown}");

    let typed = s.run(&["tour", "resolve", &format!("k:{at_home}"), "title", "--value", "Cát Tiên"]);
    assert!(typed.status.success(), "{}", String::from_utf8_lossy(&typed.stderr));
    assert_eq!(s.json(&["kit", "show", &at_home, "--json"], 0)["title"], "Cát Tiên");
    let items = s.run(&["tour", "resolve", &format!("k:{at_home}"), "items", "--value", "1"]);
    assert_eq!(items.status.code(), Some(2), "nothing waits on the items, and they are not typed");
    assert_eq!(merge(s, &tour, 0)["conflicts"], serde_json::json!([]));
    assert!(s.run(&["audit", "verify"]).status.success());
}
