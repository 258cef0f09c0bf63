//! Intrinsic functions: `States.` and the fuzzer's text, parsed and evaluated over a document
//! that is the rest of the input (after a NUL byte) when it is JSON.
#![no_main]

mod support;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| support::evaluate(data, |text| format!("States.{text}")));
