//! JSONata expressions, parsed and evaluated over `$states.input`, a document that is the rest
//! of the input (after a NUL byte) when it is JSON.
#![no_main]

mod support;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| support::evaluate(data, |text| format!("{{% {text} %}}")));
