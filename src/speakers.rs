//! Speaker mentions and in-document entities.
//!
//! A *mention* is a noun phrase that can say something: a name with its
//! titles (“Kremlin spokesman Dmitry Peskov”), an organisation (“the
//! Kremlin”), a place standing for its government (“Moscow”), a nominal
//! (“a senior official”, “the poll”), or a pronoun. Mentions are parsed from
//! tokens with the lexicons, forwards from a token or backwards from a cue.
//!
//! *Entities* are built in one pass over the document: every full name
//! becomes an entity, and later surnames, first names, honorific + surname
//! (“Mr. Trump”), role nominals (“the spokesman”) and pronouns link back to
//! the entity they most likely mean (see [`Entities::resolve`]).

use std::collections::HashMap;

use crate::lexicon::{Gender, Lexicon, NominalKind, OrgKind};
use crate::record::{SpeakerKind, TextSpan};
use crate::span::Span;
use crate::tokenize::{Token, TokenKind, Tokens};

/// How far back (in tokens) a pronoun may look for its antecedent.
pub const PRONOUN_WINDOW: usize = 250;

/// A speaker mention parsed from the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Bytes of the whole mention.
    pub span: Span,
    /// First token.
    pub first: u32,
    /// One past the last token.
    pub end: u32,
    /// What it is.
    pub kind: SpeakerKind,
    /// The name part (“Dmitry Peskov”), org name, country, or nominal text.
    pub name: Option<String>,
    /// The title/role part (“Kremlin spokesman”).
    pub role: Option<String>,
    /// Gender hint.
    pub gender: Gender,
    /// Plural (officials, they).
    pub plural: bool,
    /// For a relative pronoun (“Podesta, who said …”): the mention it
    /// stands for.
    pub antecedent: Option<Box<Mention>>,
}

const PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "da", "de", "del", "della", "der", "di", "du", "la", "le", "van", "von", "ter", "dos", "das",
    "ben", "el", "y",
];
const HONORIFICS: &[&str] = &["Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Prof.", "Rev.", "Mr", "Mrs", "Ms", "Dr"];
const MODIFIERS: &[&str] = &[
    "former",
    "senior",
    "top",
    "deputy",
    "acting",
    "interim",
    "then",
    "late",
    "longtime",
    "veteran",
    "local",
    "federal",
    "state",
    "foreign",
    "military",
    "western",
    "european",
    "american",
    "two",
    "three",
    "several",
    "many",
    "some",
    "other",
    "other",
    "u.s.",
    "us",
    "white",
    "house",
    "administration",
    "government",
    "campaign",
    "party",
    "police",
    "company",
    "retired",
    "current",
    "outgoing",
    "incoming",
    "chief",
    "high-ranking",
    "ranking",
    "independent",
    "legal",
    "defense",
    "defence",
    "health",
    "election",
    "intelligence",
    "security",
    "israeli",
    "russian",
    "ukrainian",
    "chinese",
    "british",
    "french",
    "german",
    "iranian",
    "european",
    "republican",
    "democratic",
    "conservative",
    "liberal",
    "anonymous",
    "unnamed",
    "new",
    "one",
    "another",
    "both",
    "most",
    "few",
    "all",
    "independent",
    "political",
    "presidential",
    "press",
    "public",
    "union",
    "city",
    "county",
];

/// Lower-case words that never modify a speaker noun.
const STOP: &[&str] = &[
    "and", "or", "but", "that", "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
    "will", "would", "can", "could", "should", "may", "might", "must", "to", "of", "in", "on", "for", "with", "at", "by", "from", "as",
    "not", "no", "said", "says", "told", "also", "it", "its", "this", "these", "those", "there", "their", "his", "her", "our", "my",
    "your", "we", "they", "he", "she", "if", "than", "then", "when", "while", "after", "before", "about", "into", "over", "under",
    "up", "out", "so", "very", "more", "most", "just", "only", "even", "still", "all", "any", "each", "every", "such", "do", "does", "did",
];

fn is_honorific(w: &str) -> bool {
    HONORIFICS.contains(&w)
}

/// A cursor over tokens for mention parsing.
struct Words<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lex: &'a Lexicon,
}

