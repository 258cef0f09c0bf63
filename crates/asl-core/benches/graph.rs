//! Graph layout speed: the page lays the machine out again after every edit that settles, so a
//! large definition must lay out well within a keystroke.
//!
//! `cargo bench -p asl-core --bench graph`

use asl_core::graph::graph;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "support/machine.rs"]
mod machine;

fn bench(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/templates/gallery");
    // The largest template of the gallery (by lines).
    let (largest, template) = std::fs::read_dir(&root)
        .expect("the gallery")
        .filter_map(Result::ok)
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path().join("definition.asl.json")).ok()?;
            Some((e.file_name().to_string_lossy().into_owned(), text))
        })
        .max_by_key(|(name, text)| (text.lines().count(), name.clone()))
        .expect("a template");
    let thousand = machine::definition(1000);
    let mut group = c.benchmark_group("graph layout");
    group.sample_size(20);
    group.bench_function(
        format!("{largest} ({} lines)", template.lines().count()),
        |b| {
            b.iter(|| graph(black_box(&template)));
        },
    );
    group.bench_function(format!("{} lines", thousand.lines().count()), |b| {
        b.iter(|| graph(black_box(&thousand)));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
