//! Mocked task outcomes, in the Step Functions Local `MockConfigFile` format, verbatim:
//!
//! ```json
//! { "StateMachines": { "<machine>": { "TestCases": { "<case>": { "<TaskState>": "<response>" } } } },
//!   "MockedResponses": { "<response>": { "0": { "Return": … }, "1-2": { "Throw": { "Error": …, "Cause": … } } } } }
//! ```
//!
//! A response's keys are zero-based invocation numbers (`"N"` or the inclusive range `"N-M"`),
//! consecutive from 0. Each Task state keeps one invocation counter for the whole execution:
//! retries, Map iterations and Parallel branches all count.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A problem in a mock configuration: where (a JSON pointer into the file) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockError {
    /// The JSON pointer of the offending value (`""` for the whole file).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for MockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pointer.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{} (at {})", self.message, self.pointer)
        }
    }
}

fn problem(pointer: impl Into<String>, message: impl Into<String>) -> MockError {
    MockError {
        pointer: pointer.into(),
        message: message.into(),
    }
}

/// One mocked invocation: the task returns a value or throws an error.
#[derive(Clone, Debug, PartialEq)]
pub enum MockOutcome {
    /// `{"Return": value}`.
    Return(Value),
    /// `{"Throw": {"Error": …, "Cause": …}}`. Either may be `null` (the playground's addition):
    /// a callback answered by SendTaskFailure with neither, as AWS records it.
    Throw {
        /// `Error`.
        error: Option<String>,
        /// `Cause`.
        cause: Option<String>,
    },
}

/// A named response: the outcome of each invocation, by range.
#[derive(Clone, Debug, PartialEq)]
pub struct MockedResponse {
    /// `(first, last, outcome)`, inclusive, sorted, consecutive from 0.
    ranges: Vec<(u64, u64, MockOutcome)>,
}

impl MockedResponse {
    /// The outcome of invocation `n` (zero-based), if the response has one.
    pub fn outcome(&self, n: u64) -> Option<&MockOutcome> {
        // The ranges are sorted and consecutive: the one holding `n` is the last starting at or
        // before it (a response of a thousand entries is searched, not scanned).
        let after = self.ranges.partition_point(|(first, _, _)| *first <= n);
        let (_, last, outcome) = self.ranges.get(after.checked_sub(1)?)?;
        (n <= *last).then_some(outcome)
    }

    /// How many invocations the response covers.
    pub fn len(&self) -> u64 {
        self.ranges.last().map_or(0, |(_, last, _)| last + 1)
    }

    /// True when it covers no invocation.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

/// A whole `MockConfigFile`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MockConfig {
    /// Machine name → test case name → state name → response name.
    machines: BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>>,
    /// Response name → response.
    responses: BTreeMap<String, MockedResponse>,
}

impl MockConfig {
    /// Read a configuration, checking it as Step Functions Local does.
    pub fn from_json(root: &Value) -> Result<MockConfig, MockError> {
        let top = object(root, "")?;
        for key in top.keys() {
            if key != "StateMachines" && key != "MockedResponses" {
                return Err(problem(
                    pointer(&["", key]),
                    format!(
                        "Unknown field '{key}': a mock configuration has only StateMachines and MockedResponses"
                    ),
                ));
            }
        }
        let mut config = MockConfig::default();
        if let Some(responses) = top.get("MockedResponses") {
            for (name, response) in object(responses, "/MockedResponses")? {
                let at = pointer(&["", "MockedResponses", name]);
                config
                    .responses
                    .insert(name.clone(), mocked_response(response, &at)?);
            }
        }
        if let Some(machines) = top.get("StateMachines") {
            for (machine, body) in object(machines, "/StateMachines")? {
                let at = pointer(&["", "StateMachines", machine]);
                let body = object(body, &at)?;
                let mut cases = BTreeMap::new();
                for (key, value) in body {
                    if key != "TestCases" {
                        return Err(problem(
                            pointer(&["", "StateMachines", machine, key]),
                            format!("Unknown field '{key}': a state machine has only TestCases"),
                        ));
                    }
                    for (case, states) in object(value, &format!("{at}/TestCases"))? {
                        let case_at = pointer(&["", "StateMachines", machine, "TestCases", case]);
                        let mut mapping = BTreeMap::new();
                        for (state, response) in object(states, &case_at)? {
                            let state_at = format!("{case_at}/{}", escape(state));
                            let Some(response) = response.as_str() else {
                                return Err(problem(
                                    state_at,
                                    "A test case maps a state name to the name of a mocked response (a string)",
                                ));
                            };
                            if !config.responses.contains_key(response) {
                                return Err(problem(
                                    state_at,
                                    format!(
                                        "No mocked response named '{response}' in MockedResponses"
                                    ),
                                ));
                            }
                            mapping.insert(state.clone(), response.to_string());
                        }
                        cases.insert(case.clone(), mapping);
                    }
                }
                config.machines.insert(machine.clone(), cases);
            }
        }
        Ok(config)
    }

