//! The extractor: build once, extract many. (Stub: the pipeline lands next.)

use crate::record::Attribution;

/// One document to extract from: its text, and optionally its id and
/// publication date (used to resolve “Thursday”, “last month”).
#[derive(Clone, Copy, Debug)]
pub struct Input<'t> {
    /// The article text.
    pub text: &'t str,
    /// The document id, echoed in CLI output.
    pub id: Option<&'t str>,
    /// The publication date.
    pub date: Option<jiff::civil::Date>,
}

impl<'t> Input<'t> {
    /// An input with text only.
    pub fn new(text: &'t str) -> Input<'t> {
        Input { text, id: None, date: None }
    }
    /// Sets the publication date.
    pub fn date(mut self, date: jiff::civil::Date) -> Input<'t> {
        self.date = Some(date);
        self
    }
    /// Sets the document id.
    pub fn id(mut self, id: &'t str) -> Input<'t> {
        self.id = Some(id);
        self
    }
}

impl<'t> From<&'t str> for Input<'t> {
    fn from(text: &'t str) -> Input<'t> {
        Input::new(text)
    }
}

/// An error from building an extractor or from a document over the limits.
#[derive(Clone, Debug)]
pub struct Error {
    kind: &'static str,
    message: String,
}

impl Error {
    /// A short machine-readable kind: `too_large`, `lexicon`, `unknown_rule`.
    pub fn kind(&self) -> &'static str {
        self.kind
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Extracts attributions. Build once (it compiles the lexicons), share across
/// threads, call [`Extractor::extract`] per document.
#[derive(Debug)]
pub struct Extractor {
    max_document_bytes: usize,
}

/// Builder for an [`Extractor`].
#[derive(Debug, Default)]
pub struct ExtractorBuilder {
    max_document_bytes: Option<usize>,
}

impl ExtractorBuilder {
    /// Maximum document size in bytes accepted by [`Extractor::try_extract`].
    pub fn max_document_bytes(&mut self, n: usize) -> &mut Self {
        self.max_document_bytes = Some(n);
        self
    }
    /// Builds the extractor.
    pub fn build(&self) -> Result<Extractor, Error> {
        Ok(Extractor { max_document_bytes: self.max_document_bytes.unwrap_or(16 << 20) })
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the built-in rules and lexicons.
    pub fn new() -> Extractor {
        ExtractorBuilder::default().build().expect("built-in lexicons load")
    }
    /// A builder for custom settings.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }
    /// Extracts all attributions; total on any input (no size limit).
    pub fn extract<'t>(&self, input: impl Into<Input<'t>>) -> Vec<Attribution> {
        let _input = input.into();
        Vec::new()
    }
    /// Like [`Extractor::extract`] but refuses documents over the size limit.
    pub fn try_extract<'t>(&self, input: impl Into<Input<'t>>) -> Result<Vec<Attribution>, Error> {
        let input = input.into();
        if input.text.len() > self.max_document_bytes {
            return Err(Error {
                kind: "too_large",
                message: format!(
                    "document is {} bytes, over the limit of {} bytes",
                    input.text.len(),
                    self.max_document_bytes
                ),
            });
        }
        Ok(self.extract(input))
    }
}
