//! Whole executions of generated machines (asl_core::generate): every kind of state, both query
//! languages, loops and nesting. A run never panics and is the same twice. (300 transitions at
//! most: endless loops are common among generated machines, and each run is made twice.)
#![no_main]

use asl_core::exec::run::{Limits, RunOptions, run_definition};
use asl_core::generate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (seed, bytes) = match data.split_first_chunk::<8>() {
        Some((seed, rest)) => (u64::from_le_bytes(*seed), rest),
        None => (0, data),
    };
    let (text, input) = generate::machine(bytes);
    let options = || RunOptions {
        seed,
        limits: Limits {
            max_transitions: 300,
            ..Limits::default()
        },
        ..RunOptions::default()
    };
    let first = run_definition(&text, input.clone(), options()).map(|e| e.to_json().to_string());
    let second = run_definition(&text, input, options()).map(|e| e.to_json().to_string());
    match (first, second) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert_eq!(a.0, b.0),
        (a, b) => panic!("{a:?} then {b:?}"),
    }
});
