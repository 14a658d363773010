//! The few stream facts ffmpeg-next has no safe accessor for, copied out of libav's structs.
//! The only unsafe code in the core: reads of fields of live, libav-owned structs and calls to
//! libav's name lookups, which return static strings.
#![allow(unsafe_code)]

use std::ffi::CStr;

use ffmpeg::ffi;
use ffmpeg_next as ffmpeg;

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

fn name(ptr: *const std::ffi::c_char) -> Option<String> {
    // SAFETY: libav's name lookups return NULL or a static NUL-terminated string.
    (!ptr.is_null()).then(|| unsafe { CStr::from_ptr(ptr) }.to_string_lossy().into_owned())
}

pub fn params(parameters: &ffmpeg::codec::Parameters) -> RawParams {
    // SAFETY: `parameters` wraps a valid AVCodecParameters owned by an open stream for the
    // duration of this call; every field read is plain data or a pointer into libav's tables.
    unsafe {
        let p = &*parameters.as_ptr();
        let medium = p.codec_type;
        let mut raw = RawParams { bit_rate: p.bit_rate, ..Default::default() };
        raw.profile = name(ffi::avcodec_profile_name(p.codec_id, p.profile));
        if medium == ffi::AVMediaType::AVMEDIA_TYPE_VIDEO {
            raw.width = p.width.max(0) as u32;
            raw.height = p.height.max(0) as u32;
            raw.sample_aspect = (p.sample_aspect_ratio.num, p.sample_aspect_ratio.den);
            if p.format >= 0 {
                raw.pixel_format =
                    name(ffi::av_get_pix_fmt_name(std::mem::transmute::<i32, ffi::AVPixelFormat>(p.format)));
            }
            let unspecified = |s: Option<String>| s.filter(|s| s != "unknown" && s != "unspecified" && s != "reserved");
            raw.color_primaries = unspecified(name(ffi::av_color_primaries_name(p.color_primaries)));
            raw.color_transfer = unspecified(name(ffi::av_color_transfer_name(p.color_trc)));
            raw.color_space = unspecified(name(ffi::av_color_space_name(p.color_space)));
        } else if medium == ffi::AVMediaType::AVMEDIA_TYPE_AUDIO {
            raw.sample_rate = p.sample_rate.max(0) as u32;
            raw.channels = p.ch_layout.nb_channels.max(0) as u16;
            let mut buf = [0 as std::ffi::c_char; 64];
            if p.ch_layout.order != ffi::AVChannelOrder::AV_CHANNEL_ORDER_UNSPEC
                && ffi::av_channel_layout_describe(&p.ch_layout, buf.as_mut_ptr(), buf.len()) > 0
            {
                raw.channel_layout = name(buf.as_ptr());
            }
            if p.format >= 0 {
                raw.sample_format =
                    name(ffi::av_get_sample_fmt_name(std::mem::transmute::<i32, ffi::AVSampleFormat>(p.format)));
            }
        }
        raw
    }
}
