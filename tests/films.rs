//! Films and sound: what Mediadesk reads agrees with ffprobe; posters avoid black; broken files
//! and crashing decoders fail one file each; filters, subtitles and proxies work on real clips
//! made by the ffmpeg CLI.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::*;

const SRT_VI: &str = "1\n00:00:00,500 --> 00:00:01,500\nXin chào Đồng Nai\n\n2\n00:00:01,800 --> 00:00:02,600\nSông Đồng Nai\nmùa nước nổi\n\n";
const SRT_EN: &str =
    "1\n00:00:00,500 --> 00:00:01,500\nHello Dong Nai\n\n2\n00:00:01,800 --> 00:00:02,600\nThe Dong Nai river\n\n";

/// The clips of a TV shoot, each as the issue names it.
struct Shoot {
    dir: PathBuf,
}

impl Shoot {
    fn new(s: &Scratch) -> Shoot {
        let dir = s.path("shoot");
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("vi.srt.txt"), SRT_VI).expect("srt");
        std::fs::write(dir.join("en.srt.txt"), SRT_EN).expect("srt");
        Shoot { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn h264_mp4(&self) -> PathBuf {
        let p = self.path("le-hoi.mp4");
        make_clip(
            &p,
            "-f lavfi -i testsrc2=size=640x360:rate=25:duration=4 -f lavfi -i sine=frequency=440:duration=4:sample_rate=48000 \
             -c:v libx264 -pix_fmt yuv420p -c:a aac -ac 2 -shortest -metadata {0} -metadata {1} -metadata {2} \
             -movflags use_metadata_tags -metadata {3}",
            &[
                "title=Lễ hội Đồng Nai",
                "comment=Khai mạc lễ hội trái cây Long Khánh",
                "creation_time=2024-11-02T06:30:00Z",
                "keywords=lễ hội; trái cây, Long Khánh",
            ],
        );
        p
    }

    fn prores_mov(&self) -> PathBuf {
        let p = self.path("studio.mov");
        make_clip(&p, "-f lavfi -i testsrc2=size=640x360:rate=30000/1001:duration=2 -c:v prores_ks -profile:v 3 -timecode 10:00:00:00", &[]);
        p
    }

    fn mkv_two_languages(&self) -> PathBuf {
        let p = self.path("phong-su.mkv");
        let (vi, en) = (self.path("vi.srt.txt"), self.path("en.srt.txt"));
        make_clip(
            &p,
            "-f lavfi -i testsrc2=size=320x240:rate=25:duration=3 -f lavfi -i sine=duration=3 \
             -f lavfi -i sine=frequency=880:duration=3 -f srt -i {0} -f srt -i {1} -map 0 -map 1 -map 2 -map 3 -map 4 \
             -c:v libx264 -c:a aac -c:s srt -metadata:s:a:0 language=vie -metadata:s:a:1 language=eng \
             -metadata:s:s:0 language=vie -metadata:s:s:1 language=eng -t 3",
            &[&vi.to_string_lossy(), &en.to_string_lossy()],
        );
        p
    }

    /// A station's MXF: MPEG-2 with a start timecode.
    fn station_mxf(&self) -> PathBuf {
        let p = self.path("dai-truyen-hinh.mxf");
        make_clip(
            &p,
            "-f lavfi -i testsrc2=size=720x576:rate=25:duration=2 -c:v mpeg2video -b:v 8M -timecode 09:59:50:00",
            &[],
        );
        p
    }

    /// An HDR10-tagged clip (PQ transfer, BT.2020, 10-bit).
    fn hdr_pq(&self) -> PathBuf {
        let p = self.path("hdr.mp4");
        make_clip(&p, "-f lavfi -i testsrc2=size=640x360:rate=25:duration=1 -c:v libx264 -pix_fmt yuv420p10le -color_trc smpte2084 -color_primaries bt2020 -colorspace bt2020nc", &[]);
        p
    }

    fn vp9_webm(&self) -> PathBuf {
        let p = self.path("web.webm");
        make_clip(&p, "-f lavfi -i testsrc2=size=320x240:rate=25:duration=2 -c:v libvpx-vp9 -b:v 200k", &[]);
        p
    }

    /// A phone's portrait clip: stored landscape with a display matrix turning it upright.
    fn phone_portrait(&self) -> PathBuf {
        let p = self.path("dien-thoai.mp4");
        make_clip(&p, "-f lavfi -i testsrc2=size=640x360:rate=30:duration=2 -c:v libx264", &[]);
        exiftool_write(&p, &["-Rotation=90"]);
        p
    }

    fn tiktok_vertical(&self) -> PathBuf {
        let p = self.path("tiktok.mp4");
        make_clip(&p, "-f lavfi -i testsrc2=size=360x640:rate=30:duration=2 -c:v libx264", &[]);
        p
    }

    fn interview_m4a(&self) -> PathBuf {
        let p = self.path("phong-van.m4a");
        make_clip(&p, "-f lavfi -i sine=frequency=300:duration=5 -c:a aac -metadata {0}", &["artist=Nguyễn Văn An"]);
        p
    }
}

fn f(v: &Value) -> f64 {
    v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).unwrap_or(f64::NAN)
}

