//! whosaid: who said what, and when.
//!
//! The primary types are [`Extractor`] (build once, extract many),
//! [`Input`] (a document with its publication date) and [`Attribution`] (one
//! record). See the README below for the CLI and the record schema.
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod bigvec;
pub mod dates;
pub mod eval;
pub mod explain;
mod extract;
pub mod fixture;
pub mod html;
pub mod jsonl;
pub mod lexicon;
pub mod offsets;
pub mod quotes;
pub mod record;
pub mod render;
pub mod rules;
pub mod span;
pub mod speakers;
pub mod tokenize;
pub mod validate;

pub use extract::{Error, Extractor, ExtractorBuilder, Input, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_QUOTE_BYTES};
pub use record::{Attribution, Kind};
pub use span::Span;