impl<'a> Words<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.tokens.get(i)?;
        (t.kind == TokenKind::Word).then(|| t.text(self.text))
    }

    /// A word followed directly by "." forming a known abbreviation (Sen.).
    fn abbrev_len(&self, i: usize) -> Option<(usize, &'a str)> {
        let t = self.tokens.get(i)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        let w = t.text(self.text);
        if w.ends_with('.') {
            return self.lex.abbreviation(w).map(|_| (1, w));
        }
        let d = self.tokens.get(i + 1)?;
        if d.kind == TokenKind::Punct && d.span.start == t.span.end && d.text(self.text) == "." {
            let with = &self.text[t.span.start..d.span.end];
            if self.lex.abbreviation(with).is_some() || (w.len() == 1 && w.chars().all(char::is_uppercase)) {
                return Some((2, with));
            }
        }
        None
    }

    /// Longest title starting at token i: (token count, lower-case title).
    fn title_at(&self, i: usize) -> Option<usize> {
        let mut best = None;
        let mut s = String::new();
        let mut k = i;
        let mut words = 0;
        while words < self.lex.max_title_words() {
            let (n, w) = match self.abbrev_len(k) {
                Some(x) => x,
                None => match self.word(k) {
                    Some(w) => (1, w),
                    None => break,
                },
            };
            if words > 0 {
                s.push(' ');
            }
            s.push_str(&w.to_lowercase());
            k += n;
            words += 1;
            if self.lex.is_title(&s) {
                best = Some(k - i);
            }
        }
        best
    }

    /// Longest organisation at token i: token count.
    fn org_at(&self, i: usize) -> Option<(usize, OrgKind)> {
        let mut best = None;
        let mut k = i;
        let start = self.tokens.get(i)?.span.start;
        for _ in 0..self.lex.max_org_words() {
            let Some(t) = self.tokens.get(k) else { break };
            if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                break;
            }
            let name = &self.text[start..t.span.end];
            if let Some(kind) = self.lex.organization(name) {
                best = Some((k + 1 - i, kind));
            }
            k += 1;
            // Only single spaces between the words of a name.
            if self.tokens.get(k).is_some_and(|n| n.span.start != t.span.end + 1) {
                break;
            }
        }
        best
    }

    fn is_name_word(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        if t.kind != TokenKind::Word {
            return false;
        }
        let w = t.text(self.text);
        let c = w.chars().next().unwrap_or(' ');
        if !c.is_uppercase() {
            return false;
        }
        !self.lex.is_function_word(strip_possessive(w)) && self.lex.pronoun(w).is_none()
    }
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w)
}

fn is_possessive(w: &str) -> bool {
    w.ends_with("’s") || w.ends_with("'s")
}

