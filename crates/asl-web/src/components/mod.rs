//! The page's components, one per file.

mod data_flow;
mod diagnostics;
mod dialog;
mod editor;
mod embed;
mod graph;
mod header;
mod import;
mod json_field;
mod json_text;
mod recent;
mod run_panel;
mod scratchpad;
mod share;
mod side_panel;
mod template_notes;
mod unmocked;
mod waiting;

pub(crate) use data_flow::DataFlowPanel;
pub(crate) use diagnostics::DiagnosticsPanel;
pub(crate) use dialog::Dialog;
pub(crate) use editor::DefinitionEditor;
pub(crate) use embed::Embed;
pub(crate) use graph::GraphPanel;
pub(crate) use header::Header;
pub(crate) use import::ImportButton;
pub(crate) use json_field::JsonField;
pub(crate) use recent::RecentButton;
pub(crate) use run_panel::RunPanel;
pub(crate) use scratchpad::Scratchpad;
pub(crate) use share::{ArrivalBanner, SaveProblemBanner, ShareButton};
pub(crate) use side_panel::SidePanel;
pub(crate) use template_notes::TemplateNotes;
pub(crate) use unmocked::UnmockedTasks;
pub(crate) use waiting::WaitingTasks;
