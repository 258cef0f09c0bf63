//! Validation: any text gives diagnostics, each with a message and a span inside the text.
#![no_main]

use asl_core::api::{ValidateOptions, validate};
use asl_core::validate::MachineType;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for machine_type in [MachineType::Standard, MachineType::Express] {
        let options = ValidateOptions {
            machine_type,
            ..ValidateOptions::default()
        };
        for located in validate(text, &options).diagnostics {
            let span = located
                .diagnostic
                .span
                .expect("every diagnostic has a span");
            assert!(span.start <= span.end && span.end as usize <= text.len());
            assert!(text.is_char_boundary(span.start as usize));
            assert!(text.is_char_boundary(span.end as usize));
            assert!(!located.diagnostic.message.is_empty());
        }
    }
});
