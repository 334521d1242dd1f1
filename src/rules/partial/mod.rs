//! Partial quotes: quoted words governed by a speaker and a naming cue.

pub mod called_quote;