fn stream<'a>(probe: &'a Value, kind: &str, n: usize) -> &'a Value {
    probe["streams"].as_array().expect("streams").iter().filter(|s| s["codec_type"] == kind).nth(n).expect("stream")
}

fn bcp47(iso639_2: &Value) -> Value {
    match iso639_2.as_str() {
        Some("vie") => "vi".into(),
        Some("eng") => "en".into(),
        Some("und") | None => Value::Null,
        Some(other) => other.into(),
    }
}

/// The video facts of `show` against ffprobe's, field by field.
fn assert_video_agrees(shown: &Value, probe: &Value) {
    let v = &shown["video"];
    let p = stream(probe, "video", 0);
    assert_eq!(v["codec"], p["codec_name"], "{shown}");
    assert_eq!(v["profile"], p["profile"], "{shown}");
    assert_eq!(v["width"], p["width"]);
    assert_eq!(v["height"], p["height"]);
    assert_eq!(v["pixel_format"], p["pix_fmt"]);
    if p["display_aspect_ratio"].is_string() {
        assert_eq!(v["display_aspect"], p["display_aspect_ratio"]);
    }
    let rates = [p["r_frame_rate"].clone(), p["avg_frame_rate"].clone()];
    assert!(rates.contains(&v["fps_rational"]), "fps {} vs ffprobe {rates:?}", v["fps_rational"]);
    let (num, den) = v["fps_rational"].as_str().and_then(|r| r.split_once('/')).expect("num/den");
    let exact = num.parse::<f64>().expect("num") / den.parse::<f64>().expect("den");
    assert!((f(&v["fps"]) - exact).abs() < 0.001, "fps as a number: {}", v["fps"]);
    let rotation =
        p["side_data_list"].as_array().and_then(|l| l.iter().find_map(|d| d["rotation"].as_i64())).unwrap_or(0);
    assert_eq!(v["rotation"], rotation);
    assert!((f(&shown["duration_s"]) - f(&probe["format"]["duration"])).abs() < 0.01);
}

