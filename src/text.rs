//! Wording shared by edit labels, the review and the status bar, and the one XML text escape
//! every XML writer (SVG, draw.io) uses.

/// A count with its noun, singular or plural: "1 node", "3 nodes", "0 warnings".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Text made safe for XML content and attribute values: the five markup characters as entities,
/// and characters XML 1.0 cannot hold (control characters other than tab and line breaks,
/// lone surrogates cannot occur in a `str`, U+FFFE and U+FFFF) dropped. Line breaks and tabs
/// are written as character references so they survive inside attributes too.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_escape_keeps_markup_out_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            super::xml_escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(super::xml_escape("x\u{0}\u{1b}\u{FFFE}\u{FFFF}y\nz"), "xy&#10;z");
    }

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(super::count(1, "note"), "1 note");
        assert_eq!(super::count(0, "warning"), "0 warnings");
        assert_eq!(super::count(12, "edge"), "12 edges");
    }
}
