//! Resident memory of the app's own work with a 10,000- and a 100,000-node board open: the board, its review,
//! the UI and one frame's shapes and meshes, in a headless `egui::Context` (no window, no GL).
//!
//! mimalloc keeps freed memory for the next frame, so this is the footprint as the app runs;
//! `MIMALLOC_PURGE_DELAY=0 cargo bench --bench memory` returns freed pages at once and shows
//! what is live. What a GL driver adds on top depends on the driver (`benches/startup.sh`
//! measures the whole app under Xvfb). Linux only (reads `/proc`).

#![allow(clippy::print_stdout, reason = "a benchmark prints the figures it measured")]

mod common;

use common::{Frame, synthetic};

/// The same allocator as the app (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Resident and peak resident memory of this process, in MiB.
fn resident() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    // `cargo bench` passes filters and flags; this bench has nothing to filter. One process per
    // board would be cleaner; the 10k board goes first and is dropped before the 100k one.
    for (n, name) in [(10_000, "10k"), (100_000, "100k")] {
        let (before, _) = resident();
        let mut frame = Frame::new(synthetic(n));
        for _ in 0..10 {
            frame.run();
        }
        let (now, peak) = resident();
        println!(
            "memory, {name} nodes open, fitted (headless app, 10 frames): resident {now:.0} MiB (peak {peak:.0} MiB; \
             {before:.0} MiB before the board)"
        );
    }
}
