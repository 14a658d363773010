//! Films for social platforms through the CLI: the clip's frame judged by ffprobe, the crop's
//! place by the colours ffmpeg decodes, the burned-in subtitles by comparing a frame at a
//! cue's time with the same frame cropped by the ffmpeg CLI without them (ImageMagick's
//! `compare`), and the cut at the platform's longest.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::broadcast::stream;
use crate::kit_build::{assert_valid_bag, walk};
use crate::util::*;

/// A public 6-second 1920×1080 film, red on its left half and blue on its right (a white
/// box moving on the blue), with a Vietnamese subtitle on screen from 1 s to 5 s; its id.
fn film(s: &Scratch, name: &str) -> (String, PathBuf) {
    let path = s.path(&format!("in/{name}.mp4"));
    let args = "-f lavfi -i color=red:size=960x1080:rate=25 -f lavfi -i color=blue:size=960x1080:rate=25 \
                -f lavfi -i sine=frequency=440:sample_rate=48000 -filter_complex \
                [0][1]hstack,drawbox=x=1300+t*40:y=200:w=200:h=200:color=white:t=fill[v] \
                -map [v] -map 2 -t 6 -c:v libx264 -pix_fmt yuv420p -c:a aac";
    make_clip(&path, args, &[]);
    s.ingest(&[&path], &["--classification", "public"], 0);
    let id = s.show(&path.to_string_lossy())["id"].to_string();
    let edit = [
        "edit",
        &id,
        "--caption",
        "vi=Cầu Hóa An lúc bình minh",
        "--keywords",
        "Biên Hòa, cầu",
        "--territories",
        "worldwide",
    ];
    let edited = s.run(&edit);
    assert!(edited.status.success(), "{}", String::from_utf8_lossy(&edited.stderr));
    let srt = s.path(&format!("in/{name}.vi.srt"));
    std::fs::write(&srt, "1\n00:00:01,000 --> 00:00:05,000\nĐỒNG NAI ĐẸP LẮM\nBiên Hòa sáng nay\n\n").expect("srt");
    s.json(&["subs", "import", &id, &srt.to_string_lossy(), "--lang", "vi", "--json"], 0);
    (id, path)
}

