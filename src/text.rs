//! Wording shared by edit labels, the review and the status bar.

/// A count with its noun, singular or plural: "1 node", "3 nodes", "0 warnings".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(super::count(1, "note"), "1 note");
        assert_eq!(super::count(0, "warning"), "0 warnings");
        assert_eq!(super::count(12, "edge"), "12 edges");
    }
}
