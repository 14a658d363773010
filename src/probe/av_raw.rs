//! The few stream facts ffmpeg-next has no safe accessor for, copied out of libav's structs.
//! The only unsafe code in the core. Enum-typed fields are read as plain integers and named by
//! Mediadesk's own tables or by libav functions declared here to take an `int`: a demuxer
//! copies values from the file into them unchecked, and a Rust enum holding a value it does not
//! declare is undefined behaviour.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, CStr};
use std::ptr::addr_of;

use ffmpeg::ffi;
use ffmpeg_next as ffmpeg;

extern "C" {
    // Same symbols as in ffmpeg-sys-next, declared with `int` where C has an enum (same ABI).
    #[link_name = "av_get_pix_fmt_name"]
    fn pix_fmt_name(format: c_int) -> *const c_char;
    #[link_name = "av_get_sample_fmt_name"]
    fn sample_fmt_name(format: c_int) -> *const c_char;
}

/// What `AVCodecParameters` says beyond the codec id.
#[derive(Debug, Clone, Default)]
pub struct RawParams {
    pub width: u32,
    pub height: u32,
    pub profile: Option<String>,
    pub pixel_format: Option<String>,
    pub sample_aspect: (i32, i32),
    pub color_primaries: Option<String>,
    pub color_transfer: Option<String>,
    pub color_space: Option<String>,
    pub sample_rate: u32,
    pub channels: u16,
    pub channel_layout: Option<String>,
    pub sample_format: Option<String>,
    pub bit_rate: i64,
}

fn name(ptr: *const c_char) -> Option<String> {
    // SAFETY: libav's name lookups return NULL or a static NUL-terminated string.
    (!ptr.is_null()).then(|| unsafe { CStr::from_ptr(ptr) }.to_string_lossy().into_owned())
}

pub fn params(parameters: &ffmpeg::codec::Parameters) -> RawParams {
    // SAFETY: `parameters` wraps a valid AVCodecParameters owned by an open stream for the
    // duration of this call. Enum fields are read through an `int` pointer (enums are ints in
    // C), never as Rust enums; the name functions accept any value and return NULL for unknown.
    unsafe {
        let p = parameters.as_ptr();
        let int = |field: *const c_int| field.read();
        let codec_type = int(addr_of!((*p).codec_type).cast());
        let format = int(addr_of!((*p).format));
        let mut raw = RawParams { bit_rate: (*p).bit_rate, ..Default::default() };
        raw.profile = name(ffi::avcodec_profile_name(parameters.id().into(), (*p).profile));
        if codec_type == ffi::AVMediaType::AVMEDIA_TYPE_VIDEO as c_int {
            raw.width = (*p).width.max(0) as u32;
            raw.height = (*p).height.max(0) as u32;
            raw.sample_aspect = ((*p).sample_aspect_ratio.num, (*p).sample_aspect_ratio.den);
            if format >= 0 {
                raw.pixel_format = name(pix_fmt_name(format));
            }
            raw.color_primaries = primaries(int(addr_of!((*p).color_primaries).cast()));
            raw.color_transfer = transfer(int(addr_of!((*p).color_trc).cast()));
            raw.color_space = space(int(addr_of!((*p).color_space).cast()));
        } else if codec_type == ffi::AVMediaType::AVMEDIA_TYPE_AUDIO as c_int {
            raw.sample_rate = (*p).sample_rate.max(0) as u32;
            let layout = addr_of!((*p).ch_layout);
            raw.channels = (*layout).nb_channels.clamp(0, i32::from(u16::MAX)) as u16;
            let order = int(addr_of!((*layout).order).cast());
            let mut buf = [0 as c_char; 64];
            if order != ffi::AVChannelOrder::AV_CHANNEL_ORDER_UNSPEC as c_int
                && ffi::av_channel_layout_describe(layout, buf.as_mut_ptr(), buf.len()) > 0
            {
                raw.channel_layout = name(buf.as_ptr());
            }
            if format >= 0 {
                raw.sample_format = name(sample_fmt_name(format));
            }
        }
        raw
    }
}

/// ITU-T H.273 colour primaries, as libav names them.
fn primaries(code: c_int) -> Option<String> {
    let name = match code {
        1 => "bt709",
        4 => "bt470m",
        5 => "bt470bg",
        6 => "smpte170m",
        7 => "smpte240m",
        8 => "film",
        9 => "bt2020",
        10 => "smpte428",
        11 => "smpte431",
        12 => "smpte432",
        22 => "ebu3213",
        _ => return None,
    };
    Some(name.to_owned())
}

/// ITU-T H.273 transfer characteristics, as libav names them.
fn transfer(code: c_int) -> Option<String> {
    let name = match code {
        1 => "bt709",
        4 => "gamma22",
        5 => "gamma28",
        6 => "smpte170m",
        7 => "smpte240m",
        8 => "linear",
        9 => "log100",
        10 => "log316",
        11 => "iec61966-2-4",
        12 => "bt1361e",
        13 => "iec61966-2-1",
        14 => "bt2020-10",
        15 => "bt2020-12",
        16 => "smpte2084",
        17 => "smpte428",
        18 => "arib-std-b67",
        _ => return None,
    };
    Some(name.to_owned())
}

/// ITU-T H.273 matrix coefficients, as libav names them.
fn space(code: c_int) -> Option<String> {
    let name = match code {
        0 => "gbr",
        1 => "bt709",
        4 => "fcc",
        5 => "bt470bg",
        6 => "smpte170m",
        7 => "smpte240m",
        8 => "ycgco",
        9 => "bt2020nc",
        10 => "bt2020c",
        11 => "smpte2085",
        12 => "chroma-derived-nc",
        13 => "chroma-derived-c",
        14 => "ictcp",
        _ => return None,
    };
    Some(name.to_owned())
}