/// Parses a speaker mention starting at token `i`, not extending past `limit`.
pub fn mention_at(text: &str, toks: &Tokens, lex: &Lexicon, i: usize, limit: usize) -> Option<Mention> {
    let w = Words { text, tokens: &toks.tokens, lex };
    let limit = limit.min(toks.tokens.len());
    if i >= limit {
        return None;
    }
    let first_word = w.word(i)?;
    // Pronoun.
    if let Some(p) = lex.pronoun(first_word) {
        if !p.subject {
            return None;
        }
        let t = toks.tokens[i];
        return Some(Mention {
            span: t.span,
            first: i as u32,
            end: i as u32 + 1,
            kind: SpeakerKind::Pronoun,
            name: None,
            role: None,
            gender: p.gender,
            plural: p.plural,
            antecedent: None,
        });
    }
    let mut k = i;
    let lower_first = first_word.to_lowercase();
    let has_det = matches!(lower_first.as_str(), "the" | "a" | "an");
    if has_det {
        k += 1;
    }
    // Collect the phrase: (start token, token count, part kind).
    #[derive(Clone, Copy, PartialEq, Debug)]
    enum Part {
        Title,
        Name,
        Modifier,
        Nominal,
        Org,
        Particle,
        Possessive,
    }
    let mut parts: Vec<(usize, usize, Part)> = Vec::new();
    while k < limit {
        // An organisation name.
        if let Some((n, _)) = w.org_at(k) {
            if k + n <= limit {
                // "Kremlin’s" possessive is handled by the name path below.
                parts.push((k, n, Part::Org));
                k += n;
                continue;
            }
        }
        let honorific_here = w.abbrev_len(k).is_some_and(|(_, ab)| is_honorific(ab));
        if let Some(n) = w.title_at(k).filter(|_| !honorific_here) {
            if k + n <= limit {
                // A capitalised title word followed by a name is a title;
                // alone after "the", it is a nominal ("the President").
                parts.push((k, n, Part::Title));
                k += n;
                continue;
            }
        }
        let Some(word) = w.word(k) else {
            // Initials and honorifics: "W." "Mr."
            break;
        };
        if let Some((n, ab)) = w.abbrev_len(k) {
            if is_honorific(ab)
                || (ab.len() == 2 && ab.chars().next().is_some_and(char::is_uppercase))
                || matches!(ab, "Jr." | "Sr.")
            {
                if k + n <= limit {
                    parts.push((k, n, Part::Name));
                    k += n;
                    continue;
                }
            }
        }
        if lex.demonym(word).is_some() && (w.title_at(k + 1).is_some() || w.org_at(k + 1).is_some()) {
            parts.push((k, 1, Part::Modifier));
            k += 1;
            continue;
        }
        if w.is_name_word(k) {
            if is_possessive(word) {
                parts.push((k, 1, Part::Possessive));
                k += 1;
                continue;
            }
            parts.push((k, 1, Part::Name));
            k += 1;
            continue;
        }
        let lower = word.to_lowercase();
        let particle_then_name = |k: usize| {
            (k + 1..k + 3)
                .find(|&j| !w.word(j).is_some_and(|x| PARTICLES.contains(&x)))
                .is_some_and(|j| w.is_name_word(j))
        };
        if PARTICLES.contains(&lower.as_str())
            && !parts.is_empty()
            && particle_then_name(k)
            && word.chars().next().is_some_and(char::is_lowercase)
        {
            parts.push((k, 1, Part::Particle));
            k += 1;
            continue;
        }
        if let Some(nk) = lex.nominal(&lower) {
            parts.push((k, 1, Part::Nominal));
            k += 1;
            // A nominal head ends the phrase unless a name follows ("analyst John Doe").
            if !w.is_name_word(k) {
                let _ = nk;
                break;
            }
            continue;
        }
        if MODIFIERS.contains(&lower.as_str()) || lex.demonym(word).is_some() {
            parts.push((k, 1, Part::Modifier));
            k += 1;
            continue;
        }
        // Other lower-case words ("the electoral commission", "labour
        // minister Nadia Farouk") only when a nominal or title head follows
        // within four words.
        if word.chars().next().is_some_and(char::is_lowercase) && !STOP.contains(&lower.as_str()) {
            let mut j = k;
            let mut head = None;
            while j < limit && j < k + 4 {
                let Some(wj) = w.word(j) else { break };
                let lj = wj.to_lowercase();
                if !wj.chars().next().is_some_and(char::is_lowercase) || STOP.contains(&lj.as_str()) {
                    break;
                }
                if lex.nominal(&lj).is_some() || w.title_at(j).is_some() {
                    head = Some(j);
                    break;
                }
                j += 1;
            }
            if let Some(h) = head.filter(|&h| h > k) {
                for x in k..h {
                    parts.push((x, 1, Part::Modifier));
                }
                k = h;
                continue;
            }
        }
        break;
    }
    // Trailing modifiers/particles/possessives are not part of the mention.
    while parts.last().is_some_and(|p| matches!(p.2, Part::Modifier | Part::Particle | Part::Possessive)) {
        parts.pop();
    }
    let last = *parts.last()?;
    let end = last.0 + last.1;
    let tokens = &toks.tokens;
    let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
    // The name: the trailing run of Name/Particle parts.
    let mut name_start = parts.len();
    while name_start > 0 && matches!(parts[name_start - 1].2, Part::Name | Part::Particle) {
        name_start -= 1;
    }
    let text_of = |a: usize, b: usize| -> String { text[tokens[a].span.start..tokens[b - 1].span.end].to_owned() };
    let mk = |kind, name: Option<String>, role: Option<String>, gender, plural| Mention {
        span,
        first: i as u32,
        end: end as u32,
        kind,
        name,
        role,
        gender,
        plural,
        antecedent: None,
    };
    if name_start < parts.len() {
        let ns = parts[name_start].0;
        // Skip honorifics at the start of the name for the canonical form.
        let mut canon_start = ns;
        let mut gender = Gender::Unknown;
        if let Some((n, ab)) = w.abbrev_len(ns).or_else(|| w.word(ns).filter(|x| is_honorific(x)).map(|x| (1, x))) {
            if is_honorific(ab) {
                gender = match ab.trim_end_matches('.') {
                    "Mr" => Gender::Male,
                    "Mrs" | "Ms" | "Miss" => Gender::Female,
                    _ => Gender::Unknown,
                };
                canon_start = ns + n;
            }
        }
        if canon_start >= end {
            return None;
        }
        let name = text_of(canon_start, end);
        let name = name.trim_end_matches([',', ' ']).to_owned();
        if gender == Gender::Unknown {
            if let Some(first) = w.word(canon_start) {
                gender = lex.given_name(first).unwrap_or(Gender::Unknown);
            }
        }
        let role = (name_start > 0).then(|| {
            let rs = parts[0].0;
            let re = parts[name_start - 1].0 + parts[name_start - 1].1;
            text_of(rs, re)
        });
        // A lone capitalised word that is a place stands for its country.
        if name_start == 0 && !has_det {
            if let Some(country) = lex.place(&name) {
                return Some(mk(SpeakerKind::Place, Some(country.to_owned()), None, Gender::Neuter, false));
            }
        }
        return Some(mk(SpeakerKind::Person, Some(name), role, gender, false));
    }
    // No personal name: organisation, nominal, or title-only nominal.
    match last.2 {
        Part::Org => {
            let org_text = text_of(last.0, end);
            let name = if has_det { format!("the {org_text}") } else { org_text };
            // Modifiers before an org ("Russian Defense Ministry") stay in the mention.
            Some(mk(SpeakerKind::Organization, Some(name), None, Gender::Neuter, false))
        }
        Part::Nominal | Part::Title => {
            let head = w.word(end - 1).unwrap_or("").to_lowercase();
            let kind = match lex.nominal(&head) {
                Some(NominalKind::Document) => SpeakerKind::Document,
                _ => SpeakerKind::Nominal,
            };
            let plural = (head.ends_with('s') && !head.ends_with("ss"))
                || matches!(head.as_str(), "police" | "staff" | "military" | "personnel" | "people" | "media" | "public" | "press" | "data" | "clergy");
            let whole = text_of(i, end);
            Some(mk(
                kind,
                Some(whole.clone()),
                Some(text_of(if has_det { i + 1 } else { i }, end)),
                Gender::Unknown,
                plural,
            ))
        }
        _ => None,
    }
}

