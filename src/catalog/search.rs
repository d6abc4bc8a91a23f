//! Palette search: ranks services by how well a query matches their name, id and aliases.

use super::{Catalog, Service};

impl Catalog {
    /// Services matching every word of `query`, best first; all services for an empty query.
    ///
    /// A word matches when it starts a word of the name, id or an alias, or appears inside
    /// them; matches at the start of the name rank highest.
    pub fn search(&self, query: &str) -> Vec<&Service> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return self.services.iter().collect();
        }
        let mut hits: Vec<(u32, usize, &Service)> = self
            .services
            .iter()
            .enumerate()
            .filter_map(|(i, s)| score(s, &words).map(|sc| (sc, i, s)))
            .collect();
        hits.sort_by_key(|&(sc, i, _)| (std::cmp::Reverse(sc), i));
        hits.into_iter().map(|(_, _, s)| s).collect()
    }
}

/// How well all `words` match a service, or `None` if one of them does not.
fn score(s: &Service, words: &[String]) -> Option<u32> {
    let name = s.name.to_lowercase();
    let short = s.short.to_lowercase();
    let id = s.id.replace('_', " ");
    let aliases: Vec<String> = s.aliases.iter().map(|a| a.to_lowercase()).collect();
    let mut total = 0;
    for w in words {
        let in_text = |t: &str| -> u32 {
            if t == w.as_str() {
                8
            } else if t.starts_with(w.as_str()) {
                6
            } else if t.split([' ', '-', '/', '(']).any(|part| part.starts_with(w.as_str())) {
                4
            } else if t.contains(w.as_str()) {
                1
            } else {
                0
            }
        };
        // Names count double so "lambda" ranks Lambda above services that merely mention it.
        let best = [2 * in_text(&short), 2 * in_text(&name), in_text(&id)]
            .into_iter()
            .chain(aliases.iter().map(|a| in_text(a)))
            .max()
            .unwrap_or(0);
        if best == 0 {
            return None;
        }
        total += best;
    }
    Some(total)
}
