//! Pathological inputs, shared by `tests/pathological.rs` (small sizes)
//! and `examples/pathological.rs` (1 MB … 100 MB).
//!
//! Each case repeats a unit (with an optional prefix) up to a byte size.

/// One pathological input family.
pub struct Case {
    /// Short name.
    pub name: &'static str,
    /// Written once at the start.
    pub prefix: &'static str,
    /// Repeated until the size is reached; `{}` is replaced by a counter
    /// spelled in letters (distinct names).
    pub unit: &'static str,
    /// A record may be at most this many bytes long (content hull); `None`
    /// for no check beyond the quote limit.
    pub max_record: Option<usize>,
}

/// The cases, in the order of the scaling table.
pub const CASES: &[Case] = &[
    Case { name: "unclosed “ × N", prefix: "", unit: "“", max_record: None },
    Case { name: "straight \" × N", prefix: "", unit: "\"", max_record: None },
    Case { name: "' × N", prefix: "", unit: "'", max_record: None },
    Case { name: "don't × N", prefix: "", unit: "don't ", max_record: None },
    Case { name: "said × N (no quotes)", prefix: "", unit: "said ", max_record: None },
    Case { name: "words, no punctuation", prefix: "", unit: "word ", max_record: None },
    Case { name: "\\n × N", prefix: "", unit: "\n", max_record: None },
    Case { name: "\\n\\n × N", prefix: "", unit: "\n\n", max_record: None },
    Case { name: "nested “‘“‘…", prefix: "", unit: "“‘", max_record: None },
    Case { name: "unclosed “ + words", prefix: "“", unit: "We will not back down and ", max_record: None },
    Case { name: "bidi controls", prefix: "", unit: "\u{202E}“a,\u{202C}” Bo\u{2066} said.\u{2069} ", max_record: None },
    Case { name: "NUL bytes", prefix: "", unit: "\0“\0a,\0” Bo said.\0 ", max_record: None },
    Case { name: "BOM × N", prefix: "", unit: "\u{FEFF}", max_record: None },
    Case { name: "CRLF text", prefix: "", unit: "“We won,” Smith said.\r\n\r\nHe left.\r\n", max_record: Some(64) },
    Case { name: "NBSP cue\u{A0}name", prefix: "", unit: "“We won,” said\u{A0}Jane\u{A0}Doe. ", max_record: Some(64) },
    Case { name: "tiny quotes “a” said Bo.", prefix: "", unit: "“a” said Bo. ", max_record: Some(16) },
    Case { name: "“a,” Jane Doe said.", prefix: "", unit: "“Yes, we did,” Jane Doe said. ", max_record: Some(64) },
    Case { name: "“a,” he said. (pronouns)", prefix: "Tom Berg spoke. ", unit: "“Yes, we did,” he said. ", max_record: Some(64) },
    Case { name: "surname lookups", prefix: "Tom Berg spoke. ", unit: "Anna Smith met Berg. “We won,” Berg said. ", max_record: Some(64) },
    Case { name: "distinct names", prefix: "", unit: "Anna Q{} said that it rained. ", max_record: Some(64) },
    Case { name: "shared first name", prefix: "", unit: "Anna Q{} spoke. “We won,” Anna said. ", max_record: Some(64) },
    Case { name: "shared first name, other gender", prefix: "", unit: "Ms. Anna Q{} spoke. “We won,” Mr. Anna said. ", max_record: Some(64) },
    Case { name: "negated claims, distinct names", prefix: "", unit: "Bo Q{} did not say that it rained. ", max_record: None },
    Case { name: "colon quotes, distinct names", prefix: "", unit: "Bo Q{}: “We won.” ", max_record: Some(64) },
    Case { name: "the spokesman said that", prefix: "", unit: "Anna Smith met Bo Li. The spokesman said that it rained. ", max_record: Some(64) },
    Case { name: "claims with quotes", prefix: "", unit: "Smith said that “it” rained. ", max_record: Some(64) },
    Case { name: "one quote, no continuations", prefix: "“We won,” Smith said. ", unit: "“x” said. “Bb cc.” ", max_record: None },
    Case { name: "one sentence of claims", prefix: "", unit: "Bo said that it rained and ", max_record: None },
    Case { name: "Mr. U.S. Sen. abbreviations", prefix: "", unit: "Mr. U.S. Sen. ", max_record: None },
    Case { name: "news paragraph", prefix: "", unit: "“We had very good talks,” Kremlin spokesman Dmitry Peskov told reporters on Friday. Trump said that talks were productive, adding that he would call.\n\n", max_record: Some(200) },
];

/// A counter spelled in letters: 0 → "a", 25 → "z", 26 → "ba" …
fn letters(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

/// Builds `case` at about `size` bytes (never over it, except for a short
/// prefix).
pub fn build(case: &Case, size: usize) -> String {
    let mut s = String::with_capacity(size + 64);
    s.push_str(case.prefix);
    let counted = case.unit.contains("{}");
    let mut k = 0;
    loop {
        let len = if counted { case.unit.len() + 8 } else { case.unit.len() };
        if s.len() + len > size {
            break;
        }
        if counted {
            s.push_str(&case.unit.replace("{}", &letters(k)));
        } else {
            s.push_str(case.unit);
        }
        k += 1;
    }
    s
}