/// Parses the mention that ends right before token `end` (exclusive),
/// starting no earlier than `floor`.
pub fn mention_before(text: &str, toks: &Tokens, lex: &Lexicon, end: usize, floor: usize) -> Option<Mention> {
    if end == 0 || end <= floor {
        return None;
    }
    let tokens = &toks.tokens;
    // Walk left over tokens that can be inside a mention.
    let mut s = end;
    let mut steps = 0;
    while s > floor && steps < 12 {
        let t = tokens[s - 1];
        let ok = match t.kind {
            TokenKind::Word => true,
            TokenKind::Punct => {
                // The dot of "Sen." or "W." glued to its word.
                t.text(text) == "."
                    && s >= 2
                    && tokens[s - 2].span.end == t.span.start
                    && tokens[s - 2].kind == TokenKind::Word
            }
            _ => false,
        };
        if !ok {
            break;
        }
        s -= 1;
        steps += 1;
    }
    // Try the longest mention that ends exactly at `end`.
    let mut k = s;
    while k < end {
        if let Some(m) = mention_at(text, toks, lex, k, end) {
            if m.end as usize == end {
                return Some(m);
            }
        }
        k += 1;
    }
    None
}

/// One entity: a person, organisation or place the document talks about.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Canonical name: the fullest name seen (“Dmitry Peskov”).
    pub name: String,
    /// Kind.
    pub kind: SpeakerKind,
    /// Title or role, when one was seen with the name.
    pub role: Option<String>,
    /// Gender hint.
    pub gender: Gender,
    /// The mention that introduced the entity.
    pub introduced: Span,
    /// Whether there is evidence that the entity is a person (a known given
    /// name, an honorific, a title, or speech attributed to it); only such
    /// entities are antecedents of “he” and “she”.
    pub person: bool,
}

