//! Diagnostics: problems found in a definition, as data.
//!
//! A [`Diagnostic`] has what AWS's `ValidateStateMachineDefinition` returns (severity, code,
//! message, location) and what a playground adds: the span of the offending text, a stable rule
//! slug and an optional hint. Rendering lives in [`render`].

mod codes;
pub mod render;

pub use codes::Code;

use crate::text::Span;
use serde::Serialize;

/// How bad a problem is. Only errors make a definition fail validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    /// Advice: good practice the definition does not follow (AWS accepts it, and it works).
    Info,
    /// Worth knowing; AWS would accept the definition.
    Warning,
    /// AWS would reject the definition.
    Error,
}

impl Severity {
    /// `ERROR` or `WARNING`, as AWS writes it; `INFO` for the playground's advice.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
            Severity::Info => "INFO",
        }
    }
}

/// One problem in a definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The AWS-aligned code, e.g. `SCHEMA_VALIDATION_FAILED`.
    pub code: Code,
    /// A stable kebab-case identifier of the exact rule, e.g. `unknown-field`.
    pub rule: &'static str,
    /// The message, worded as AWS words it where the wording is known.
    pub message: String,
    /// Where AWS says the problem is: a JSON Pointer (`/States/A/Next`), or for syntax errors
    /// Jackson's source location. `None` where AWS gives none.
    pub location: Option<String>,
    /// The offending text, when there is one.
    pub span: Option<Span>,
    /// A hint for the fix ("Did you mean 'Fetch'?").
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(code: Code, rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            rule,
            message: message.into(),
            location: None,
            span: None,
            help: None,
        }
    }

    /// A warning.
    pub fn warning(code: Code, rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, rule, message)
        }
    }

    /// Advice (the lowest severity).
    pub fn info(code: Code, rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(code, rule, message)
        }
    }

    /// With an AWS location.
    pub fn at(mut self, location: impl Into<String>) -> Self {
        self.location = Some(location.into());
        self
    }

    /// With the span of the offending text.
    pub fn span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// With a hint.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The location when it is a JSON Pointer (for syntax errors AWS's location is Jackson's
    /// source description instead, which repeats the line and column).
    pub fn pointer(&self) -> Option<&str> {
        self.location.as_deref().filter(|l| l.starts_with('/'))
    }

    /// The message without Jackson's location suffix: what a list of problems shows. AWS's JSON
    /// syntax messages end with `\n at [Source: (String)"…"; line: L, column: C]`, a copy of the
    /// text that a source frame says better.
    pub fn headline(&self) -> &str {
        self.message
            .split_once("\n at [Source: ")
            .map_or(&self.message, |(headline, _)| headline)
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
