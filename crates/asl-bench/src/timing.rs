//! Timing the way bench/timing.mjs times the JavaScript side: a warm-up run, then samples until
//! both a minimum count and a minimum total time are reached; the median sample is reported.
//! Work faster than a millisecond is timed in batches (a sample is a batch's time divided by its
//! size), as the browser side must.

// Measuring is this harness's whole job, so it reads the wall clock the engine never may.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)]

use std::time::Instant;

/// At least this many samples…
const MIN_SAMPLES: usize = 5;
/// …and at least this long in all…
const MIN_TOTAL_MS: f64 = 1000.0;
/// …but no more samples than this.
const MAX_SAMPLES: usize = 200;
/// A sample lasts at least this long: faster work is run in batches…
const MIN_SAMPLE_MS: f64 = 2.0;
/// …of at most this many runs.
const MAX_BATCH: usize = 1 << 16;

/// The median time of `work` in milliseconds, the number of timed runs, and what the last run
/// returned (summarised by the caller, outside the timed runs).
pub(crate) fn measure<T>(mut work: impl FnMut() -> T) -> (f64, usize, T) {
    // Warm up, and find the batch size: doubled until a batch lasts a sample's minimum.
    let mut last = work();
    let mut batch = 1;
    loop {
        let start = Instant::now();
        for _ in 0..batch {
            last = std::hint::black_box(work());
        }
        if start.elapsed().as_secs_f64() * 1000.0 >= MIN_SAMPLE_MS || batch >= MAX_BATCH {
            break;
        }
        batch *= 2;
    }
    let mut samples = Vec::new();
    let mut total = 0.0;
    while samples.len() < MIN_SAMPLES || (total < MIN_TOTAL_MS && samples.len() < MAX_SAMPLES) {
        let start = Instant::now();
        for _ in 0..batch {
            last = std::hint::black_box(work());
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        total += ms;
        samples.push(ms / batch as f64);
    }
    samples.sort_by(f64::total_cmp);
    (samples[samples.len() / 2], samples.len() * batch, last)
}

/// A short, comparable summary of a result's JSON text: the text when short, else its length
/// (bench/timing.mjs's `summary`).
pub(crate) fn summary(json: &str) -> String {
    if json.chars().count() <= 100 {
        json.to_string()
    } else {
        format!("{} chars of JSON", json.chars().count())
    }
}