    /// The names of the state machines the configuration describes.
    pub fn machine_names(&self) -> impl Iterator<Item = &str> {
        self.machines.keys().map(String::as_str)
    }

    /// The names of the test cases of `machine`.
    pub fn test_case_names(&self, machine: &str) -> impl Iterator<Item = &str> {
        self.machines
            .get(machine)
            .into_iter()
            .flat_map(|cases| cases.keys().map(String::as_str))
    }

    /// The mocks of one test case, ready for a run.
    pub fn test_case(&self, machine: &str, case: &str) -> Result<Mocks, MockError> {
        let Some(cases) = self.machines.get(machine) else {
            let known: Vec<&str> = self.machine_names().collect();
            return Err(problem(
                "/StateMachines",
                format!(
                    "The mock configuration has no state machine named '{machine}' (it has: {})",
                    list(&known)
                ),
            ));
        };
        let Some(states) = cases.get(case) else {
            let known: Vec<&str> = cases.keys().map(String::as_str).collect();
            return Err(problem(
                pointer(&["", "StateMachines", machine, "TestCases"]),
                format!(
                    "The state machine '{machine}' has no test case named '{case}' (it has: {})",
                    list(&known)
                ),
            ));
        };
        let by_state = states
            .iter()
            .map(|(state, response)| {
                (
                    state.clone(),
                    (response.clone(), self.responses[response].clone()),
                )
            })
            .collect();
        Ok(Mocks {
            test_case: case.to_string(),
            by_state,
            counters: BTreeMap::new(),
        })
    }
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// A JSON pointer from its (unescaped) tokens; the first token is the empty root.
fn pointer(tokens: &[&str]) -> String {
    tokens
        .iter()
        .map(|t| escape(t))
        .collect::<Vec<_>>()
        .join("/")
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn object<'v>(value: &'v Value, at: &str) -> Result<&'v Map<String, Value>, MockError> {
    value
        .as_object()
        .ok_or_else(|| problem(at, "Expected a JSON object"))
}

fn mocked_response(value: &Value, at: &str) -> Result<MockedResponse, MockError> {
    let mut ranges = Vec::new();
    for (key, outcome) in object(value, at)? {
        let key_at = format!("{at}/{}", escape(key));
        let (first, last) = invocation_range(key).ok_or_else(|| {
            problem(
                &key_at,
                format!(
                    "'{key}' is not an invocation number: use \"N\" or an inclusive range \"N-M\" (zero-based)"
                ),
            )
        })?;
        ranges.push((first, last, mock_outcome(outcome, &key_at)?));
    }
    ranges.sort_by_key(|(first, _, _)| *first);
    let mut expected = 0;
    for (first, last, _) in &ranges {
        if *first != expected {
            return Err(problem(
                at,
                format!(
                    "Mock responses must be consecutively numbered from 0: invocation {expected} has no response"
                ),
            ));
        }
        expected = last + 1;
    }
    if ranges.is_empty() {
        return Err(problem(
            at,
            "A mocked response needs at least invocation \"0\"",
        ));
    }
    Ok(MockedResponse { ranges })
}

fn invocation_range(key: &str) -> Option<(u64, u64)> {
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    match key.split_once('-') {
        None => number(key).map(|n| (n, n)),
        Some((a, b)) => {
            let (a, b) = (number(a)?, number(b)?);
            (a <= b).then_some((a, b))
        }
    }
}

fn mock_outcome(value: &Value, at: &str) -> Result<MockOutcome, MockError> {
    let fields = object(value, at)?;
    match (fields.get("Return"), fields.get("Throw"), fields.len()) {
        (Some(_), Some(_), _) => Err(problem(
            at,
            "A response cannot contain both Return and Throw",
        )),
        (Some(result), None, 1) => Ok(MockOutcome::Return(result.clone())),
        (None, Some(throw), 1) => {
            let throw_at = format!("{at}/Throw");
            let throw = object(throw, &throw_at)?;
            let text = |key: &str| match throw.get(key) {
                Some(Value::String(text)) => Ok(Some(text.clone())),
                Some(Value::Null) => Ok(None),
                _ => Err(problem(
                    format!("{throw_at}/{key}"),
                    format!("Throw needs {key} as a string (or null)"),
                )),
            };
            Ok(MockOutcome::Throw {
                error: text("Error")?,
                cause: text("Cause")?,
            })
        }
        _ => Err(problem(
            at,
            "A response must contain exactly one of Return or Throw",
        )),
    }
}

