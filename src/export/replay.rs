//! The practice round as a time-lapse: one picture per change of the drawing (or an even sample
//! of them), all framed on the final board so the design grows in place, as an animated GIF or
//! as numbered PNG frames.

use std::io::Cursor;

use image::codecs::gif::{GifEncoder, Repeat};
use image::{Delay, Frame, RgbaImage};

use super::{ExportError, MARGIN, PngOptions, image as picture_of};
use crate::catalog::Catalog;
use crate::model::{Board, RoundRecord};
use crate::practice::replay;

/// The longest side of a time-lapse frame, in pixels: big enough to read labels, small enough
/// that a few hundred frames encode in seconds.
pub const FRAME_SIDE: f32 = 1280.0;

/// How long the time-lapse plays, about, in seconds, whatever the round's length.
const PLAY_SECONDS: f64 = 20.0;

/// The frames of the round `board` holds, with the round time each shows; an error names what
/// is missing when the board holds no round or the round drew nothing.
pub fn frames(board: &Board, catalog: &Catalog, options: &PngOptions) -> Result<Vec<(f64, RgbaImage)>, ExportError> {
    let record = record_of(board)?;
    let last = replay::board_after(board, record, record.log.len());
    let area = last.bounds().ok_or(ExportError::NoRound)?.expand(MARGIN);
    let options = PngOptions {
        scale: options.scale.min(FRAME_SIDE / area.w.max(area.h).max(1.0)),
        selection: Some(area),
        ..options.clone()
    };
    // One pass over the log: each frame applies only the entries since the one before.
    let mut drawing = replay::start(board);
    let mut applied = 0;
    replay::frame_counts(record)
        .into_iter()
        .map(|count| {
            for entry in &record.log[applied..count] {
                replay::apply(&mut drawing, entry);
            }
            applied = count;
            Ok((record.log[count - 1].t, picture_of(&drawing, catalog, &options)?))
        })
        .collect()
}

/// The round's record, or why there is none to play.
fn record_of(board: &Board) -> Result<&RoundRecord, ExportError> {
    board
        .round
        .as_ref()
        .filter(|r| !r.log.is_empty())
        .ok_or(ExportError::NoRound)
}

/// The frames as an animated GIF that loops: each frame held for its share of the round, sped up
/// so the whole plays in about twenty seconds, the last held longer.
pub fn gif(frames: &[(f64, RgbaImage)]) -> Result<Vec<u8>, ExportError> {
    let start = frames.first().map_or(0.0, |f| f.0);
    let end = frames.last().map_or(0.0, |f| f.0);
    let speed = ((end - start) / PLAY_SECONDS).max(1.0);
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new_with_speed(Cursor::new(&mut bytes), 20);
        encoder
            .set_repeat(Repeat::Infinite)
            .map_err(|e| ExportError::Encode(e.to_string()))?;
        for (i, (t, picture)) in frames.iter().enumerate() {
            let held = match frames.get(i + 1) {
                Some((next, _)) => ((next - t) / speed * 1000.0).clamp(80.0, 1500.0),
                None => 3000.0,
            };
            let frame = Frame::from_parts(picture.clone(), 0, 0, Delay::from_numer_denom_ms(held as u32, 1));
            encoder
                .encode_frame(frame)
                .map_err(|e| ExportError::Encode(e.to_string()))?;
        }
    }
    Ok(bytes)
}

/// The frames as PNG files named in playing order (`frame-0001.png`, ...), to write into a folder.
pub fn png_frames(frames: &[(f64, RgbaImage)]) -> Result<Vec<(String, Vec<u8>)>, ExportError> {
    frames
        .iter()
        .enumerate()
        .map(|(i, (_, picture))| Ok((format!("frame-{:04}.png", i + 1), super::png_bytes(picture)?)))
        .collect()
}
