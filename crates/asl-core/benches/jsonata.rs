//! JSONata speed: typical Step Functions expressions over a 100 KB input, each parsed once (as
//! the definition is read) and evaluated with `$states` bound, as a state evaluates it; and the
//! conversion of the input to the engine's values alone, which most of that time is.
//!
//! `cargo bench -p asl-core --bench jsonata`

use asl_core::exec::rng::Rng;
use asl_core::jsonata::{Expression, Host, Scope, States};
use asl_core::path::NoVariables;
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;
use std::hint::black_box;

#[path = "support/order.rs"]
mod support;
use support::order;

const EXPRESSIONS: [(&str, &str); 4] = [
    ("field", "$states.input.order.customer.name"),
    ("filter", "$states.input.order.lines[qty > 5].sku"),
    ("aggregate", "$sum($states.input.order.lines.(price * qty))"),
    (
        "object",
        "{'id': $states.input.order.id, 'count': $count($states.input.order.lines), 'big': $count($states.input.order.lines[price > 900])}",
    ),
];

fn expressions(c: &mut Criterion) {
    let (input, context) = (order(100 * 1024), json!({}));
    let mut group = c.benchmark_group("jsonata, 100 KB input");
    for (name, text) in EXPRESSIONS {
        let expression = Expression::parse(text).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut rng = Rng::new(0);
                let states = States::new(black_box(&input), &context);
                let scope = Scope {
                    states: &states,
                    variables: &NoVariables,
                };
                expression
                    .evaluate(
                        &scope,
                        &mut Host {
                            now_millis: 0,
                            rng: &mut rng,
                        },
                    )
                    .unwrap()
            });
        });
    }
    group.bench_function("converting the input alone", |b| {
        b.iter(|| asl_core::jsonata::to_jvalue(black_box(&input)));
    });

    group.finish();
}

criterion_group!(benches, expressions);
criterion_main!(benches);
