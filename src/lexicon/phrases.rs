//! A set of phrases matched only where the caller says one may start.
//!
//! Cues and layout markers are looked for at token starts, not at every byte
//! of a document: a table of the phrases' first two bytes rejects most
//! starts with one lookup, and the rest get one anchored walk of a full DFA
//! (a few table lookups, since a walk stops at the first byte no phrase
//! continues with). On news text this does a fraction of the work of an
//! unanchored scan of every byte.

use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa, Anchored, MatchKind, StartKind};

/// Phrases compiled for anchored, leftmost-longest matching.
#[derive(Clone)]
pub(crate) struct Phrases {
    dfa: dfa::DFA,
    /// Bit `second` of row `first` for each phrase's first two bytes (ASCII
    /// case folded when the set is); column 256 stands for the end of the
    /// text, and a one-byte phrase sets its whole row.
    starts: Box<[[u64; 5]; 256]>,
}

impl Phrases {
    /// Compiles `phrases`; with `fold`, ASCII letters match either case.
    pub(crate) fn new<I, P>(phrases: I, fold: bool) -> Result<Phrases, aho_corasick::BuildError>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        let phrases: Vec<P> = phrases.into_iter().collect();
        let dfa = dfa::Builder::new()
            .ascii_case_insensitive(fold)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&phrases)?;
        let mut starts = Box::new([[0u64; 5]; 256]);
        let variants = |b: u8| if fold { [b.to_ascii_lowercase(), b.to_ascii_uppercase()] } else { [b, b] };
        for p in &phrases {
            let p = p.as_ref();
            let Some(&a) = p.first() else { continue };
            for a in variants(a) {
                let row = &mut starts[a as usize];
                match p.get(1) {
                    Some(&b) => {
                        for b in variants(b) {
                            row[b as usize / 64] |= 1 << (b % 64);
                        }
                    }
                    None => *row = [u64::MAX; 5],
                }
            }
        }
        Ok(Phrases { dfa, starts })
    }

    /// Whether a phrase may start at byte `s` of `bytes` (from its first
    /// two bytes).
    #[inline]
    pub(crate) fn may_start(&self, bytes: &[u8], s: usize) -> bool {
        let Some(&a) = bytes.get(s) else { return false };
        let b = bytes.get(s + 1).map_or(256, |&b| usize::from(b));
        self.starts[a as usize][b / 64] & (1 << (b % 64)) != 0
    }

    /// The longest phrase starting at byte `s`: (end, phrase index).
    ///
    /// Walks the DFA by hand (the `Automaton` trait): the generic search
    /// entry point costs more per call than the few bytes a start needs.
    #[inline]
    pub(crate) fn longest_at(&self, bytes: &[u8], s: usize) -> Option<(usize, u32)> {
        self.longest_at_where(bytes, s, |_| true)
    }

    /// The longest phrase starting at byte `s` whose end `ok` accepts (a
    /// longer phrase ending inside a word must not hide a shorter one:
    /// “told the BBC” in “told the BBC’s Today programme” leaves “told”).
    #[inline]
    pub(crate) fn longest_at_where(
        &self,
        bytes: &[u8],
        s: usize,
        mut ok: impl FnMut(usize) -> bool,
    ) -> Option<(usize, u32)> {
        let dfa = &self.dfa;
        let mut sid = dfa.start_state(Anchored::Yes).ok()?;
        let mut best = None;
        for (at, &b) in bytes.iter().enumerate().skip(s) {
            sid = dfa.next_state(Anchored::Yes, sid, b);
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    break;
                }
                if dfa.is_match(sid) {
                    // Match states also carry matches that start later
                    // (reached through failure transitions): keep only
                    // those that start at `s`.
                    let pid = dfa.match_pattern(sid, 0);
                    if at + 1 - dfa.pattern_len(pid) == s && ok(at + 1) {
                        best = Some((at + 1, pid.as_u32()));
                    }
                }
            }
        }
        best
    }
}

impl core::fmt::Debug for Phrases {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Phrases").field("patterns", &self.dfa.patterns_len()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_at_a_start_only() {
        let p = Phrases::new(["said", "said to", "told reporters", "x"], true).unwrap();
        let t = b"He SAID to them; unsaid; told reporters";
        assert!(p.may_start(t, 3) && !p.may_start(t, 0));
        assert_eq!(p.longest_at(t, 3), Some((10, 1)));
        // A longer phrase whose end is refused leaves the shorter one.
        assert_eq!(p.longest_at_where(t, 3, |e| e != 10), Some((7, 0)));
        assert_eq!(p.longest_at_where(t, 3, |_| false), None);
        // "said" inside "unsaid" starts at 19, not at 17.
        assert_eq!(p.longest_at(t, 17), None);
        assert_eq!(p.longest_at(t, 19), Some((23, 0)));
        assert_eq!(p.longest_at(t, 25), Some((39, 2)));
        // A one-byte phrase may start before any byte, and at the end.
        assert!(p.may_start(b"xq", 0) && p.may_start(b"x", 0));
        let exact = Phrases::new(["Photo:"], false).unwrap();
        assert!(exact.may_start(b"Photo:", 0) && !exact.may_start(b"photo:", 0));
        assert_eq!(exact.longest_at(b"(Photo: AP)", 1), Some((7, 0)));
    }
}
