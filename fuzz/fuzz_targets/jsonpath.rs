//! JSONPath parsing and evaluation: `$` and the fuzzer's text, over a document that is the rest
//! of the input (after a NUL byte) when it is JSON.
#![no_main]

mod support;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| support::evaluate(data, |text| format!("${text}")));