/// A mention of an entity at a token position.
#[derive(Clone, Copy, Debug)]
struct EntityMention {
    token: u32,
    entity: u32,
}

/// The document's entities and where each is mentioned.
#[derive(Clone, Debug, Default)]
pub struct Entities {
    /// All entities.
    pub list: Vec<Entity>,
    mentions: Vec<EntityMention>,
    orgs: Vec<EntityMention>,
    by_surname: HashMap<String, Vec<u32>>,
    by_first: HashMap<String, Vec<u32>>,
    /// Entity id by canonical name.
    by_name: HashMap<String, u32>,
    /// Per entity, the tokens of its mentions (in text order).
    mention_tokens: Vec<Vec<u32>>,
    /// Per lower-case role word, the mentions of entities whose role has
    /// that word (in text order); built by [`Entities::build`].
    by_role_word: HashMap<String, Vec<EntityMention>>,
}

fn name_words(name: &str) -> Vec<&str> {
    name.split(' ').filter(|w| !matches!(*w, "Jr." | "Sr." | "Jr" | "Sr" | "II" | "III" | "IV" | ",")).collect()
}

impl Entities {
    /// Builds entities from every person name of two or more words.
    pub fn build(text: &str, toks: &Tokens, lex: &Lexicon) -> Entities {
        let mut e = Entities::default();
        let tokens = &toks.tokens;
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            if t.kind != TokenKind::Word || !t.first_char(text).is_uppercase() {
                i += 1;
                continue;
            }
            match mention_at(text, toks, lex, i, tokens.len()) {
                Some(m) if m.kind == SpeakerKind::Person => {
                    e.add_person(&m, i);
                    i = m.end as usize;
                }
                Some(m) if m.kind == SpeakerKind::Organization => {
                    e.add_org(&m, i);
                    i = m.end as usize;
                }
                Some(m) => i = (m.end as usize).max(i + 1),
                None => i += 1,
            }
        }
        for m in &e.mentions {
            if let Some(role) = e.list[m.entity as usize].role.as_deref() {
                let mut words: Vec<String> = role.to_lowercase().split(' ').map(str::to_owned).collect();
                words.sort();
                words.dedup();
                for w in words {
                    e.by_role_word.entry(w).or_default().push(*m);
                }
            }
        }
        e
    }

    fn entity_named(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).map(|&id| id as usize)
    }

    fn push_entity(&mut self, e: Entity) -> usize {
        self.by_name.entry(e.name.clone()).or_insert(self.list.len() as u32);
        self.list.push(e);
        self.mention_tokens.push(Vec::new());
        self.list.len() - 1
    }

    fn push_mention(&mut self, token: usize, id: usize) {
        self.mentions.push(EntityMention { token: token as u32, entity: id as u32 });
        self.mention_tokens[id].push(token as u32);
    }

    fn add_person(&mut self, m: &Mention, token: usize) {
        let Some(name) = m.name.as_deref() else { return };
        let words = name_words(name);
        if words.len() >= 2 {
            let key = name.to_owned();
            let id = match self.entity_named(&key) {
                Some(id) => {
                    if self.list[id].role.is_none() {
                        self.list[id].role.clone_from(&m.role);
                    }
                    id
                }
                None => {
                    let id = self.push_entity(Entity {
                        name: key,
                        kind: SpeakerKind::Person,
                        role: m.role.clone(),
                        gender: m.gender,
                        introduced: m.span,
                        person: m.gender != Gender::Unknown || m.role.is_some(),
                    });
                    self.by_surname.entry(words[words.len() - 1].to_owned()).or_default().push(id as u32);
                    self.by_first.entry(words[0].to_owned()).or_default().push(id as u32);
                    id
                }
            };
            self.push_mention(token, id);
        } else if let Some(id) = self.lookup_single(words.first().copied().unwrap_or(""), token) {
            if self.list[id].gender == Gender::Unknown && m.gender != Gender::Unknown {
                self.list[id].gender = m.gender;
            }
            self.push_mention(token, id);
        }
    }

    fn add_org(&mut self, m: &Mention, token: usize) {
        let Some(name) = m.name.as_deref() else { return };
        let id = match self.entity_named(name) {
            Some(id) => id,
            None => self.push_entity(Entity {
                name: name.to_owned(),
                kind: SpeakerKind::Organization,
                role: None,
                gender: Gender::Neuter,
                introduced: m.span,
                person: false,
            }),
        };
        self.orgs.push(EntityMention { token: token as u32, entity: id as u32 });
    }

    /// Marks the entity mentioned at `token` as a speaker (evidence that it
    /// is a person, for pronoun resolution).
    pub fn mark_speaker(&mut self, token: usize) {
        let k = self.mentions.partition_point(|m| (m.token as usize) < token);
        if let Some(m) = self.mentions.get(k).filter(|m| m.token as usize == token) {
            let id = m.entity as usize;
            self.list[id].person = true;
        }
    }

    /// The entity a one-word name refers to: the most recent entity before
    /// `token` with that surname (or first name), else the first after it.
    fn lookup_single(&self, word: &str, token: usize) -> Option<usize> {
        let ids = self.by_surname.get(word).or_else(|| self.by_first.get(word))?;
        // Most recent mention before `token` of any candidate entity.
        let recent = ids
            .iter()
            .filter_map(|&id| {
                let toks = &self.mention_tokens[id as usize];
                let k = toks.partition_point(|&t| (t as usize) < token);
                k.checked_sub(1).map(|k| (toks[k], id as usize))
            })
            .max()
            .map(|(_, id)| id);
        recent.or_else(|| ids.first().map(|&x| x as usize))
    }

    /// Resolves a speaker mention at token `token` to (canonical name, role,
    /// antecedent span).
    pub fn resolve(&self, text: &str, m: &Mention) -> (Option<String>, Option<String>, Option<TextSpan>) {
        let token = m.first as usize;
        match m.kind {
            SpeakerKind::Person => {
                let Some(name) = m.name.as_deref() else { return (None, m.role.clone(), None) };
                let words = name_words(name);
                if words.len() >= 2 {
                    let ent = self.entity_named(name).map(|id| &self.list[id]);
                    let role = m.role.clone().or_else(|| ent.and_then(|e| e.role.clone()));
                    return (Some(name.to_owned()), role, None);
                }
                match self.lookup_single(words.first().copied().unwrap_or(""), token) {
                    Some(id) => {
                        let e = &self.list[id];
                        let role = m.role.clone().or_else(|| e.role.clone());
                        (Some(e.name.clone()), role, Some(TextSpan::of(text, e.introduced)))
                    }
                    None => (Some(name.to_owned()), m.role.clone(), None),
                }
            }
            SpeakerKind::Nominal => {
                // "the spokesman": the entity that last held that role.
                let head = m.role.as_deref().and_then(|r| r.rsplit(' ').next()).unwrap_or("").to_lowercase();
                let det_the = text[m.span.range()].to_lowercase().starts_with("the ");
                if det_the && !m.plural && ORG_NOUNS.contains(&head.as_str()) {
                    let k = self.orgs.partition_point(|x| (x.token as usize) < token);
                    if let Some(x) = k.checked_sub(1).map(|k| self.orgs[k]) {
                        let e = &self.list[x.entity as usize];
                        return (Some(e.name.clone()), None, Some(TextSpan::of(text, e.introduced)));
                    }
                }
                if let (Some(role), false) = (m.role.as_deref(), m.plural) {
                    let head = role.rsplit(' ').next().unwrap_or(role).to_lowercase();
                    let found = self.by_role_word.get(&head).and_then(|ms| {
                        let k = ms.partition_point(|x| (x.token as usize) < token);
                        k.checked_sub(1).map(|k| ms[k])
                    });
                    if let Some(x) = found {
                        let e = &self.list[x.entity as usize];
                        return (Some(e.name.clone()), e.role.clone(), Some(TextSpan::of(text, e.introduced)));
                    }
                }
                (m.name.clone(), m.role.clone(), None)
            }
            _ => (m.name.clone(), m.role.clone(), None),
        }
    }

    /// The most recent person before `token` (within [`PRONOUN_WINDOW`]
    /// tokens) compatible with `gender`.
    pub fn antecedent(&self, token: usize, gender: Gender) -> Option<&Entity> {
        let floor = token.saturating_sub(PRONOUN_WINDOW);
        let k = self.mentions.partition_point(|m| (m.token as usize) < token);
        self.mentions[..k]
            .iter()
            .rev()
            .take_while(|m| (m.token as usize) >= floor)
            .map(|m| &self.list[m.entity as usize])
            .find(|e| e.person && gender_compatible(e.gender, gender))
    }
}

