//! The one rule that fits a label into its space, with no font at hand: node labels wrap to the
//! card and end in an ellipsis after two lines, edge labels wrap to a width and are cut after
//! three. The display list applies it, so the canvas, the PNG and the SVG break the same lines
//! (and a draw.io writer can call it too); the full text stays in the board, shown by the
//! canvas's tooltip and the inspector.
//!
//! Widths are estimated per character from egui's bundled sans-serif font (Ubuntu Light) for
//! ASCII, and per script for the rest (CJK and Hangul a full em, emoji a little more), in units
//! of the font size. Lines break at spaces, around CJK characters, and inside a word too long
//! for a line.

/// Advance widths of ASCII ' '..='~' in Ubuntu Light, in hundredths of the font size (measured
/// with egui's own layout at 100 points).
const ASCII: [u8; 95] = [
    23, 27, 39, 65, 56, 83, 65, 24, 31, 31, 47, 56, 25, 28, 25, 36, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 25, 25, 56,
    56, 56, 38, 94, 64, 63, 61, 70, 56, 52, 66, 69, 25, 49, 60, 50, 87, 71, 77, 59, 77, 62, 52, 55, 68, 62, 92, 61, 57,
    56, 31, 36, 31, 56, 49, 38, 51, 58, 46, 58, 55, 38, 57, 57, 24, 24, 50, 26, 86, 57, 58, 58, 58, 37, 43, 39, 57, 48,
    78, 50, 47, 46, 32, 26, 32, 56,
];

/// What is added at the end of a label that was cut.
pub const ELLIPSIS: char = '…';

/// Whether `c` is as wide as a full em and may break a line before and after it, as CJK text
/// does (no spaces between words).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Whether `c` is drawn from an emoji font, a quarter wider than an em.
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x2600..=0x27BF | 0x1F000..=0x1FAFF)
}

/// The estimated advance of `c` in units of the font size.
pub fn char_width(c: char) -> f32 {
    match c {
        ' '..='~' => f32::from(ASCII[c as usize - 0x20]) / 100.0,
        '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}' => 0.0,
        _ if is_wide(c) => 1.0,
        _ if is_emoji(c) => 1.25,
        '\u{2190}'..='\u{21FF}' | '\u{2014}' | '\u{2026}' => 1.0,
        '\u{0400}'..='\u{04FF}' | '\u{0370}'..='\u{03FF}' => 0.66,
        _ => 0.58,
    }
}

/// The estimated width of one line of `text` at font `size`, in the units of `size`.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(char_width).sum::<f32>() * size
}

/// A label fitted to its space: the lines to draw and whether anything was left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// The lines, each within the width (a cut last line ends in [`ELLIPSIS`]).
    pub lines: Vec<String>,
    /// Some of the label did not fit and is not drawn (the full text is in the tooltip).
    pub cut: bool,
}

impl Fitted {
    /// The lines joined with line breaks, as a text shape draws them.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The widest line at font `size`, in the units of `size`.
    pub fn width(&self, size: f32) -> f32 {
        self.lines.iter().map(|l| text_width(l, size)).fold(0.0, f32::max)
    }
}

/// Splits `text` into pieces a line may break after: a word with its trailing spaces, or a
/// single wide (CJK) character.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let end = i + c.len_utf8();
        let breaks_after = match next {
            None => true,
            Some(n) => (c.is_whitespace() && !n.is_whitespace()) || is_wide(c) || is_wide(n) && !c.is_whitespace(),
        };
        if breaks_after {
            out.push(&text[start..end]);
            start = end;
        }
    }
    out
}

/// Fits `text` at font `size` into lines at most `width` wide (same units as `size`), at most
/// `max_lines` of them (each within 95% of `width` as estimated): words wrap, a word longer than a line is broken, and when lines are
/// left over the last one kept ends in an ellipsis. Line breaks in the text are kept.
pub fn fit(text: &str, size: f32, width: f32, max_lines: usize) -> Fitted {
    let max_lines = max_lines.max(1);
    // The estimate ignores hinting and kerning, which widen small text by a few percent on
    // screen: lines are filled to 95% of the space so the drawn ones stay inside it.
    let width = (width * 0.95).max(size);
    let fits = |s: &str| text_width(s.trim_end(), size) <= width;
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for piece in pieces(paragraph) {
            let joined = format!("{line}{piece}");
            if fits(&joined) {
                line = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if fits(piece) {
                line = piece.to_owned();
                continue;
            }
            // A word longer than a line: break it between characters.
            for c in piece.chars() {
                line.push(c);
                if !fits(&line) && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    let mut lines: Vec<String> = lines.into_iter().map(|l| l.trim_end().to_owned()).collect();
    let cut = lines.len() > max_lines;
    if cut {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("at least one line");
        loop {
            let with = format!("{}{ELLIPSIS}", last.trim_end());
            if text_width(&with, size) <= width || last.is_empty() {
                *last = with;
                break;
            }
            last.pop();
        }
    }
    Fitted { lines, cut }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_label_stays_one_line() {
        let f = fit("Orders API", 12.5, 152.0, 2);
        assert_eq!(f.lines, ["Orders API"]);
        assert!(!f.cut);
    }

    #[test]
    fn a_long_label_wraps_within_the_width_and_ends_in_an_ellipsis() {
        let label = "word ".repeat(60) + &"x".repeat(300);
        for (width, rows) in [(152.0, 2), (160.0, 3), (40.0, 3)] {
            let f = fit(&label, 12.0, width, rows);
            assert_eq!(f.lines.len(), rows);
            assert!(f.cut);
            assert!(f.lines.last().unwrap().ends_with(ELLIPSIS));
            for l in &f.lines {
                assert!(text_width(l, 12.0) <= width, "{l:?} wider than {width}");
            }
        }
    }

    #[test]
    fn one_long_word_and_cjk_break_between_characters() {
        let f = fit(&"a".repeat(300), 11.0, 160.0, 100);
        assert!(f.lines.len() > 10);
        assert_eq!(f.lines.concat(), "a".repeat(300));
        let cjk = "日本語のラベルはスペースなしで折り返す".repeat(3);
        let f = fit(&cjk, 12.5, 100.0, 100);
        assert!(f.lines.len() > 3);
        assert_eq!(f.lines.concat(), cjk);
        assert!(f.lines.iter().all(|l| text_width(l, 12.5) <= 100.0));
    }

    #[test]
    fn words_break_at_spaces_and_line_breaks_are_kept() {
        let f = fit("Checkout service\nv2", 12.0, 60.0, 5);
        assert_eq!(f.lines, ["Checkout", "service", "v2"]);
    }
}