#[test]
fn what_mediadesk_reads_of_films_and_sound_agrees_with_ffprobe() {
    let s = Scratch::new();
    let shoot = Shoot::new(&s);
    let clips = [
        shoot.h264_mp4(),
        shoot.prores_mov(),
        shoot.mkv_two_languages(),
        shoot.vp9_webm(),
        shoot.phone_portrait(),
        shoot.tiktok_vertical(),
        shoot.interview_m4a(),
        shoot.station_mxf(),
        shoot.hdr_pq(),
    ];
    let report = s.ingest(&[&shoot.dir], &[], 0);
    assert_eq!(report["added"], clips.len(), "{report}");

    for clip in &clips {
        let shown = s.show(&clip.to_string_lossy());
        let probe = ffprobe(clip);
        assert_eq!(shown["container"], probe["format"]["format_name"], "{}", clip.display());
        let audio_probed: Vec<&Value> =
            probe["streams"].as_array().expect("streams").iter().filter(|s| s["codec_type"] == "audio").collect();
        let audio_shown = shown["audio"].as_array().expect("audio[]");
        assert_eq!(audio_shown.len(), audio_probed.len(), "{}", clip.display());
        for (a, p) in audio_shown.iter().zip(audio_probed) {
            assert_eq!(a["codec"], p["codec_name"]);
            assert_eq!(a["channels"], p["channels"]);
            assert_eq!(a["channel_layout"], p["channel_layout"]);
            assert_eq!(a["sample_rate"].to_string(), p["sample_rate"].as_str().expect("rate"));
            assert_eq!(a["language"], bcp47(&p["tags"]["language"]));
        }
        if shown["kind"] == "video" {
            assert_video_agrees(&shown, &probe);
        } else {
            assert!(shown["video"].is_null());
            assert!((f(&shown["duration_s"]) - f(&probe["format"]["duration"])).abs() < 0.01);
        }
    }

    let mp4 = s.show(&clips[0].to_string_lossy());
    assert_eq!(mp4["title"], "Lễ hội Đồng Nai");
    assert_eq!(mp4["captions"]["vi"], "Khai mạc lễ hội trái cây Long Khánh");
    assert_eq!(mp4["keywords"], serde_json::json!(["lễ hội", "trái cây", "Long Khánh"]));
    assert!(mp4["captured_at"].as_str().is_some_and(|t| t.starts_with("2024-11-02")), "{}", mp4["captured_at"]);
    let prores = s.show(&clips[1].to_string_lossy());
    assert_eq!(prores["timecode"], "10:00:00:00");
    assert_eq!(prores["video"]["fps_rational"], "30000/1001");
    assert_eq!(prores["video"]["fps"], 29.97);
    let mkv = s.show(&clips[2].to_string_lossy());
    let subs: Vec<(Value, Value)> = mkv["subtitle_tracks"]
        .as_array()
        .expect("subtitle_tracks[]")
        .iter()
        .map(|t| (t["codec"].clone(), t["language"].clone()))
        .collect();
    assert_eq!(subs, [("subrip".into(), "vi".into()), ("subrip".into(), "en".into())]);
    let phone = s.show(&clips[4].to_string_lossy());
    assert_eq!(
        (phone["video"]["display_width"].clone(), phone["video"]["display_height"].clone()),
        (360.into(), 640.into())
    );
    let interview = s.show(&clips[6].to_string_lossy());
    assert_eq!(interview["kind"], "audio");
    assert_eq!(interview["creator"], "Nguyễn Văn An");
    let mxf = s.show(&clips[7].to_string_lossy());
    assert_eq!(mxf["timecode"], "09:59:50:00");
    assert_eq!(mxf["container"], "mxf");
    let hdr = s.show(&clips[8].to_string_lossy());
    let probed = ffprobe(&clips[8]);
    assert_eq!(hdr["video"]["color_transfer"], stream(&probed, "video", 0)["color_transfer"]);
    assert_eq!(hdr["video"]["color_primaries"], stream(&probed, "video", 0)["color_primaries"]);
    assert_eq!(hdr["video"]["hdr"], "PQ");
    assert!(mp4["video"]["hdr"].is_null(), "SDR has no HDR flag");
}

#[test]
fn films_made_in_utc_are_dated_in_local_time() {
    let s = Scratch::new();
    let shoot = Shoot::new(&s);
    let clip = shoot.h264_mp4(); // creation_time 2024-11-02T06:30:00Z
                                 // POSIX TZ "UTC-7" is seven hours east: Vietnam's time.
    let out = s.cmd(&["ingest", "--json", &clip.to_string_lossy()]).env("TZ", "UTC-7").output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let captured = s.show("1")["captured_at"].as_str().expect("captured_at").to_owned();
    assert!(captured.starts_with("2024-11-02T13:30:00") && captured.ends_with("+07:00"), "{captured}");
    let on_the_day: Vec<Value> =
        s.json(&["list", "--from", "2024-11-02", "--to", "2024-11-02", "--json"], 0).as_array().expect("list").clone();
    assert_eq!(on_the_day.len(), 1);
}

