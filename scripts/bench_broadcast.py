"""Broadcaster film benchmark, beside its peer in the same run: a 2-minute 1080p25 film with
speech-like stereo sound, made into the broadcaster's rendition (H.264 High 1080p25, AAC 48 kHz
stereo, EBU R128 in two passes) by Mediadesk's media worker, and by the ffmpeg CLI as an
engineer runs it — a `loudnorm` measuring pass, then `loudnorm` given the measured values with
`libx264 -profile:v high`, the same preset, CRF and filters. Three rounds, alternating; prints a
BENCHMARKS.md row. Usage: bench_broadcast.py MEDIADESK [SECONDS]"""

import json
import os
import statistics
import subprocess
import sys
import time

MEDIADESK = os.path.abspath(sys.argv[1])
SECONDS = int(sys.argv[2]) if len(sys.argv) > 2 else 120
WORK = os.path.join(os.path.dirname(__file__), "..", "target", "bench")
VIDEO = ("bwdif=mode=send_frame:deint=interlaced,fps=25/1,scale=1920:1080:flags=lanczos,"
         "pad=1920:1080:(1920-iw)/2:(1080-ih)/2:black,setsar=1,format=yuv420p")
STEREO = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo"


def film():
    path = os.path.join(WORK, f"film-1080p25-{SECONDS}s.mov")
    if not os.path.exists(path):
        os.makedirs(WORK, exist_ok=True)
        # Moving pictures x264 has to work at, and sound whose loudness comes and goes.
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25",
                        "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.2:sample_rate=48000",
                        "-filter_complex", "[1:a]apulsator=hz=0.3:amount=0.8,aformat=channel_layouts=stereo[a]",
                        "-map", "0:v", "-map", "[a]", "-t", str(SECONDS), "-c:v", "libx264", "-preset", "veryfast",
                        "-crf", "16", "-pix_fmt", "yuv420p", "-c:a", "pcm_s16le", path], check=True)
    return path


def timed(command):
    started = time.monotonic()
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return time.monotonic() - started, out


def mediadesk(source, out):
    seconds, done = timed([MEDIADESK, "media-worker", "broadcast", source, out])
    answer = json.loads(done.stdout.strip().splitlines()[-1])["ok"]
    return seconds, answer


def peer(source, out):
    started = time.monotonic()
    measure = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", source, "-map", "0:a:0", "-af",
                              f"{STEREO},loudnorm=I=-23:TP=-2:print_format=json", "-f", "null", "-"],
                             check=True, capture_output=True, text=True).stderr
    m = json.loads(measure[measure.rindex("{"):measure.rindex("}") + 1])
    loudnorm = (f"loudnorm=I=-23:TP=-2:LRA={min(max(float(m['input_lra']), 7), 50):.1f}:"
                f"measured_I={m['input_i']}:measured_TP={m['input_tp']}:measured_LRA={m['input_lra']}:"
                f"measured_thresh={m['input_thresh']}:offset={m['target_offset']}:linear=true")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", source, "-vf", VIDEO, "-c:v", "libx264", "-profile:v", "high",
                    "-preset", "medium", "-crf", "18", "-af", f"{STEREO},{loudnorm},{STEREO}", "-c:a", "aac",
                    "-b:a", "192k", "-movflags", "+faststart", out], check=True)
    return time.monotonic() - started


def integrated(path):
    log = subprocess.run(["ffmpeg", "-nostats", "-i", path, "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null",
                          "-"], capture_output=True, text=True).stderr
    summary = log[log.rindex("Summary:"):]
    return float(summary.split("I:")[1].split()[0])


def main():
    source = film()
    ours, theirs, answer = [], [], None
    for _ in range(3):
        seconds, answer = mediadesk(source, os.path.join(WORK, "broadcast-mediadesk.mp4"))
        ours.append(seconds)
        theirs.append(peer(source, os.path.join(WORK, "broadcast-ffmpeg.mp4")))
    a, b = statistics.median(ours), statistics.median(theirs)
    rounds = ", ".join(f"{x:.1f}/{y:.1f}" for x, y in zip(ours, theirs))
    print(f"| broadcaster film, {SECONDS} s 1080p25, two-pass R128 | media worker `broadcast` (measure, loudnorm, "
          f"x264 High medium CRF 18, AAC 192k, measured again: {answer['loudness']['integrated_lufs']:.1f} LUFS, "
          f"{answer['encodes']} encode) {a:.1f} s | ffmpeg CLI, loudnorm measure pass then linear pass, same filters, "
          f"preset and CRF ({integrated(os.path.join(WORK, 'broadcast-ffmpeg.mp4')):.1f} LUFS) {b:.1f} s | "
          f"{a / b:.2f}× its time (rounds {rounds} s) | ≤ 1.1×: {'met' if a / b <= 1.1 else 'not met'} |")


if __name__ == "__main__":
    main()
