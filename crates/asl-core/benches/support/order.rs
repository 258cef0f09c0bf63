//! The benchmarks' input: an order with many lines.

use serde_json::{Value, json};

/// An order of about `bytes` bytes: many order lines.
pub(crate) fn order(bytes: usize) -> Value {
    let mut lines = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < bytes {
        let line = json!({"sku": format!("SKU-{i:06}"), "qty": i % 7, "price": (i * 37) % 1000, "note": "gift wrap please"});
        size += line.to_string().len() + 1;
        lines.push(line);
        i += 1;
    }
    json!({"order": {"id": "A-1", "customer": {"name": "Ada", "tier": "gold"}, "lines": lines}})
}
