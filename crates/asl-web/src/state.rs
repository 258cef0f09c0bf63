//! The playground's state: what the user typed (signals) and what the engine says about it
//! (memos).

use asl_core::api::{self, ValidateOptions, Validation};
use asl_core::validate::MachineType;
use leptos::prelude::*;

/// The definition the playground opens with.
const HELLO: &str = include_str!("../../../web/templates/hello-world.asl.json");

/// A range of the definition to select in the editor, in UTF-16 units (what the DOM counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Selection {
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// The 1-based line of `start`, to scroll it into view.
    pub(crate) line: u32,
}

/// All playground state, provided as context.
#[derive(Clone, Copy)]
pub(crate) struct Playground {
    /// The definition text, exactly as typed.
    pub(crate) definition: RwSignal<String>,
    /// STANDARD or EXPRESS.
    pub(crate) machine_type: RwSignal<MachineType>,
    /// The validation of the definition, recomputed as it changes.
    pub(crate) validation: Memo<Validation>,
    /// A request for the editor to select some text (set by a click on a diagnostic).
    pub(crate) selection: RwSignal<Option<Selection>>,
}

impl Playground {
    pub(crate) fn new() -> Self {
        let definition = RwSignal::new(HELLO.to_string());
        let machine_type = RwSignal::new(MachineType::Standard);
        let validation = Memo::new(move |_| {
            let options = ValidateOptions {
                machine_type: machine_type.get(),
                ..ValidateOptions::default()
            };
            definition.with(|text| api::validate(text, &options))
        });
        Playground {
            definition,
            machine_type,
            validation,
            selection: RwSignal::new(None),
        }
    }
}

/// The playground state of the page.
pub(crate) fn use_playground() -> Playground {
    expect_context::<Playground>()
}
