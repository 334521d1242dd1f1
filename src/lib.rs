//! whosaid: who said what, and when.
#![deny(missing_docs)]

mod extract;
pub mod lexicon;
pub mod quotes;
pub mod record;
pub mod span;
pub mod speakers;
pub mod tokenize;

pub use extract::{Error, Extractor, ExtractorBuilder, Input};
pub use record::{Attribution, Kind};
pub use span::Span;
