//! The one integration-test binary: the real `mediadesk` CLI on real files made in the tests,
//! checked against independent tools (exiftool, ImageMagick).

mod util;

mod articles;
mod bad_input;
mod broadcast;
mod cli_contract;
mod copy_to;
mod editing;
mod editorial;
mod films;
mod kit_build;
mod kit_films;
mod kit_site;
mod kit_social;
mod kits;
mod metadata;
mod reingest;
mod report;
mod search;
mod shot_list;
mod sidecars;
mod subtitles;
mod tour;
mod tour_merge;
mod ttml_timing;
