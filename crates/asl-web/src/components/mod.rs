//! The page's components, one per file.

mod diagnostics;
mod editor;
mod header;

pub(crate) use diagnostics::DiagnosticsPanel;
pub(crate) use editor::DefinitionEditor;
pub(crate) use header::Header;