#[test]
fn posters_avoid_black_stand_upright_and_sound_gets_a_waveform() {
    let s = Scratch::new();
    let shoot = Shoot::new(&s);
    // Black for the first 40% (a slow fade-in), then colour bars.
    let fading = shoot.path("mo-dau-den.mp4");
    make_clip(
        &fading,
        "-f lavfi -i testsrc2=size=640x360:rate=25:duration=10,fade=in:st=0:d=4 -c:v libx264 -g 25",
        &[],
    );
    let portrait = shoot.phone_portrait();
    let interview = shoot.interview_m4a();
    s.ingest(&[&shoot.dir], &[], 0);

    let shown = s.show(&fading.to_string_lossy());
    let grid = thumbnail(&s.library(), shown["content_hash"].as_str().expect("hash"), 256);
    assert_eq!(dimensions(&grid), (256, 144));
    let [r, g, b] = mean_rgb(&grid);
    assert!(r + g + b > 150.0, "the poster is not the black opening: mean {r:.0} {g:.0} {b:.0}");
    let preview = thumbnail(&s.library(), shown["content_hash"].as_str().expect("hash"), 1600);
    assert_eq!(dimensions(&preview), (640, 360), "a preview is never enlarged");

    let strip = &shown["filmstrip"];
    assert_eq!(strip["frames"], 10);
    let strip_file = grid.with_file_name(format!("{}-strip.jpg", shown["content_hash"].as_str().expect("hash")));
    let (w, h) = dimensions(&strip_file);
    assert_eq!(
        (w, h),
        (10 * strip["tile_width"].as_u64().expect("w") as u32, strip["tile_height"].as_u64().expect("h") as u32)
    );
    let times: Vec<f64> = strip["times_s"].as_array().expect("times").iter().map(f).collect();
    assert!(times.windows(2).all(|t| t[1] > t[0]) && times[0] < 1.0 && times[9] > 9.0, "{times:?}");

    let phone = s.show(&portrait.to_string_lossy());
    let (w, h) = dimensions(&thumbnail(&s.library(), phone["content_hash"].as_str().expect("hash"), 256));
    assert!(h > w, "the phone clip's poster stands upright: {w}×{h}");

    let sound = s.show(&interview.to_string_lossy());
    let wave = thumbnail(&s.library(), sound["content_hash"].as_str().expect("hash"), 256);
    assert_eq!(dimensions(&wave), (256, 64));
    assert_eq!(sound["support"], "full");
}

/// An MP4 whose index (moov) is intact but whose picture data is noise from `from_share` of
/// the way in (0.0: all of it; 0.5: its second half).
fn damaged_copy(good: &Path, to: &Path, from_share: f64) {
    let mut data = std::fs::read(good).expect("read");
    let mut at = 0;
    while at + 8 <= data.len() {
        let size = u32::from_be_bytes(data[at..at + 4].try_into().expect("size")) as usize;
        if &data[at + 4..at + 8] == b"mdat" {
            let mut x = 0x2545_F491u32;
            let from = at + 8 + ((size - 8) as f64 * from_share) as usize;
            for byte in &mut data[from..at + size] {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                *byte = x as u8;
            }
            break;
        }
        at += size.max(8);
    }
    std::fs::write(to, data).expect("write");
}

