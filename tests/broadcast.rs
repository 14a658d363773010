//! The broadcaster's film rendition, made by the media worker (`mediadesk media-worker
//! broadcast IN OUT`, the task kit builds run), judged by ffprobe and by ffmpeg's own `ebur128`
//! on the encoded file.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::util::*;

/// The worker's last JSON line and its exit code.
fn broadcast(input: &Path, output: &Path) -> (Value, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_mediadesk"))
        .args(["media-worker", "broadcast"])
        .arg(input)
        .arg(output)
        .output()
        .expect("media worker");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_else(|| panic!("no answer: {}", String::from_utf8_lossy(&out.stderr)));
    (serde_json::from_str(last).expect("a JSON line"), out.status.code().unwrap_or(-1))
}

/// Integrated loudness (LUFS) and true peak (dBTP) as ffmpeg's ebur128 filter sums them up.
pub(crate) fn ebur128(path: &Path) -> (f64, f64) {
    let p = path.to_string_lossy();
    let out = tool("ffmpeg", &["-nostats", "-i", &p, "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-"]);
    let log = String::from_utf8_lossy(&out.stderr);
    let summary = &log[log.rfind("Summary:").expect("ebur128 summary")..];
    let value = |label: &str| -> f64 {
        let at = summary.find(label).unwrap_or_else(|| panic!("{label} in {summary}")) + label.len();
        summary[at..].split_whitespace().next().and_then(|v| v.parse().ok()).expect("a number")
    };
    let peak_at = summary.find("True peak:").expect("true peak section");
    let peak = summary[peak_at..].split("Peak:").nth(1).and_then(|v| v.split_whitespace().next()?.parse().ok());
    (value("I:"), peak.expect("true peak"))
}

pub(crate) fn stream<'a>(probe: &'a Value, kind: &str) -> &'a Value {
    probe["streams"].as_array().and_then(|s| s.iter().find(|s| s["codec_type"] == kind)).expect(kind)
}

