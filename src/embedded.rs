//! Files embedded at build time by `build.rs`: service icons and preset boards.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
