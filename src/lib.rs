//! whosaid: who said what, and when.
#![deny(missing_docs)]

pub mod record;
pub mod span;
mod extract;

pub use extract::{Error, Extractor, ExtractorBuilder, Input};
pub use record::{Attribution, Kind};
pub use span::Span;
