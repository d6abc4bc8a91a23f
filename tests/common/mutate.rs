//! Byte-level mutations of real files, shared by the loader's property tests and the fuzz
//! harness: flips, insertions of format punctuation or random bytes, deletions and splices.

use proptest::prelude::*;

/// One change to a file's bytes, at a position chosen relative to its length.
#[derive(Clone, Debug)]
pub(crate) enum Mutation {
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, Vec<u8>),
    Delete(prop::sample::Index, usize),
    /// Copies a slice of the file somewhere else (duplicates ids, brackets, fields).
    Splice(prop::sample::Index, prop::sample::Index, usize),
}

/// Any mutation; insertions favour the punctuation of RON, mermaid, XML and JSON.
pub(crate) fn mutation() -> impl Strategy<Value = Mutation> {
    let syntax =
        prop::sample::select(b"()[]{},:\"\\'.-+eE0123456789 \nrSomeNaNinf#/*format<>&;=!|%-->subgraphend".to_vec());
    prop_oneof![
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<prop::sample::Index>(), proptest::collection::vec(syntax, 1..6))
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
        (
            any::<prop::sample::Index>(),
            proptest::collection::vec(any::<u8>(), 1..4)
        )
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<prop::sample::Index>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>(), 1usize..200)
            .prop_map(|(from, to, n)| Mutation::Splice(from, to, n)),
    ]
}

/// Applies `m` to `bytes`.
pub(crate) fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match m {
        Mutation::Flip(at, b) if len > 0 => bytes[at.index(len)] ^= b.max(&1),
        Mutation::Insert(at, b) => {
            let at = at.index(len + 1);
            bytes.splice(at..at, b.iter().copied());
        }
        Mutation::Delete(at, n) if len > 0 => {
            let at = at.index(len);
            bytes.drain(at..(at + n).min(len));
        }
        Mutation::Splice(from, to, n) if len > 0 => {
            let from = from.index(len);
            let piece = bytes[from..(from + n).min(len)].to_vec();
            let to = to.index(len + 1);
            bytes.splice(to..to, piece);
        }
        _ => {}
    }
}
