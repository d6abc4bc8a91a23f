//! Wording shared by edit labels, the review and the status bar, and text made safe for the
//! files archboard writes.

/// A count with its noun, singular or plural: "1 node", "3 nodes", "0 warnings".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Escapes text for XML content and attributes, dropping the characters XML 1.0 cannot hold at
/// all (control characters but tab, line feed and carriage return; U+FFFE and U+FFFF), so every
/// SVG or draw.io file written is well-formed whatever a label holds.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn xml_text_is_escaped_and_keeps_only_what_xml_can_hold() {
        assert_eq!(
            super::xml_escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(super::xml_escape("x\u{fffe}\u{ffff}\u{1}\u{1b}y\tz\n"), "xy\tz\n");
        assert_eq!(super::xml_escape("→ 中文 😀"), "→ 中文 😀");
    }

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(super::count(1, "note"), "1 note");
        assert_eq!(super::count(0, "warning"), "0 warnings");
        assert_eq!(super::count(12, "edge"), "12 edges");
    }
}