#[test]
fn broken_films_fail_one_by_one_and_the_batch_goes_on() {
    let s = Scratch::new();
    let shoot = Shoot::new(&s);
    let good = shoot.h264_mp4();
    let bytes = std::fs::read(&good).expect("read");
    let broken = s.path("broken");
    std::fs::create_dir_all(&broken).expect("mkdir");
    // Cut short before its index: no moov.
    std::fs::write(broken.join("cut-short.mp4"), &bytes[..bytes.len() / 3]).expect("write");
    std::fs::write(broken.join("garbage.mov"), (0..50_000u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<_>>())
        .expect("write");
    make_clip(&broken.join("zero-frames.mp4"), "-f lavfi -i testsrc2=size=320x240 -frames:v 0 -c:v libx264", &[]);
    damaged_copy(&good, &broken.join("noise.mp4"), 0.0);
    damaged_copy(&good, &broken.join("second-half-noise.mp4"), 0.5);
    std::fs::write(broken.join("empty.mkv"), b"").expect("write");
    let before = snapshot(&broken);

    let report = s.ingest(&[&shoot.dir, &broken], &[], 1);
    let failed: Vec<(String, String)> = report["failed"]
        .as_array()
        .expect("failed")
        .iter()
        .map(|f| (f["path"].as_str().expect("path").to_owned(), f["error"].as_str().expect("error").to_owned()))
        .collect();
    let reason = |name: &str| {
        failed
            .iter()
            .find(|(p, _)| Path::new(p).file_name().is_some_and(|n| n == name))
            .map(|(_, e)| e.clone())
            .unwrap_or_else(|| panic!("{name} not reported failed: {report}"))
    };
    assert!(reason("cut-short.mp4").contains("damaged, incomplete"), "{}", reason("cut-short.mp4"));
    assert!(reason("garbage.mov").contains("not a playable film"));
    assert!(reason("zero-frames.mp4").contains("no picture or sound stream"));
    assert!(reason("noise.mp4").contains("no picture could be decoded"), "{}", reason("noise.mp4"));
    assert!(reason("empty.mkv").contains("empty file"));
    assert!(reason("second-half-noise.mp4").contains("damaged"), "{}", reason("second-half-noise.mp4"));
    // The good clip went in with its pictures; the undecodable one is catalogued with its facts.
    assert_eq!(s.show(&good.to_string_lossy())["support"], "full");
    let noise = s.show(&broken.join("noise.mp4").to_string_lossy());
    assert_eq!(noise["support"], "metadata_only");
    assert_eq!(noise["video"]["codec"], "h264");
    let half = s.show(&broken.join("second-half-noise.mp4").to_string_lossy());
    assert_eq!(half["support"], "full", "its first half gives a poster");
    assert_eq!(snapshot(&broken), before, "originals are never written to");
}

#[test]
fn a_decoder_that_crashes_or_hangs_fails_its_file_only() {
    let s = Scratch::new();
    let shoot = Shoot::new(&s);
    let clip = shoot.h264_mp4();
    let crash = s.path("crash.sh");
    std::fs::write(&crash, "#!/bin/sh\nkill -SEGV $$\n").expect("script");
    let hang = s.path("hang.sh");
    std::fs::write(&hang, "#!/bin/sh\nexec sleep 600\n").expect("script");
    for script in [&crash, &hang] {
        std::process::Command::new("chmod").arg("+x").arg(script).status().expect("chmod");
    }

    let out = s
        .cmd(&["ingest", "--json", &clip.to_string_lossy()])
        .env("MEDIADESK_MEDIA_WORKER", &crash)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        report["failed"][0]["error"].as_str().expect("error").contains("crashed on this file: signal 11"),
        "{report}"
    );
    assert_eq!(s.show("1")["support"], "metadata_only");

    let started = std::time::Instant::now();
    let out = s
        .cmd(&["ingest", "--json", &clip.to_string_lossy()])
        .env("MEDIADESK_MEDIA_WORKER", &hang)
        .env("MEDIADESK_WORKER_TIMEOUT", "1")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("stopped responding"));
    assert!(started.elapsed().as_secs() < 60, "a hung decoder is stopped");

    // With a working decoder, the next ingest fills in the pictures.
    let report = s.ingest(&[&clip], &[], 0);
    assert_eq!(report["updated"], 1, "{report}");
    assert_eq!(s.show("1")["support"], "full");
}

#[test]
fn films_are_found_by_kind_duration_orientation_codec_and_tags() {
    let s = Scratch::new();
    let shoot = Shoot::new(&s);
    shoot.h264_mp4();
    shoot.prores_mov();
    shoot.phone_portrait();
    shoot.tiktok_vertical();
    shoot.interview_m4a();
    s.ingest(&[&shoot.dir], &[], 0);
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        let mut n: Vec<String> = s
            .json(&all, 0)
            .as_array()
            .expect("array")
            .iter()
            .map(|r| r["filename"].as_str().expect("name").to_owned())
            .collect();
        n.sort();
        n
    };
    assert_eq!(names(&["--kind", "audio"]), ["phong-van.m4a"]);
    assert_eq!(names(&["--kind", "video", "--min-duration", "3"]), ["le-hoi.mp4"]);
    assert_eq!(names(&["--max-duration", "0:02.5"]), ["dien-thoai.mp4", "studio.mov", "tiktok.mp4"]);
    assert_eq!(names(&["--orientation", "vertical"]), ["dien-thoai.mp4", "tiktok.mp4"]);
    assert_eq!(names(&["--orientation", "horizontal", "--kind", "video"]), ["le-hoi.mp4", "studio.mov"]);
    assert_eq!(names(&["--codec", "prores"]), ["studio.mov"]);
    assert_eq!(names(&["--codec", "aac"]), ["le-hoi.mp4", "phong-van.m4a"]);
    let hits = s.search(&["le hoi dong nai"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["filename"], "le-hoi.mp4");
    assert_eq!(s.search(&["trai cay long khanh"]).len(), 1, "the comment tag is searchable");
    assert_eq!(s.search(&["nguyen van an"]).len(), 1, "the artist tag is searchable");
}

/// The SRT ffmpeg writes for a film's subtitle stream: the oracle for extraction.
fn ffmpeg_srt(film: &Path, stream: &str) -> String {
    let out = tool("ffmpeg", &["-v", "error", "-i", &film.to_string_lossy(), "-map", stream, "-f", "srt", "-"]);
    String::from_utf8(out.stdout).expect("utf-8").replace("\r\n", "\n")
}