#[test]
fn films_for_broadcasters_are_full_hd_h264_high_with_r128_sound() {
    let s = Scratch::new();
    // A 720p30 film with loud mono sound, a 1080i25 interview with quiet stereo sound whose
    // peaks are high, a vertical 24 fps phone clip: each a different road to the same spec.
    let loud = s.path("in/loud-720p30.mp4");
    make_clip(&loud, "-f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=44100 -af volume=7 -t 6 -ac 1 -c:v libx264 -pix_fmt yuv420p -c:a aac", &[]);
    let interlaced = s.path("in/interview-1080i.mov");
    make_clip(&interlaced, "-f lavfi -i testsrc2=size=1920x1080:rate=50 -f lavfi -i anoisesrc=color=pink:amplitude=0.01:sample_rate=48000 -f lavfi -i sine=frequency=1000:sample_rate=48000:duration=0.05 -filter_complex [0:v]tinterlace=interleave_top,setfield=tff[v];[2:a]volume=7.5,apad[click];[1:a][click]amix=inputs=2:normalize=0[a] -map [v] -map [a] -t 6 -flags +ildct+ilme -c:v libx264 -pix_fmt yuv420p -c:a pcm_s16le -ac 2", &[]);
    let vertical = s.path("in/phone-vertical.mp4");
    make_clip(&vertical, "-f lavfi -i color=c=white:size=720x1280:rate=24 -f lavfi -i sine=frequency=300:sample_rate=48000 -t 4 -c:v libx264 -pix_fmt yuv420p -c:a aac", &[]);

    for (input, rate) in [(&loud, "25/1"), (&interlaced, "25/1"), (&vertical, "25/1")] {
        let output = s.path(&format!("out/{}.mp4", input.file_stem().expect("stem").to_string_lossy()));
        std::fs::create_dir_all(output.parent().expect("parent")).expect("mkdir");
        let (answer, code) = broadcast(input, &output);
        assert_eq!(code, 0, "{}: {answer}", input.display());
        let probe = ffprobe(&output);
        let video = stream(&probe, "video");
        assert_eq!(video["codec_name"], "h264", "{}", input.display());
        assert_eq!(video["profile"], "High");
        assert_eq!((video["width"].as_u64(), video["height"].as_u64()), (Some(1920), Some(1080)));
        assert_eq!(video["r_frame_rate"], rate, "{}", input.display());
        assert_eq!(video["field_order"], "progressive", "{}", input.display());
        assert_eq!(video["pix_fmt"], "yuv420p");
        let audio = stream(&probe, "audio");
        assert_eq!((audio["codec_name"].as_str(), audio["profile"].as_str()), (Some("aac"), Some("LC")));
        assert_eq!((audio["sample_rate"].as_str(), audio["channels"].as_u64()), (Some("48000"), Some(2)));
        let duration: f64 = probe["format"]["duration"].as_str().and_then(|d| d.parse().ok()).expect("duration");
        let expected: f64 =
            ffprobe(input)["format"]["duration"].as_str().and_then(|d| d.parse().ok()).expect("duration");
        assert!((duration - expected).abs() < 0.2, "{}: {duration} s for {expected} s", input.display());

        let (integrated, true_peak) = ebur128(&output);
        assert!((integrated + 23.0).abs() <= 0.5, "{}: {integrated} LUFS", input.display());
        assert!(true_peak <= -1.0, "{}: {true_peak} dBTP", input.display());
        // What the worker says it measured is what ffmpeg measures.
        assert!(
            (answer["ok"]["loudness"]["integrated_lufs"].as_f64().expect("I") - integrated).abs() < 0.15,
            "{answer}"
        );
    }

    // The vertical clip stands in the middle of the frame, black either side.
    let frame = s.path("out/vertical.png");
    let out = s.path("out/phone-vertical.mp4");
    tool(
        "ffmpeg",
        &["-v", "error", "-y", "-ss", "1", "-i", &out.to_string_lossy(), "-frames:v", "1", &frame.to_string_lossy()],
    );
    let strip = |geometry: &str, name: &str| {
        let path = s.path(name);
        tool("convert", &[&frame.to_string_lossy(), "-crop", geometry, "+repage", &path.to_string_lossy()]);
        mean_rgb(&path)
    };
    assert!(strip("200x1080+0+0", "out/left.png").iter().all(|c| *c < 0.05), "left of the picture is black");
    assert!(strip("200x1080+860+0", "out/middle.png").iter().all(|c| *c > 0.9), "the picture is in the middle");
}

#[test]
fn a_film_the_broadcaster_cannot_take_fails_with_the_reason() {
    let s = Scratch::new();
    let mute = s.path("in/mute.mp4");
    make_clip(&mute, "-f lavfi -i testsrc2=size=640x360:rate=25 -t 2 -c:v libx264 -pix_fmt yuv420p", &[]);
    let silent = s.path("in/silent.mp4");
    make_clip(&silent, "-f lavfi -i testsrc2=size=640x360:rate=25 -f lavfi -i anullsrc=r=48000:cl=stereo -t 2 -c:v libx264 -pix_fmt yuv420p -c:a aac", &[]);
    let cut = s.path("in/cut.mp4");
    let whole = std::fs::read(&silent).expect("read");
    std::fs::write(&cut, &whole[..whole.len() / 3]).expect("write");
    // The worker gives the reason; the supervisor that runs it puts the file's name before it.
    for (input, reason) in
        [(&mute, "the film has no sound"), (&silent, "the sound is silent"), (&cut, "not a playable film")]
    {
        let (answer, code) = broadcast(input, &s.path("out.mp4"));
        assert_eq!(code, 3, "{}: {answer}", input.display());
        let error = answer["error"].as_str().expect("an error");
        assert!(error.starts_with(reason), "{}: {error}", input.display());
    }
}