fn build(s: &Scratch, profile: &str, items: &[&str], extra: &[&str]) -> (PathBuf, Vec<PathBuf>) {
    let mut args = vec!["kit", "new", "--profile", profile, "--recipient", "Zalo Đồng Nai", "--lang", "vi"];
    args.extend(extra);
    args.extend(items);
    args.push("--json");
    let kit = s.json(&args, 0)["id"].to_string();
    let out = s.path(&format!("out-{profile}"));
    let built: Value = s.json(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"], 0);
    let bag = PathBuf::from(built["path"].as_str().expect("path"));
    assert_valid_bag(&bag);
    let files = walk(&bag.join("data"));
    (bag, files)
}

fn find(files: &[PathBuf], suffix: &str) -> PathBuf {
    files
        .iter()
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .cloned()
        .unwrap_or_else(|| panic!("{suffix} in {files:?}"))
}

/// The frame at `at` seconds as PNG.
fn frame(film: &Path, at: f64, png: &Path) {
    tool(
        "ffmpeg",
        &[
            "-v",
            "error",
            "-y",
            "-ss",
            &at.to_string(),
            "-i",
            &film.to_string_lossy(),
            "-frames:v",
            "1",
            &png.to_string_lossy(),
        ],
    );
}

/// ImageMagick's root-mean-square difference (0 to 1) of two pictures inside `geometry`.
fn difference(a: &Path, b: &Path, geometry: &str) -> f64 {
    let crop = |p: &Path| format!("{}[{geometry}]", p.to_string_lossy());
    let out = std::process::Command::new("compare")
        .args(["-metric", "RMSE", &crop(a), &crop(b), "null:"])
        .output()
        .expect("compare");
    let text = String::from_utf8_lossy(&out.stderr);
    let inner = text.split('(').nth(1).and_then(|t| t.split(')').next()).unwrap_or_else(|| panic!("compare: {text}"));
    inner.trim().parse().expect("rmse")
}

fn mean_colour(png: &Path, geometry: &str) -> [f64; 3] {
    let spec = format!("{}[{geometry}]", png.to_string_lossy());
    let out = tool("convert", &[&spec, "-resize", "1x1!", "-depth", "8", "txt:-"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let rgb = text.split('(').nth(1).and_then(|t| t.split(')').next()).expect("colour");
    let v: Vec<f64> = rgb.split(',').map(|x| x.trim().parse::<f64>().expect("number")).collect();
    [v[0], v[1], v[2]]
}

#[test]
fn a_vertical_clip_is_cropped_around_the_focus_with_its_subtitles_burned_in_above_the_platforms_buttons() {
    let s = Scratch::new();
    let (id, source) = film(&s, "hoa-an");
    // The subject is on the right: the crop keeps the blue half.
    assert!(s.run(&["edit", &id, "--focus", "0.75,0.5"]).status.success());
    let (_, files) = build(&s, "social-vertical", &[&id], &[]);
    let clip = find(&files, "-vertical.mp4");
    let probe = ffprobe(&clip);
    let video = stream(&probe, "video");
    assert_eq!((video["width"].as_u64(), video["height"].as_u64()), (Some(1080), Some(1920)));
    assert_eq!((video["codec_name"].as_str(), video["profile"].as_str()), (Some("h264"), Some("High")));
    assert_eq!(video["r_frame_rate"], "25/1");
    assert_eq!(stream(&probe, "audio")["channels"], 2);

    let ours = s.path("ours.png");
    frame(&clip, 3.0, &ours);
    let top = mean_colour(&ours, "1080x500+0+700");
    assert!(top[2] > 200.0 && top[0] < 40.0, "the crop keeps the blue half around the focus: {top:?}");

    // The same frame cropped by the ffmpeg CLI, no subtitles: 1080×1920 from 1080 lines is
    // 606 wide, centred on 0.75 of 1920 (1440 − 303 = 1137, even 1136).
    let plain_clip = s.path("plain.mp4");
    let vf = "crop=606:1080:1136:0,scale=1080:1920:flags=lanczos,setsar=1";
    tool(
        "ffmpeg",
        &[
            "-v",
            "error",
            "-y",
            "-i",
            &source.to_string_lossy(),
            "-vf",
            vf,
            "-an",
            "-c:v",
            "libx264",
            "-crf",
            "20",
            &plain_clip.to_string_lossy(),
        ],
    );
    let plain = s.path("plain.png");
    frame(&plain_clip, 3.0, &plain);
    let upper = difference(&ours, &plain, "1080x640+0+0");
    let lower_third = difference(&ours, &plain, "1080x640+0+1280");
    let bottom_fifth = difference(&ours, &plain, "1080x360+0+1560");
    assert!(upper < 0.03, "above the subtitles the frames agree: {upper}");
    assert!(
        lower_third > 3.0 * upper.max(0.01),
        "the subtitles are drawn in the lower third: {lower_third} vs {upper}"
    );
    assert!(bottom_fifth < 0.03, "nothing is drawn where the platform puts its caption: {bottom_fifth}");
    // No cue on screen: the frames agree there too.
    let (early, plain_early) = (s.path("early.png"), s.path("plain-early.png"));
    frame(&clip, 0.5, &early);
    frame(&plain_clip, 0.5, &plain_early);
    assert!(difference(&early, &plain_early, "1080x640+0+1280") < 0.03);

    // The caption with its hashtags.
    let captions = std::fs::read_to_string(find(&files, "texts/vi/captions.txt")).expect("captions");
    assert!(captions.contains("Cầu Hóa An lúc bình minh") && captions.contains("#BiênHòa"), "{captions}");
}

#[test]
fn a_film_longer_than_the_platform_takes_is_warned_of_and_cut() {
    let s = Scratch::new();
    let (id, _) = film(&s, "dai");
    let profile = s.path("in/reels.json");
    let json = r#"{"label": {"vi": "Reels 3 giây"}, "films": {"renditions": [{"name": "reel", "recipe": "vertical", "max_seconds": 3}]}, "texts": {"captions": true}}"#;
    std::fs::write(&profile, json).expect("profile");
    s.json(&["profile", "save", "reels-3s", &profile.to_string_lossy(), "--json"], 0);
    let kit = s
        .json(&["kit", "new", "--profile", "reels-3s", "--recipient", "Facebook", "--lang", "vi", &id, "--json"], 0)
        ["id"]
        .to_string();
    let preflight = s.json(&["kit", "preflight", &kit, "--json"], 0);
    let warned = preflight["warnings"].as_array().expect("warnings").iter().any(|w| w["rule"] == "length");
    assert!(warned, "{preflight}");
    let out = s.path("out");
    let built = s.json(&["kit", "build", &kit, "-o", &out.to_string_lossy(), "--json"], 0);
    let files = walk(&PathBuf::from(built["path"].as_str().expect("path")).join("data"));
    let probe = ffprobe(&find(&files, "-reel.mp4"));
    let length: f64 = probe["format"]["duration"].as_str().expect("duration").parse().expect("seconds");
    assert!((2.9..=3.1).contains(&length), "cut at 3 s: {length}");
}

#[test]
fn youtube_gets_the_whole_picture_with_subrip_and_feeds_get_square_and_four_by_five() {
    let s = Scratch::new();
    let (id, _) = film(&s, "feed");
    let (_, files) = build(&s, "social-youtube", &[&id], &[]);
    let video = stream(&ffprobe(&find(&files, "-youtube.mp4")), "video").clone();
    assert_eq!((video["width"].as_u64(), video["height"].as_u64()), (Some(1920), Some(1080)));
    let srt = std::fs::read_to_string(find(&files, ".vi.srt")).expect("srt");
    assert!(srt.contains("ĐỒNG NAI ĐẸP LẮM"), "{srt}");

    let (_, files) = build(&s, "social-square", &[&id], &[]);
    for (suffix, size) in [("-square.mp4", (1080, 1080)), ("-portrait.mp4", (1080, 1350))] {
        let video = stream(&ffprobe(&find(&files, suffix)), "video").clone();
        assert_eq!((video["width"].as_u64(), video["height"].as_u64()), (Some(size.0), Some(size.1)), "{suffix}");
    }
}
