//! The definition reader, as JSON and as YAML: any text is read or refused with a message.
#![no_main]

use asl_core::source::{Format, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for format in [None, Some(Format::Json), Some(Format::Yaml)] {
        if let Err(diagnostic) = read(text, format) {
            assert!(!diagnostic.message.is_empty());
        }
    }
});
