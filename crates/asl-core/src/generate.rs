//! State machines made from bytes, for the fuzzers (`fuzz/`) and the property tests: every byte
//! string gives a definition, most of them valid, that uses every kind of state, both query
//! languages, retries, catchers, loops and nesting, so that whole executions of arbitrary
//! shapes can be run.

use serde_json::{Map, Value, json};

/// Reads choices from bytes; zeros once they run out, so any byte string gives a machine.
#[derive(Debug)]
struct Choices<'a> {
    bytes: &'a [u8],
}

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        match self.bytes.split_first() {
            Some((first, rest)) => {
                self.bytes = rest;
                *first
            }
            None => 0,
        }
    }

    /// A number below `n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }

    fn chance(&mut self, in_four: usize) -> bool {
        self.below(4) < in_four
    }
}

/// A definition made from `bytes` (pretty JSON), and an input for it.
pub fn machine(bytes: &[u8]) -> (String, Value) {
    let mut choices = Choices { bytes };
    let definition = states(&mut choices, 0, "S");
    let input = json!({"n": choices.byte(), "items": [1, {"k": "v"}, [2]], "s": "text"});
    let text = serde_json::to_string_pretty(&definition).unwrap_or_default();
    (text, input)
}

/// A `{StartAt, States}` object of up to eight states named `{prefix}0…`, nested up to two
/// levels deep (Parallel branches and Map processors).
fn states(choices: &mut Choices<'_>, depth: usize, prefix: &str) -> Value {
    let count = 1 + choices.below(if depth == 0 { 8 } else { 3 });
    let name = |i: usize| format!("{prefix}{i}");
    let mut states = Map::new();
    let jsonata = depth == 0 && choices.chance(1);
    // The states form a chain (each reachable from the first); Choice rules and catchers add
    // jumps anywhere, loops included; only the last state ends.
    for i in 0..count {
        let last = i + 1 == count;
        let mut state = state(choices, depth, &name(i), jsonata);
        let kind = state["Type"].as_str().unwrap_or_default().to_string();
        if !last && matches!(kind.as_str(), "Succeed" | "Fail") {
            state = pass(choices, jsonata);
        } else if last && kind == "Choice" {
            state = json!({"Type": "Succeed"});
        }
        match state["Type"].as_str() {
            Some("Succeed" | "Fail") => {}
            Some("Choice") => {
                state["Default"] = json!(name(i + 1));
                let target = name(choices.below(count));
                let rule = if jsonata {
                    json!({"Condition": format!("{{% $states.input.n > {} %}}", choices.byte()), "Next": target})
                } else {
                    json!({"Variable": "$.n", "NumericGreaterThan": choices.byte(), "Next": target})
                };
                state["Choices"] = json!([rule]);
            }
            _ if last => state["End"] = json!(true),
            _ => state["Next"] = json!(name(i + 1)),
        }
        if matches!(state["Type"].as_str(), Some("Task" | "Parallel" | "Map")) && choices.chance(2)
        {
            state["Catch"] = json!([{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error",
                                     "Next": name(choices.below(count))}]);
        }
        states.insert(name(i), state);
    }
    let mut machine = json!({"StartAt": name(0), "States": states});
    if jsonata {
        machine["QueryLanguage"] = json!("JSONata");
    }
    machine
}

/// One state of the kind the next byte picks (its transitions are added by the caller).
fn state(choices: &mut Choices<'_>, depth: usize, name: &str, jsonata: bool) -> Value {
    let kinds = if depth < 2 { 8 } else { 6 };
    match choices.below(kinds) {
        0 => pass(choices, jsonata),
        1 => json!({"Type": "Choice"}),
        2 => json!({"Type": "Wait", "Seconds": choices.below(3)}),
        3 => json!({"Type": "Succeed"}),
        4 => json!({"Type": "Fail", "Error": "Generated", "Cause": format!("{name} failed")}),
        5 => task(choices, jsonata),
        6 => json!({
            "Type": "Parallel",
            "Branches": [
                states(choices, depth + 1, &format!("{name}a")),
                states(choices, depth + 1, &format!("{name}b")),
            ],
        }),
        _ => {
            let mut map = json!({
                "Type": "Map",
                "ItemProcessor": states(choices, depth + 1, &format!("{name}m")),
            });
            if jsonata {
                map["Items"] = json!("{% $states.input.items %}");
            } else {
                map["ItemsPath"] = json!("$.items");
                map["ItemSelector"] =
                    json!({"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"});
            }
            if choices.chance(1) {
                map["MaxConcurrency"] = json!(choices.below(3));
            }
            map
        }
    }
}

fn pass(choices: &mut Choices<'_>, jsonata: bool) -> Value {
    if jsonata {
        return match choices.below(3) {
            0 => json!({"Type": "Pass", "Output": "{% $states.input %}"}),
            1 => json!({"Type": "Pass", "Assign": {"seen": "{% $states.input.n %}"},
                        "Output": {"n": "{% ($exists($seen) ? $seen : 0) + 1 %}", "items": "{% $states.input.items %}"}}),
            _ => json!({"Type": "Pass", "Output": {"n": "{% $states.input.n / 0 %}"}}),
        };
    }
    match choices.below(4) {
        0 => json!({"Type": "Pass"}),
        1 => json!({"Type": "Pass", "Result": {"r": choices.byte()}, "ResultPath": "$.r"}),
        2 => json!({"Type": "Pass", "Parameters": {
            "n.$": "States.MathAdd($.n, 1)", "items.$": "$.items",
            "u.$": "States.UUID()", "f.$": "States.Format('{}', $.s)"}}),
        _ => json!({"Type": "Pass", "InputPath": "$.missing"}),
    }
}

fn task(choices: &mut Choices<'_>, jsonata: bool) -> Value {
    let mut task = json!({
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
    });
    let function = "arn:aws:lambda:us-east-1:123456789012:function:generated:live";
    if jsonata {
        task["Arguments"] = json!({"FunctionName": function, "Payload": "{% $states.input %}"});
    } else {
        task["Parameters"] = json!({"FunctionName": function, "Payload.$": "$"});
    }
    if choices.chance(2) {
        task["Retry"] = json!([{
            "ErrorEquals": ["States.ALL"],
            "IntervalSeconds": 1 + choices.below(3),
            "MaxAttempts": choices.below(3),
            "BackoffRate": 2,
            "JitterStrategy": if choices.chance(2) { "FULL" } else { "NONE" },
        }]);
    }
    if choices.chance(1) {
        task["TimeoutSeconds"] = json!(1 + choices.below(5));
    }
    task
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_string_gives_a_definition() {
        for bytes in [&[][..], &[0; 64], &[255; 64], b"anything at all"] {
            let (text, input) = machine(bytes);
            assert!(text.contains("\"StartAt\""));
            assert!(input.is_object());
        }
    }

    #[test]
    fn most_definitions_are_valid() {
        let valid = (0..200u32)
            .filter(|seed| {
                let bytes: Vec<u8> = (0..64)
                    .map(|i| (seed.wrapping_mul(2_654_435_761).wrapping_add(i * 40_503) >> 7) as u8)
                    .collect();
                let (text, _) = machine(&bytes);
                crate::api::validate(&text, &crate::api::ValidateOptions::default()).ok
            })
            .count();
        assert!(
            valid > 100,
            "only {valid} of 200 generated definitions are valid"
        );
    }
}
