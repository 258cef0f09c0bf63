//! What the world does to a running execution: answers to callback and activity tasks
//! (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat, GetActivityTask), the clock moving on,
//! StopExecution and RedriveExecution.
//!
//! A run takes its actions as a list and applies them in order whenever no state can move by
//! itself, so the same list always gives the same execution: the playground resumes a waiting
//! execution by running it again with one more action, and a CLI script is such a list:
//!
//! ```json
//! [ {"state": "Approve", "success": {"approved": true}},
//!   {"state": "Worker", "heartbeat": true},
//!   {"advance": 30},
//!   {"token": "AQC…", "failure": {"error": "Rejected", "cause": "by Ada"}},
//!   {"getActivityTask": "arn:aws:states:us-east-1:123456789012:activity:work", "worker": "w-1"},
//!   {"stop": {"error": "Cancelled"}},
//!   {"redrive": true} ]
//! ```

use serde_json::{Map, Value, json};

/// One thing the world does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat for a waiting task.
    Answer {
        /// Which task.
        target: Target,
        /// What it is told.
        answer: Answer,
    },
    /// The virtual clock moves on by this many seconds (timers that fall due fire).
    Advance {
        /// Seconds.
        seconds: u64,
    },
    /// A worker polls an activity (GetActivityTask): the oldest task waiting for it starts.
    GetActivityTask {
        /// The activity's ARN.
        activity: String,
        /// The worker's name (`ActivityStarted.workerName`).
        worker: Option<String>,
    },
    /// StopExecution.
    Stop {
        /// Its error.
        error: Option<String>,
        /// Its cause.
        cause: Option<String>,
    },
    /// RedriveExecution: a failed execution restarts from the state that failed.
    Redrive,
}

/// Which waiting task an answer is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The task token (as `$$.Task.Token` gave it).
    Token(String),
    /// The task waiting in this state; `attempt` (from 1) picks among its successive waits
    /// (retries, loops); without it, the one waiting now.
    State {
        /// The state's name.
        name: String,
        /// Which of its waits.
        attempt: Option<u64>,
    },
}

/// What a waiting task is told.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// SendTaskSuccess with this output.
    Success(Value),
    /// SendTaskFailure.
    Failure {
        /// Its error.
        error: Option<String>,
        /// Its cause.
        cause: Option<String>,
    },
    /// SendTaskHeartbeat.
    Heartbeat,
}

/// An action the run could not take, as AWS's API would have refused it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionError {
    /// The action's index in the list.
    pub action: usize,
    /// AWS's error code (`TaskDoesNotExist`, `InvalidToken`, `TaskTimedOut`…), or `Playground`
    /// for a script that asks what cannot happen.
    pub code: String,
    /// The message.
    pub message: String,
}

impl ActionError {
    /// As JSON.
    pub fn to_json(&self) -> Value {
        json!({ "action": self.action, "code": self.code, "message": self.message })
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_string)
}

impl Action {
    /// Read one action of a script.
    pub fn from_json(value: &Value) -> Result<Action, String> {
        let object = value
            .as_object()
            .ok_or("an action is a JSON object, like {\"state\": \"Approve\", \"success\": {}}")?;
        if let Some(seconds) = object.get("advance") {
            return seconds
                .as_u64()
                .map(|seconds| Action::Advance { seconds })
                .ok_or_else(|| "\"advance\" takes a whole number of seconds".to_string());
        }
        if let Some(activity) = object.get("getActivityTask") {
            let activity = activity
                .as_str()
                .ok_or("\"getActivityTask\" takes the activity's ARN")?;
            return Ok(Action::GetActivityTask {
                activity: activity.to_string(),
                worker: text(object.get("worker")),
            });
        }
        if let Some(stop) = object.get("stop") {
            return Ok(Action::Stop {
                error: text(stop.get("error")),
                cause: text(stop.get("cause")),
            });
        }
        if object.get("redrive").is_some() {
            return Ok(Action::Redrive);
        }
        let target = match (object.get("token"), object.get("state")) {
            (Some(Value::String(token)), _) => Target::Token(token.clone()),
            (None, Some(Value::String(name))) => Target::State {
                name: name.clone(),
                attempt: object.get("attempt").and_then(Value::as_u64),
            },
            _ => {
                return Err(
                    "an action names a \"state\" or a \"token\", or is one of \"advance\", \
                     \"getActivityTask\", \"stop\", \"redrive\""
                        .into(),
                );
            }
        };
        let answer = if let Some(output) = object.get("success") {
            Answer::Success(output.clone())
        } else if let Some(failure) = object.get("failure") {
            Answer::Failure {
                error: text(failure.get("error")),
                cause: text(failure.get("cause")),
            }
        } else if object.get("heartbeat").is_some() {
            Answer::Heartbeat
        } else {
            return Err("an answer is \"success\", \"failure\" or \"heartbeat\"".into());
        };
        Ok(Action::Answer { target, answer })
    }

    /// The action as a script writes it.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        match self {
            Action::Answer { target, answer } => {
                match target {
                    Target::Token(token) => {
                        out.insert("token".into(), json!(token));
                    }
                    Target::State { name, attempt } => {
                        out.insert("state".into(), json!(name));
                        if let Some(attempt) = attempt {
                            out.insert("attempt".into(), json!(attempt));
                        }
                    }
                }
                match answer {
                    Answer::Success(output) => out.insert("success".into(), output.clone()),
                    Answer::Failure { error, cause } => {
                        out.insert("failure".into(), json!({ "error": error, "cause": cause }))
                    }
                    Answer::Heartbeat => out.insert("heartbeat".into(), json!(true)),
                };
            }
            Action::Advance { seconds } => {
                out.insert("advance".into(), json!(seconds));
            }
            Action::GetActivityTask { activity, worker } => {
                out.insert("getActivityTask".into(), json!(activity));
                if let Some(worker) = worker {
                    out.insert("worker".into(), json!(worker));
                }
            }
            Action::Stop { error, cause } => {
                out.insert("stop".into(), json!({ "error": error, "cause": cause }));
            }
            Action::Redrive => {
                out.insert("redrive".into(), json!(true));
            }
        }
        Value::Object(out)
    }
}

/// Read a script: a JSON array of actions. The error names the action that is wrong.
pub fn actions_from_json(value: &Value) -> Result<Vec<Action>, String> {
    let items = value
        .as_array()
        .ok_or("the callbacks script is a JSON array of actions")?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| Action::from_json(item).map_err(|e| format!("action {i}: {e}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_read_back_what_they_write() {
        let script = json!([
            {"state": "Approve", "success": {"approved": true}},
            {"state": "Approve", "attempt": 2, "failure": {"error": "E", "cause": "c"}},
            {"token": "AQCxyz", "heartbeat": true},
            {"advance": 30},
            {"getActivityTask": "arn:aws:states:us-east-1:123456789012:activity:a", "worker": "w"},
            {"stop": {"error": "Cancelled", "cause": null}},
            {"redrive": true}
        ]);
        let actions = actions_from_json(&script).unwrap();
        assert_eq!(actions.len(), 7);
        let written: Vec<Value> = actions.iter().map(Action::to_json).collect();
        assert_eq!(actions_from_json(&Value::Array(written)).unwrap(), actions);
        let bad = actions_from_json(&json!([{"state": "A"}])).unwrap_err();
        assert!(bad.starts_with("action 0: an answer is"), "{bad}");
        assert!(actions_from_json(&json!({"state": "A"})).is_err());
    }
}