/// Nouns that, after “the”, refer back to the last organisation named.
const ORG_NOUNS: &[&str] = &[
    "agency", "company", "firm", "ministry", "department", "group", "bank", "union", "party", "committee", "commission", "council",
    "authority", "regulator", "carrier", "airline", "club", "operator", "manufacturer", "organization", "organisation", "institute",
    "broadcaster", "newspaper", "network", "insurer", "lender", "retailer", "charity", "federation", "association", "court", "board",
];

/// Whether an entity of gender `e` can be referred to by a pronoun of gender `p`.
pub fn gender_compatible(e: Gender, p: Gender) -> bool {
    match p {
        Gender::Male | Gender::Female => e == p || e == Gender::Unknown,
        Gender::Neuter => false,
        Gender::Unknown => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn parse(text: &str) -> Option<Mention> {
        let lx = Lexicon::builtin();
        let t = tokenize(text, lx);
        mention_at(text, &t, lx, 0, t.tokens.len())
    }

    #[test]
    fn titles_and_names() {
        let m = parse("Kremlin spokesman Dmitry Peskov told").unwrap();
        assert_eq!(
            (m.kind, m.name.as_deref(), m.role.as_deref()),
            (SpeakerKind::Person, Some("Dmitry Peskov"), Some("Kremlin spokesman"))
        );
        let m = parse("Ukrainian President Volodymyr Zelensky said").unwrap();
        assert_eq!((m.name.as_deref(), m.role.as_deref()), (Some("Volodymyr Zelensky"), Some("Ukrainian President")));
        let m = parse("former Maryland Gov. Martin O’Malley said").unwrap();
        assert_eq!(m.name.as_deref(), Some("Martin O’Malley"));
        let m = parse("Ursula von der Leyen said").unwrap();
        assert_eq!(m.name.as_deref(), Some("Ursula von der Leyen"));
        let m = parse("Mr. Trump said").unwrap();
        assert_eq!((m.name.as_deref(), m.gender), (Some("Trump"), Gender::Male));
        let m = parse("George W. Bush said").unwrap();
        assert_eq!(m.name.as_deref(), Some("George W. Bush"));
    }

    #[test]
    fn organisations_places_nominals_pronouns() {
        let m = parse("the Kremlin said").unwrap();
        assert_eq!((m.kind, m.name.as_deref()), (SpeakerKind::Organization, Some("the Kremlin")));
        let m = parse("Moscow has demanded").unwrap();
        assert_eq!((m.kind, m.name.as_deref()), (SpeakerKind::Place, Some("Russia")));
        let m = parse("a senior official said").unwrap();
        assert_eq!(m.kind, SpeakerKind::Nominal);
        let m = parse("officials said").unwrap();
        assert!(m.plural);
        let m = parse("she said").unwrap();
        assert_eq!((m.kind, m.gender), (SpeakerKind::Pronoun, Gender::Female));
        assert!(parse("The response reflects").is_none());
    }

    #[test]
    fn entities_link_surnames() {
        let text =
            "Kremlin spokesman Dmitry Peskov spoke. Later Peskov said no. Anna Berg and Tom Berg met. Berg said yes.";
        let lx = Lexicon::builtin();
        let t = tokenize(text, lx);
        let e = Entities::build(text, &t, lx);
        let names: Vec<&str> = e.list.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Dmitry Peskov", "Anna Berg", "Tom Berg"]);
        let i = t.tokens.iter().position(|x| x.text(text) == "Peskov" && x.span.start > 30).unwrap();
        let m = mention_at(text, &t, lx, i, i + 1).unwrap();
        let (name, role, _) = e.resolve(text, &m);
        assert_eq!((name.as_deref(), role.as_deref()), (Some("Dmitry Peskov"), Some("Kremlin spokesman")));
        // Same surname: the most recent.
        let i = t.tokens.iter().rposition(|x| x.text(text) == "Berg").unwrap();
        let m = mention_at(text, &t, lx, i, i + 1).unwrap();
        assert_eq!(e.resolve(text, &m).0.as_deref(), Some("Tom Berg"));
    }
}
