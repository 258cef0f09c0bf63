//! The graph written out: as SVG (from the layout), and as Mermaid and Graphviz DOT text (from the
//! states and transitions: their renderers lay them out themselves).

pub(super) mod dot;
pub(super) mod mermaid;
pub(super) mod svg;

use super::extract::{Block, State, TransitionKind};
use std::collections::BTreeMap;

/// The colours of the exports (the page's light theme).
pub(super) mod colour {
    pub(crate) const TEXT: &str = "#16191f";
    pub(crate) const SOFT: &str = "#5f6b7a";
    pub(crate) const BACKGROUND: &str = "#ffffff";
    pub(crate) const CONTAINER: &str = "#f4f5f7";
    pub(crate) const CHOICE_FILL: &str = "#fdf6e3";
    pub(crate) const AMBER: &str = "#8d6605";
    pub(crate) const RED: &str = "#d13212";
    pub(crate) const GREEN: &str = "#037f0c";
}

/// What a state looks like in an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Look {
    Plain,
    Choice,
    Succeed,
    Fail,
}

pub(super) fn look(type_name: &str) -> Look {
    match type_name {
        "Choice" => Look::Choice,
        "Succeed" => Look::Succeed,
        "Fail" => Look::Fail,
        _ => Look::Plain,
    }
}

/// A transition of a block, between two of its states (by index), with its label and whether it
/// is a catcher's.
pub(super) struct Link {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) label: Option<String>,
    pub(super) kind: LinkKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LinkKind {
    Next,
    Choice,
    Catch,
}

/// The transitions of a block that lead to one of its states, in order.
pub(super) fn links(block: &Block) -> Vec<Link> {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, state) in block.states.iter().enumerate() {
        index.entry(state.name.as_str()).or_insert(i);
    }
    let mut links = Vec::new();
    for (from, state) in block.states.iter().enumerate() {
        for transition in &state.transitions {
            let Some(&to) = index.get(transition.to.as_str()) else {
                continue;
            };
            let (label, kind) = match &transition.kind {
                TransitionKind::Next => (None, LinkKind::Next),
                TransitionKind::Choice(rule) => (Some(rule.clone()), LinkKind::Choice),
                TransitionKind::Default => (Some("Default".to_string()), LinkKind::Choice),
                TransitionKind::Catch(errors) => (Some(errors.clone()), LinkKind::Catch),
            };
            links.push(Link {
                from,
                to,
                label,
                kind,
            });
        }
    }
    links
}

/// The index of the block's `StartAt` state.
pub(super) fn start(block: &Block) -> Option<usize> {
    let name = block.start_at.as_deref()?;
    block.states.iter().position(|s| s.name == name)
}

/// The lines of text a state's box shows: its name, its type, its retry policy.
pub(super) fn lines(state: &State) -> Vec<String> {
    let mut lines = vec![state.name.clone(), state.type_name.clone()];
    if let Some(retry) = &state.retry {
        lines.push(format!("↻ {retry}"));
    }
    lines
}
