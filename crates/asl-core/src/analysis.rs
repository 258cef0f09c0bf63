//! One reading of a definition: the text read once (JSON or YAML, with the span of every value),
//! validated once, and built into the typed machine at most once, when it is first asked for.
//! Validation, runs and TestState all start from an [`Analysis`]; the `api` facade turns it into
//! the shapes its callers print. It sits below `api`: `exec`, `test_state` and `validate` may use
//! it without reaching up.

use crate::diag::{Diagnostic, Severity};
use crate::json::Node;
use crate::model::{self, BuildError, Machine};
use crate::source::{self, Format};
use crate::validate::{self, MachineType};
use std::sync::{Arc, OnceLock};

/// What to read a definition as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnalysisOptions {
    /// STANDARD or EXPRESS: Express machines refuse some integrations.
    pub machine_type: MachineType,
    /// JSON or YAML; `None` detects it.
    pub format: Option<Format>,
}

/// A definition, read and validated.
#[derive(Debug)]
pub struct Analysis {
    text: Arc<str>,
    format: Option<Format>,
    root: Option<Node>,
    diagnostics: Vec<Diagnostic>,
    machine: OnceLock<Result<Arc<Machine>, BuildError>>,
}

impl Analysis {
    /// Read and validate `text`. Never panics: a text that does not read has one diagnostic
    /// saying where and why.
    pub fn new(text: &str, options: &AnalysisOptions) -> Analysis {
        let (root, format, diagnostics) = match source::read(text, options.format) {
            Ok(definition) => {
                let checked = validate::Options {
                    machine_type: options.machine_type,
                };
                let mut diagnostics = validate::validate(&definition.root, text, &checked);
                diagnostics.extend(definition.notes);
                (Some(definition.root), Some(definition.format), diagnostics)
            }
            Err(diagnostic) => (None, None, vec![diagnostic]),
        };
        Analysis {
            text: text.into(),
            format,
            root,
            diagnostics,
            machine: OnceLock::new(),
        }
    }

    /// The text analysed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How it was written; `None` when it could not be read at all.
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// The spanned document; `None` when the text does not read.
    pub fn root(&self) -> Option<&Node> {
        self.root.as_ref()
    }

    /// Every diagnostic, in the order found.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// True when nothing is an error (warnings and advice do not fail a definition).
    pub fn is_valid(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// What CreateStateMachine answers a definition with errors:
    /// `Invalid State Machine Definition: 'CODE: message at /location, …'`; `None` when valid.
    pub fn creation_message(&self) -> Option<String> {
        creation_message(self.diagnostics.iter())
    }

    /// The machine as it runs, built the first time it is asked for; an error for a definition
    /// that is not valid.
    pub fn machine(&self) -> Result<Arc<Machine>, BuildError> {
        self.machine
            .get_or_init(|| {
                if let Some(message) = self.creation_message() {
                    return Err(BuildError(message));
                }
                let root = self
                    .root
                    .as_ref()
                    .ok_or_else(|| BuildError("the definition does not read".into()))?;
                model::build_machine(root).map(Arc::new)
            })
            .clone()
    }
}

/// CreateStateMachine's message for these diagnostics' errors, `None` when there is none.
pub fn creation_message<'d>(diagnostics: impl Iterator<Item = &'d Diagnostic>) -> Option<String> {
    let items: Vec<String> = diagnostics
        .filter(|d| d.severity == Severity::Error)
        .map(|d| match &d.location {
            Some(location) => format!("{}: {} at {location}", d.code, d.message),
            None => format!("{}: {}", d.code, d.message),
        })
        .collect();
    (!items.is_empty()).then(|| format!("Invalid State Machine Definition: '{}'", items.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_validates_and_builds_once() {
        let valid = Analysis::new(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
            &AnalysisOptions::default(),
        );
        assert!(valid.is_valid());
        assert_eq!(valid.format(), Some(Format::Json));
        let (first, second) = (valid.machine().unwrap(), valid.machine().unwrap());
        assert!(Arc::ptr_eq(&first, &second));

        let invalid = Analysis::new(
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#,
            &AnalysisOptions::default(),
        );
        assert!(!invalid.is_valid());
        let message = invalid.creation_message().unwrap();
        assert!(
            message.starts_with("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET")
        );
        assert_eq!(invalid.machine().unwrap_err().0, message);

        let unreadable = Analysis::new("{", &AnalysisOptions::default());
        assert!(unreadable.root().is_none());
        assert_eq!(unreadable.diagnostics().len(), 1);
        assert!(unreadable.machine().is_err());
    }
}