#[test]
fn embedded_subtitles_are_extracted_as_ffmpeg_extracts_them() {
    let s = Scratch::new();
    let shoot = Shoot::new(&s);
    let mkv = shoot.mkv_two_languages();
    let mp4 = shoot.path("mov-text.mp4");
    make_clip(
        &mp4,
        "-f lavfi -i testsrc2=size=320x240:rate=25:duration=3 -f srt -i {0} -c:v libx264 -c:s mov_text -metadata:s:s:0 language=vie",
        &[&shoot.path("vi.srt.txt").to_string_lossy()],
    );
    s.ingest(&[&mkv, &mp4], &[], 0);

    let out = s.path("out");
    let vi = out.join("vi.srt");
    std::fs::create_dir_all(&out).expect("mkdir");
    s.json(&["subs", "extract", &mkv.to_string_lossy(), "--lang", "vi", "--json"], 0);
    let status = s.run(&["subs", "extract", &mkv.to_string_lossy(), "--lang", "vi", "-o", &vi.to_string_lossy()]);
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    assert_eq!(std::fs::read_to_string(&vi).expect("srt"), ffmpeg_srt(&mkv, "0:s:0"));
    assert!(std::fs::read_to_string(&vi).expect("srt").contains("Sông Đồng Nai\nmùa nước nổi"));

    let both = s.run(&["subs", "extract", &mkv.to_string_lossy(), "-o", &out.to_string_lossy()]);
    assert!(both.status.success());
    assert_eq!(std::fs::read_to_string(out.join("phong-su.en.srt")).expect("en"), ffmpeg_srt(&mkv, "0:s:1"));

    let mov_text = s.run(&["subs", "extract", &mp4.to_string_lossy()]);
    assert_eq!(String::from_utf8_lossy(&mov_text.stdout), ffmpeg_srt(&mp4, "0:s:0"));

    let vtt = out.join("vi.vtt");
    s.run(&["subs", "extract", &mkv.to_string_lossy(), "--lang", "vi", "-o", &vtt.to_string_lossy()]);
    let probe = ffprobe(&vtt);
    assert_eq!(probe["format"]["format_name"], "webvtt", "ffprobe reads the WebVTT back");

    // A film whose timestamps start ten seconds in: cues count from its start, as ffmpeg's do.
    let late = s.path("late.mkv");
    make_clip(&late, "-i {0} -map 0 -c copy -output_ts_offset 10", &[&mkv.to_string_lossy()]);
    s.ingest(&[&late], &[], 0);
    let shifted = s.run(&["subs", "extract", &late.to_string_lossy(), "--lang", "en"]);
    assert_eq!(String::from_utf8_lossy(&shifted.stdout), ffmpeg_srt(&late, "0:s:1"));

    let none = s.run(&["subs", "extract", &mkv.to_string_lossy(), "--lang", "ko"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("#3 subrip [vi]"), "names the tracks there are");
}

#[test]
fn proxies_are_h264_at_720_lines_made_on_demand_or_at_ingest() {
    let s = Scratch::new();
    let shoot = Shoot::new(&s);
    let prores = shoot.path("broadcast.mov");
    make_clip(&prores, "-f lavfi -i testsrc2=size=1920x1080:rate=25:duration=1 -f lavfi -i sine=duration=1:sample_rate=48000 -c:v prores_ks -profile:v 0 -c:a pcm_s16le", &[]);
    let portrait = shoot.phone_portrait();
    let h264 = shoot.h264_mp4();
    let report = s.ingest(&[&shoot.dir], &["--proxies"], 0);
    assert_eq!(report["added"], 3);

    let proxies: Vec<PathBuf> = walk_files(&s.library().join("proxies"));
    assert_eq!(proxies.len(), 1, "only the ProRes film needs a proxy: {proxies:?}");
    let probe = ffprobe(&proxies[0]);
    let v = stream(&probe, "video", 0);
    assert_eq!(
        (v["codec_name"].as_str(), v["width"].as_u64(), v["height"].as_u64()),
        (Some("h264"), Some(1280), Some(720))
    );
    assert_eq!(v["pix_fmt"], "yuv420p");
    assert_eq!(stream(&probe, "audio", 0)["codec_name"], "aac");
    assert!((f(&probe["format"]["duration"]) - 1.0).abs() < 0.1, "{}", probe["format"]["duration"]);

    // On demand: a phone's portrait clip comes out upright.
    let made = s.json(&["proxy", &portrait.to_string_lossy(), "--json"], 0);
    assert_eq!(made["made"], true);
    let probe = ffprobe(Path::new(made["path"].as_str().expect("path")));
    let v = stream(&probe, "video", 0);
    assert_eq!((v["width"].as_u64(), v["height"].as_u64()), (Some(360), Some(640)));
    let again = s.json(&["proxy", &portrait.to_string_lossy(), "--json"], 0);
    assert_eq!(again["made"], false, "a proxy is made once per content");
    let _ = h264;
}

#[test]
fn proxies_have_square_pixels_even_sizes_and_start_at_zero() {
    let s = Scratch::new();
    let dir = s.path("odd");
    // PAL 16:9 as DV and IMX store it: 720×576 with wide pixels.
    let anamorphic = dir.join("pal-16-9.mov");
    make_clip(
        &anamorphic,
        "-f lavfi -i testsrc2=size=720x576:rate=25:duration=1 -vf setsar=64/45 -c:v mpeg2video",
        &[],
    );
    let odd = dir.join("odd-717.mkv");
    make_clip(&odd, "-f lavfi -i testsrc2=size=1365x717:rate=25:duration=1 -c:v ffv1", &[]);
    // An MPEG-TS whose clock starts an hour in.
    let ts = dir.join("broadcast.ts");
    make_clip(&ts, "-f lavfi -i testsrc2=size=640x360:rate=25:duration=2 -c:v libx264 -output_ts_offset 3600", &[]);
    s.ingest(&[&dir], &[], 0);

    let proxy = |clip: &Path| -> Value {
        let made = s.json(&["proxy", &clip.to_string_lossy(), "--json"], 0);
        ffprobe(Path::new(made["path"].as_str().expect("path")))
    };
    let wide = proxy(&anamorphic);
    let v = stream(&wide, "video", 0);
    assert_eq!((v["width"].as_u64(), v["height"].as_u64()), (Some(1024), Some(576)), "shown as 16:9");
    assert!(v["sample_aspect_ratio"].is_null() || v["sample_aspect_ratio"] == "1:1", "{}", v["sample_aspect_ratio"]);
    let v = stream(&proxy(&odd), "video", 0).clone();
    assert_eq!((v["width"].as_u64(), v["height"].as_u64()), (Some(1364), Some(716)));
    let late = proxy(&ts);
    assert!(f(&late["format"]["start_time"]).abs() < 0.1, "starts at zero: {}", late["format"]["start_time"]);
    assert!((f(&late["format"]["duration"]) - 2.0).abs() < 0.2, "{}", late["format"]["duration"]);
    assert!(f(&s.show(&ts.to_string_lossy())["duration_s"]) < 3.0);
}

#[test]
fn a_cancelled_proxy_leaves_nothing_half_made_and_runs_again() {
    let s = Scratch::new();
    let long = s.path("dai.mp4");
    make_clip(&long, "-f lavfi -i testsrc2=size=1280x720:rate=25:duration=40 -c:v libx264 -preset ultrafast", &[]);
    s.ingest(&[&long], &[], 0);
    // Ctrl-C in a terminal signals the whole foreground process group: do the same.
    let mut cmd = s.cmd(&["proxy", "1", "--json"]);
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let child = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    std::process::Command::new("kill").args(["-INT", "--", &format!("-{}", child.id())]).status().expect("kill");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(1), "cancelled: {}", String::from_utf8_lossy(&out.stdout));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cancelled"),
        "not taken for a crash: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(walk_files(&s.library().join("proxies")).is_empty(), "no partial proxy is left");
    // Run again with libav's patience at 1 s: a transcode that takes longer is not cut short.
    let out = s.cmd(&["proxy", "1", "--json"]).env("MEDIADESK_WORKER_TIMEOUT", "1").output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let made: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(made["made"], true);
    assert!(made["report"]["seconds"].as_f64().expect("seconds") > 1.0, "the transcode outlasts the patience");
    let probe = ffprobe(Path::new(made["path"].as_str().expect("path")));
    assert_eq!(stream(&probe, "video", 0)["nb_frames"], "1000", "every frame of 40 s at 25 fps");
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    snapshot(dir).into_iter().map(|(p, _, _)| p).collect()
}
