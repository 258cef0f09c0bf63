//! Validation speed: the budget is a keystroke (the playground validates on every edit).
//!
//! `cargo bench -p asl-core --bench validate`

use asl_core::api::{self, ValidateOptions};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "support/machine.rs"]
mod machine;
use machine::definition;

fn bench(c: &mut Criterion) {
    let text = definition(1000);
    let options = ValidateOptions::default();
    assert!(
        api::validate(&text, &options).ok,
        "the benchmark definition must be valid"
    );
    let mut group = c.benchmark_group(format!("validate {} lines", text.lines().count()));
    group.bench_function("read", |b| {
        b.iter(|| asl_core::json::parse(black_box(&text)).unwrap());
    });
    group.bench_function("read + validate", |b| {
        b.iter(|| api::validate(black_box(&text), &options));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