/// What a mocked invocation gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Invocation<'m> {
    /// The state is not in the test case.
    NotMocked,
    /// The state's response has no entry for this invocation.
    Exhausted {
        /// The response's name.
        response: &'m str,
        /// The zero-based invocation number.
        invocation: u64,
    },
    /// The outcome.
    Outcome(&'m MockOutcome),
}

/// The mocks of one test case, with the invocation counter of each state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mocks {
    test_case: String,
    by_state: BTreeMap<String, (String, MockedResponse)>,
    counters: BTreeMap<String, u64>,
}

impl Mocks {
    /// The test case's name.
    pub fn test_case(&self) -> &str {
        &self.test_case
    }

    /// True when `state` has a mocked response.
    pub fn mocks(&self, state: &str) -> bool {
        self.by_state.contains_key(state)
    }

    /// Invoke `state` once more: its next outcome.
    pub fn invoke(&mut self, state: &str) -> Invocation<'_> {
        let Some((name, response)) = self.by_state.get(state) else {
            return Invocation::NotMocked;
        };
        let counter = self.counters.entry(state.to_string()).or_insert(0);
        let n = *counter;
        *counter += 1;
        match response.outcome(n) {
            Some(outcome) => Invocation::Outcome(outcome),
            None => Invocation::Exhausted {
                response: name,
                invocation: n,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn aws_doc_example() -> Value {
        json!({
            "StateMachines": {
                "LambdaSQSIntegration": {
                    "TestCases": {
                        "HappyPath": {"LambdaState": "MockedLambdaSuccess", "SQSState": "MockedSQSSuccess"},
                        "RetryPath": {"LambdaState": "MockedLambdaRetry", "SQSState": "MockedSQSSuccess"}
                    }
                }
            },
            "MockedResponses": {
                "MockedLambdaSuccess": {"0": {"Return": {"StatusCode": 200, "Payload": {"StatusCode": 200}}}},
                "MockedSQSSuccess": {"0": {"Return": {"MessageId": "a", "MD5OfMessageBody": "b"}}},
                "MockedLambdaRetry": {
                    "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "not ready"}},
                    "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "timeout"}},
                    "3": {"Return": {"StatusCode": 200, "Payload": {"ok": true}}}
                }
            }
        })
    }

    #[test]
    fn ranges_give_each_invocation_its_outcome_then_run_out() {
        let config = MockConfig::from_json(&aws_doc_example()).unwrap();
        let mut mocks = config
            .test_case("LambdaSQSIntegration", "RetryPath")
            .unwrap();
        let names: Vec<String> = (0..5)
            .map(|_| match mocks.invoke("LambdaState") {
                Invocation::Outcome(MockOutcome::Throw { error, .. }) => {
                    error.clone().unwrap_or_default()
                }
                Invocation::Outcome(MockOutcome::Return(_)) => "Return".into(),
                Invocation::Exhausted { invocation, .. } => format!("exhausted at {invocation}"),
                Invocation::NotMocked => "not mocked".into(),
            })
            .collect();
        assert_eq!(
            names,
            [
                "Lambda.ResourceNotReadyException",
                "Lambda.TimeoutException",
                "Lambda.TimeoutException",
                "Return",
                "exhausted at 4"
            ]
        );
        assert_eq!(mocks.invoke("Other"), Invocation::NotMocked);
    }

    #[test]
    fn bad_files_are_explained_with_a_pointer() {
        let cases = [
            (json!({"Mocks": {}}), "/Mocks", "Unknown field 'Mocks'"),
            (
                json!({"MockedResponses": {"R": {"1": {"Return": 1}}}}),
                "/MockedResponses/R",
                "invocation 0 has no response",
            ),
            (
                json!({"MockedResponses": {"R": {"0": {"Return": 1, "Throw": {}}}}}),
                "/MockedResponses/R/0",
                "both Return and Throw",
            ),
            (
                json!({"MockedResponses": {"R": {"0": {"Throw": {"Error": "E"}}}}}),
                "/MockedResponses/R/0/Throw/Cause",
                "Throw needs Cause",
            ),
            (
                json!({"MockedResponses": {"R": {"x": {"Return": 1}}}}),
                "/MockedResponses/R/x",
                "not an invocation number",
            ),
            (
                json!({"StateMachines": {"M": {"TestCases": {"C": {"S": "Missing"}}}}, "MockedResponses": {}}),
                "/StateMachines/M/TestCases/C/S",
                "No mocked response named 'Missing'",
            ),
        ];
        for (file, at, message) in cases {
            let e = MockConfig::from_json(&file).unwrap_err();
            assert_eq!(e.pointer, at, "{file}");
            assert!(e.message.contains(message), "{e}");
        }
        let config = MockConfig::from_json(&aws_doc_example()).unwrap();
        let e = config
            .test_case("LambdaSQSIntegration", "Nope")
            .unwrap_err();
        assert!(e.message.contains("(it has: HappyPath, RetryPath)"), "{e}");
    }
}
