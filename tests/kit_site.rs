//! The delegation's offline site and the web press room, through the CLI, judged by outside
//! tools: the Nu HTML Checker (vnu) for validity, headless Chromium loading every page from
//! file:// (every link, image, video and subtitle track resolving, no request leaving the
//! folder), Python's html.parser for the language of every passage and the JSON-LD, vobject
//! for the vCards, and xml.etree for the sitemap.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::kit_build::assert_valid_bag;
use crate::util::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A reportage on Long Thành airport in Vietnamese, Korean and English (approved), with two
/// photos and a subtitled film, one more photo on its own, and a press officer.
struct Story {
    s: Scratch,
    reportage: String,
    loose: String,
}

const LANGS: [(&str, &str, &str); 3] = [
    ("vi", "Sân bay Long Thành cất cánh", "Nhà ga hành khách đã xong phần thô. Đường băng số một được trải nhựa."),
    ("ko", "롱탄 공항 이륙", "여객 터미널 골조 공사가 끝났다. 첫 번째 활주로 포장이 진행 중이다."),
    ("en", "Long Thanh airport takes off", "The passenger terminal's shell is finished. Runway one is being paved."),
];

fn edit_item(s: &Scratch, id: &str, what: &str) {
    let mut args = vec!["edit".to_owned(), id.to_owned()];
    for (lang, headline, _) in LANGS {
        args.extend(["--headline".into(), format!("{lang}={headline}")]);
        let caption = match lang {
            "vi" => format!("Công trường sân bay Long Thành: {what}"),
            "ko" => format!("롱탄 공항 건설 현장: {what}"),
            _ => format!("Long Thanh airport site: {what}"),
        };
        args.extend(["--caption".into(), format!("{lang}={caption}")]);
    }
    args.extend(
        [
            "--creator",
            "Trần Văn Minh",
            "--credit",
            "Báo Đồng Nai",
            "--copyright",
            "© 2026 Báo Đồng Nai",
            "--territories",
            "worldwide",
            "--theme",
            "4",
        ]
        .map(String::from),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = s.run(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for lang in ["ko", "en"] {
        for part in ["caption", "headline"] {
            s.json(&["tr", "set", id, part, lang, "approved", "--json"], 0);
        }
    }
}

impl Story {
    fn new() -> Story {
        let s = Scratch::new();
        let folder = s.path("in");
        std::fs::create_dir_all(&folder).expect("folder");
        for (i, name) in ["terminal", "runway", "crane"].iter().enumerate() {
            make_photo(
                &folder.join(format!("{name}.jpg")),
                2000,
                1500,
                &format!("gradient:rgb({},90,40)-rgb(20,60,{})", 60 * i, 200 - 50 * i),
                &[],
            );
        }
        let film = folder.join("flyover.mp4");
        make_clip(
            &film,
            "-f lavfi -i testsrc2=size=1280x720:rate=25 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 4 -c:v libx264 -pix_fmt yuv420p -c:a aac",
            &[],
        );
        s.ingest(&[&folder], &["--classification", "public"], 0);
        let id = |name: &str| s.show(&folder.join(name).to_string_lossy())["id"].to_string();
        let (terminal, runway, crane, flyover) =
            (id("terminal.jpg"), id("runway.jpg"), id("crane.jpg"), id("flyover.mp4"));
        for (item, what) in [(&terminal, "nhà ga"), (&runway, "đường băng"), (&crane, "cần cẩu"), (&flyover, "flycam")]
        {
            edit_item(&s, item, what);
        }
        for (lang, text) in [("vi", "Đường băng số một"), ("ko", "첫 번째 활주로"), ("en", "Runway one")]
        {
            let srt = s.path(&format!("in/flyover.{lang}.srt"));
            std::fs::write(&srt, format!("1\n00:00:00,500 --> 00:00:03,000\n{text}\n\n")).expect("srt");
            s.json(&["subs", "import", &flyover, &srt.to_string_lossy(), "--lang", lang, "--json"], 0);
        }
        for lang in ["ko", "en"] {
            s.json(&["tr", "set", &flyover, "subtitles", lang, "approved", "--json"], 0);
        }
        let r = format!("r:{}", s.json(&["reportage", "new", LANGS[0].1, "--json"], 0)["id"]);
        for (lang, headline, body) in LANGS {
            let file = s.path(&format!("{lang}.md"));
            std::fs::write(&file, format!("{body}\n\n## {headline}\n\n- {headline}\n")).expect("body");
            let standfirst = match lang {
                "vi" => "Đồng Nai đón nhà đầu tư.",
                "ko" => "동나이, 투자자 맞이",
                _ => "Đồng Nai welcomes investors.",
            };
            let f = file.to_string_lossy().into_owned();
            s.json(
                &[
                    "reportage",
                    "set",
                    &r,
                    "--lang",
                    lang,
                    "--headline",
                    headline,
                    "--standfirst",
                    standfirst,
                    "--body-file",
                    &f,
                    "--json",
                ],
                0,
            );
        }
        s.json(&["reportage", "set", &r, "--theme", "4", "--byline", "Trần Văn Minh", "--json"], 0);
        s.json(&["reportage", "set", &r, "--classification", "public", "--reason", "đã duyệt đăng", "--json"], 0);
        for lang in ["ko", "en"] {
            for part in ["headline", "standfirst", "body"] {
                s.json(&["tr", "set", &r, part, lang, "approved", "--json"], 0);
            }
        }
        s.json(&["reportage", "add", &r, &terminal, &runway, &flyover, "--json"], 0);
        let contact = [
            "contacts",
            "add",
            "Nguyễn Thị Lan",
            "--title",
            "Thư ký tòa soạn",
            "--organisation",
            "Báo Đồng Nai",
            "--email",
            "lan@baodongnai.vn",
            "--phone",
            "+84 251 3822 222",
            "--lang",
            "vi",
            "--lang",
            "en",
            "--json",
        ];
        s.json(&contact, 0);
        Story { s, reportage: r, loose: crane }
    }

    fn build(&self, profile: &str, langs: &[&str]) -> (String, PathBuf) {
        let mut args =
            vec!["kit", "new", "--profile", profile, "--recipient", "Đoàn phóng viên Hàn Quốc", "--country", "KR"];
        for l in langs {
            args.extend(["--lang", l]);
        }
        args.extend([self.reportage.as_str(), self.loose.as_str(), "--json"]);
        let kit = self.s.json(&args, 0)["id"].to_string();
        let out = self.s.path(&format!("out-{profile}"));
        let built = self.s.json(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"], 0);
        assert!(built["path"].is_string(), "{built}");
        let bag = PathBuf::from(built["path"].as_str().expect("path"));
        assert_valid_bag(&bag);
        (kit, bag)
    }
}

fn vnu(dir: &Path) -> Vec<Value> {
    let jar = format!("{ROOT}/ui/node_modules/vnu-jar/build/dist/vnu.jar");
    let out = Command::new("java")
        .args(["-jar", &jar, "--errors-only", "--format", "json", "--skip-non-html"])
        .arg(dir)
        .output()
        .expect("java -jar vnu.jar");
    let report: Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("vnu ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    report["messages"].as_array().cloned().unwrap_or_default()
}

fn chromium(dir: &Path) -> Value {
    let out = Command::new("node")
        .arg(format!("{ROOT}/tests/oracles/site_check.mjs"))
        .arg(dir)
        .output()
        .expect("node site_check.mjs");
    assert!(out.status.success(), "site_check: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("site_check JSON")
}

fn languages_and_jsonld(dir: &Path) -> Value {
    let out = Command::new("python3")
        .arg(format!("{ROOT}/tests/oracles/site_lang.py"))
        .arg(dir)
        .output()
        .expect("site_lang.py");
    assert!(out.status.success(), "site_lang: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("site_lang JSON")
}

fn of_type<'a>(report: &'a Value, lang: &str, ty: &str) -> Vec<(&'a str, &'a Value)> {
    report["jsonld"]
        .as_object()
        .expect("pages")
        .iter()
        .filter(|(p, v)| p.starts_with(&format!("site/{lang}/")) && v[0]["@type"] == ty)
        .map(|(p, v)| (p.as_str(), &v[0]))
        .collect()
}

#[test]
fn a_delegations_kit_opens_from_its_folder_as_a_valid_site_in_its_languages_with_nothing_fetched_from_outside() {
    let story = Story::new();
    let (kit, bag) = story.build("delegation", &["ko", "en"]);
    let data = bag.join("data");
    assert!(data.join("index.html").is_file());
    let index = std::fs::read_to_string(data.join("index.html")).expect("index");
    assert!(index.contains("<html lang=\"ko\">"), "the first page is the delegation's language");

    let errors = vnu(&data);
    assert!(errors.is_empty(), "vnu: {errors:#?}");

    let loaded = chromium(&data);
    assert!(loaded["problems"].as_array().expect("problems").is_empty(), "{:#}", loaded["problems"]);
    // Home, reportage, 4 items, facts, contacts, downloads, in 3 languages; index.html is the
    // Korean home.
    assert_eq!(loaded["pages"], 9 * 3, "{loaded}");
    // Each film page has its three subtitle tracks, the Korean one as the Korean SRT said.
    let tracks = loaded["tracks"].as_array().expect("tracks");
    assert_eq!(tracks.len(), 3 * 3, "{tracks:#?}");
    assert!(tracks.iter().any(|t| t["lang"] == "ko" && t["first"] == "첫 번째 활주로"), "{tracks:#?}");

    let report = languages_and_jsonld(&data);
    assert!(report["problems"].as_array().expect("problems").is_empty(), "{:#}", report["problems"]);
    let (article_page, article) = of_type(&report, "ko", "NewsArticle").into_iter().next().expect("NewsArticle");
    assert_eq!(article["headline"], "롱탄 공항 이륙");
    assert_eq!(article["inLanguage"], "ko");
    let images = article["image"].as_array().expect("images");
    assert_eq!(images.len(), 2);
    let from = data.join(article_page);
    let resolve = |from: &Path, url: &Value| from.parent().expect("dir").join(url.as_str().expect("url"));
    for image in images {
        assert!(resolve(&from, &image["contentUrl"]).is_file(), "{image}");
    }
    let photos = of_type(&report, "ko", "ImageObject");
    assert_eq!(photos.len(), 3);
    for (p, photo) in &photos {
        for field in ["creator", "creditText", "copyrightNotice", "license", "contentUrl"] {
            assert!(!photo[field].is_null(), "{p}: {field} in {photo}");
        }
        assert_eq!(photo["creator"][0]["name"], "Trần Văn Minh");
        assert_eq!(photo["copyrightNotice"], "© 2026 Báo Đồng Nai");
        let full = resolve(&data.join(p), &photo["contentUrl"]);
        assert_eq!(dimensions(&full), (2000, 1500), "the download is the full size");
    }
    let (film_page, film) = of_type(&report, "ko", "VideoObject").into_iter().next().expect("VideoObject");
    assert_eq!(film["duration"], "PT4S");
    let tracks: Vec<&str> =
        film["caption"].as_array().expect("tracks").iter().map(|t| t["inLanguage"].as_str().expect("lang")).collect();
    assert_eq!(tracks, ["ko", "en", "vi"]);
    let mp4 = resolve(&data.join(film_page), &film["contentUrl"]);
    let probe = ffprobe(&mp4);
    assert_eq!(probe["streams"][0]["codec_name"], "h264");

    // The page in Korean has the Vietnamese beside it, each marked with its language.
    let html = std::fs::read_to_string(data.join(article_page)).expect("page");
    assert!(html.contains("<h1 lang=\"ko\">롱탄 공항 이륙</h1>"), "{html}");
    assert!(html.contains("lang=\"vi\" class=\"beside headline\">Sân bay Long Thành cất cánh<"), "{html}");
    // The language switch is plain links to the same page in the other languages.
    let en_page = format!("../../{}", article_page.replacen("site/ko/", "site/en/", 1));
    assert!(html.contains(&format!("href=\"{en_page}\" hreflang=\"en\" lang=\"en\">English</a>")), "{html}");
    // The fact sheet lists the reportage under the plan's theme 4.
    let facts = std::fs::read_to_string(data.join("site/ko/facts.html")).expect("facts");
    assert!(facts.contains("<span class=\"number\">4</span>") && facts.contains("롱탄 공항 이륙"), "{facts}");

    let vcards = Command::new("python3")
        .args([
            "-c",
            "import vobject, sys\n\
             cards = list(vobject.readComponents(open(sys.argv[1], encoding='utf-8').read()))\n\
             c = cards[0]\n\
             print(len(cards), c.fn.value, c.email.value, c.tel.value, c.org.value[0], c.title.value)",
        ])
        .arg(data.join("contacts/contacts.vcf"))
        .output()
        .expect("python3");
    assert!(vcards.status.success(), "{}", String::from_utf8_lossy(&vcards.stderr));
    assert_eq!(
        String::from_utf8_lossy(&vcards.stdout).trim(),
        "1 Nguyễn Thị Lan lan@baodongnai.vn +84 251 3822 222 Báo Đồng Nai Thư ký tòa soạn"
    );

    let downloads = std::fs::read_to_string(data.join("site/en/downloads.html")).expect("downloads");
    for f in walk_files(&data).iter().filter(|f| !f.starts_with("site/") && *f != "index.html") {
        assert!(downloads.contains(&format!(">{f}</a>")), "{f} is not in the download list");
    }

    let opened = story.s.run(&["kit", "open", &kit, "--print"]);
    assert!(opened.status.success(), "{}", String::from_utf8_lossy(&opened.stderr));
    assert_eq!(String::from_utf8_lossy(&opened.stdout).trim(), data.join("index.html").to_string_lossy());
}

fn walk_files(dir: &Path) -> Vec<String> {
    crate::kit_build::walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).expect("inside").to_string_lossy().into_owned())
        .collect()
}

#[test]
fn the_web_press_room_has_absolute_alternates_and_an_image_sitemap() {
    let story = Story::new();
    let (_, bag) = story.build("web", &["en", "ko"]);
    let data = bag.join("data");
    let errors = vnu(&data);
    assert!(errors.is_empty(), "vnu: {errors:#?}");
    let base = "https://dongnai.gov.vn/press-room/";
    let sitemap = Command::new("python3")
        .args([
            "-c",
            "import sys, json, xml.etree.ElementTree as ET\n\
             ns = {'s': 'http://www.sitemaps.org/schemas/sitemap/0.9', 'i': 'http://www.google.com/schemas/sitemap-image/1.1', 'x': 'http://www.w3.org/1999/xhtml'}\n\
             root = ET.parse(sys.argv[1]).getroot()\n\
             urls = [{'loc': u.find('s:loc', ns).text, 'alternates': {l.get('hreflang'): l.get('href') for l in u.findall('x:link', ns)}, 'images': [i.find('i:loc', ns).text for i in u.findall('i:image', ns)]} for u in root.findall('s:url', ns)]\n\
             print(json.dumps(urls))",
        ])
        .arg(data.join("sitemap.xml"))
        .output()
        .expect("python3");
    assert!(sitemap.status.success(), "{}", String::from_utf8_lossy(&sitemap.stderr));
    let urls: Vec<Value> = serde_json::from_slice(&sitemap.stdout).expect("urls");
    assert_eq!(urls.len(), 9 * 2);
    for u in &urls {
        let loc = u["loc"].as_str().expect("loc");
        let path = loc.strip_prefix(base).unwrap_or_else(|| panic!("{loc} is not under {base}"));
        assert!(data.join(path).is_file(), "{loc}");
        assert_eq!(u["alternates"].as_object().expect("alternates").len(), 2, "{u}");
        for image in u["images"].as_array().expect("images") {
            let path = image.as_str().and_then(|i| i.strip_prefix(base)).expect("under base");
            assert_eq!(dimensions(&data.join(path)).0, 2000, "the large image: {image}");
        }
    }
    let story_url = urls.iter().find(|u| u["images"].as_array().is_some_and(|i| i.len() == 2)).expect("the reportage");
    let page = story_url["loc"].as_str().and_then(|l| l.strip_prefix(base)).expect("path");
    let html = std::fs::read_to_string(data.join(page)).expect("page");
    for (lang, href) in story_url["alternates"].as_object().expect("alternates") {
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\">",
                href.as_str().expect("href")
            )),
            "{html}"
        );
    }
    assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{}\">", story_url["loc"].as_str().expect("loc"))));
    let report = languages_and_jsonld(&data);
    assert!(report["problems"].as_array().expect("problems").is_empty(), "{:#}", report["problems"]);
    let article = page_of(&report, page);
    assert!(article["image"][0]["contentUrl"].as_str().is_some_and(|u| u.starts_with(base)), "{article}");
}

fn page_of<'a>(report: &'a Value, page: &str) -> &'a Value {
    let v = &report["jsonld"][page][0];
    assert!(!v.is_null(), "no JSON-LD on {page}");
    v
}
