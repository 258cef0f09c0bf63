//! Building the model from a definition that validated without error.

use super::template::Template;
use super::{
    Assign, Catcher, Choice, ChoiceRule, CompiledPath, Condition, Count, Fail, FailField, Machine,
    Map, Operand, Parallel, Pass, PathField, QueryLanguage, ResultFields, ResultPath, Retrier,
    Seconds, State, StateKind, Task, Transition, Wait,
};
use crate::intrinsic;
use crate::json::{Kind, Node, Object};
use crate::jsonata;
use crate::path;
use crate::resource::Resource;
use serde_json::Value;

/// A definition that does not fit the model. Validation reports every such problem first, so
/// this is only seen when a caller skips validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError(pub String);

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type Result<T> = std::result::Result<T, BuildError>;

fn error(message: impl Into<String>) -> BuildError {
    BuildError(message.into())
}

/// Build a whole machine from its (validated) tree.
pub fn build_machine(root: &Node) -> Result<Machine> {
    let object = root
        .as_object()
        .ok_or_else(|| error("the definition is not an object"))?;
    let language = match object.get("QueryLanguage").and_then(Node::as_str) {
        Some("JSONata") => QueryLanguage::Jsonata,
        _ => QueryLanguage::JsonPath,
    };
    let mut machine = block(object, language)?;
    machine.timeout_seconds = object
        .get("TimeoutSeconds")
        .and_then(|n| n.as_number()?.as_i64())
        .map(|n| n as u64);
    Ok(machine)
}

/// Build one state (TestState tests a state on its own), in a machine of `language`.
pub fn build_state(name: &str, node: &Node, language: QueryLanguage) -> Result<State> {
    state(name, node, language)
}

/// A `States` block whose states default to `language`.
fn block(object: &Object, language: QueryLanguage) -> Result<Machine> {
    let start_at = object
        .get("StartAt")
        .and_then(Node::as_str)
        .ok_or_else(|| error("no StartAt"))?;
    let states_node = object
        .get("States")
        .and_then(Node::as_object)
        .ok_or_else(|| error("no States"))?;
    let states = states_node
        .effective()
        .map(|m| state(&m.key.name, &m.value, language))
        .collect::<Result<Vec<_>>>()?;
    Ok(Machine {
        start_at: start_at.to_string(),
        states,
        timeout_seconds: None,
        query_language: language,
    })
}

fn state(name: &str, node: &Node, inherited: QueryLanguage) -> Result<State> {
    let object = node
        .as_object()
        .ok_or_else(|| error(format!("state '{name}' is not an object")))?;
    let get = |key: &str| object.get(key);
    let language = match get("QueryLanguage").and_then(Node::as_str) {
        Some("JSONata") => QueryLanguage::Jsonata,
        Some(_) => QueryLanguage::JsonPath,
        None => inherited,
    };
    let transition = match (
        get("Next").and_then(Node::as_str),
        get("End").and_then(Node::as_bool),
    ) {
        (Some(next), _) => Transition::Next(next.to_string()),
        (None, Some(true)) => Transition::End,
        _ => Transition::None,
    };
    let kind = match get("Type").and_then(Node::as_str) {
        Some("Pass") => StateKind::Pass(Pass {
            parameters: template(get("Parameters"))?,
            result: get("Result").map(Node::to_value),
            result_path: result_path(get("ResultPath"))?,
        }),
        Some("Task") => StateKind::Task(Box::new(Task {
            resource: resource(get("Resource"))?,
            fields: result_fields(object, "Parameters", language)?,
            timeout: seconds(get("TimeoutSeconds"), get("TimeoutSecondsPath"))?,
            heartbeat: seconds(get("HeartbeatSeconds"), get("HeartbeatSecondsPath"))?,
            credentials: get("Credentials").map(Node::to_value),
        })),
        Some("Choice") => StateKind::Choice(Choice {
            choices: get("Choices")
                .and_then(Node::as_array)
                .unwrap_or_default()
                .iter()
                .map(|rule| choice_rule(rule, language))
                .collect::<Result<_>>()?,
            default: get("Default").and_then(Node::as_str).map(str::to_string),
        }),
        Some("Wait") => StateKind::Wait(wait(object)?),
        Some("Succeed") => StateKind::Succeed,
        Some("Fail") => StateKind::Fail(Fail {
            error: fail_field(get("Error"), get("ErrorPath"))?,
            cause: fail_field(get("Cause"), get("CausePath"))?,
        }),
        Some("Parallel") => StateKind::Parallel(Box::new(Parallel {
            branches: get("Branches")
                .and_then(Node::as_array)
                .unwrap_or_default()
                .iter()
                .map(|branch| {
                    let branch = branch
                        .as_object()
                        .ok_or_else(|| error("a branch is not an object"))?;
                    let branch_language = match branch.get("QueryLanguage").and_then(Node::as_str) {
                        Some("JSONata") => QueryLanguage::Jsonata,
                        Some(_) => QueryLanguage::JsonPath,
                        None => inherited,
                    };
                    block(branch, branch_language)
                })
                .collect::<Result<_>>()?,
            fields: result_fields(object, "Parameters", language)?,
        })),
        Some("Map") => StateKind::Map(Box::new(map(object, language, inherited)?)),
        other => {
            return Err(error(format!(
                "state '{name}' has an unknown Type {other:?}"
            )));
        }
    };
    Ok(State {
        name: name.into(),
        span: node.span,
        query_language: language,
        input_path: path_field(get("InputPath"))?,
        output_path: path_field(get("OutputPath"))?,
        assign: get("Assign").map(|n| assign(n, language)).transpose()?,
        output: jsonata_field(get("Output")),
        transition,
        kind,
        reads_context: mentions_context(node),
    })
}

/// True when a string anywhere in `node` mentions the context object.
fn mentions_context(node: &Node) -> bool {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.kind {
            Kind::String(s) if s.value.contains("$$") || s.value.contains("$states.context") => {
                return true;
            }
            Kind::Array(items) => stack.extend(items),
            Kind::Object(object) => stack.extend(object.members.iter().map(|m| &m.value)),
            _ => {}
        }
    }
    false
}

/// A JSONata field, compiled (its expressions parsed once).
fn jsonata_field(node: Option<&Node>) -> Option<jsonata::Template> {
    node.map(|n| jsonata::Template::compile(&n.to_value()))
}

fn compiled(text: &str) -> Result<CompiledPath> {
    let path = path::parse(text).map_err(|e| error(format!("'{text}': {}", e.message)))?;
    Ok(CompiledPath {
        text: text.into(),
        path,
    })
}

fn path_field(node: Option<&Node>) -> Result<PathField> {
    Ok(match node {
        None => PathField::Default,
        Some(n) if n.is_null() => PathField::Null,
        Some(n) => PathField::Path(compiled(n.as_str().unwrap_or("$"))?),
    })
}

fn result_path(node: Option<&Node>) -> Result<ResultPath> {
    Ok(match node {
        None => ResultPath::Replace,
        Some(n) if n.is_null() => ResultPath::Discard,
        Some(n) if n.as_str() == Some("$") => ResultPath::Replace,
        Some(n) => ResultPath::Path(compiled(n.as_str().unwrap_or("$"))?),
    })
}

fn template(node: Option<&Node>) -> Result<Option<Template>> {
    node.map(|n| Template::compile(&n.to_value()).map_err(error))
        .transpose()
}

fn assign(node: &Node, language: QueryLanguage) -> Result<Assign> {
    let raw = node.to_value();
    let mut entries = Vec::new();
    if let Value::Object(map) = &raw {
        for (key, value) in map {
            match (language, key.strip_suffix(".$")) {
                (QueryLanguage::JsonPath, Some(name)) => {
                    entries.push((
                        name.to_string(),
                        Template::dynamic(key, value).map_err(error)?,
                    ));
                }
                (QueryLanguage::JsonPath, None) => {
                    entries.push((key.clone(), Template::compile(value).map_err(error)?));
                }
                (QueryLanguage::Jsonata, _) => {
                    entries.push((key.clone(), Template::Literal(value.clone())));
                }
            }
        }
    }
    let jsonata = (language == QueryLanguage::Jsonata).then(|| jsonata::Template::compile(&raw));
    Ok(Assign {
        entries,
        raw,
        jsonata,
    })
}

fn result_fields(
    object: &Object,
    template_field: &str,
    language: QueryLanguage,
) -> Result<ResultFields> {
    let json_path = language == QueryLanguage::JsonPath;
    Ok(ResultFields {
        parameters: if json_path {
            template(object.get(template_field))?
        } else {
            None
        },
        arguments: jsonata_field(object.get("Arguments")),
        result_selector: if json_path {
            template(object.get("ResultSelector"))?
        } else {
            None
        },
        result_path: result_path(object.get("ResultPath"))?,
        retry: object
            .get("Retry")
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .map(retrier)
            .collect(),
        catch: object
            .get("Catch")
            .and_then(Node::as_array)
            .unwrap_or_default()
            .iter()
            .map(|c| catcher(c, language))
            .collect::<Result<_>>()?,
    })
}

/// A Task's `Resource`, which must be one Step Functions recognises.
fn resource(node: Option<&Node>) -> Result<String> {
    let text = node.and_then(Node::as_str).unwrap_or_default();
    match Resource::parse(text) {
        Some(_) => Ok(text.to_string()),
        None => Err(error(format!(
            "The resource provided {text} is not recognized"
        ))),
    }
}

fn error_equals(object: &Object) -> Vec<String> {
    object
        .get("ErrorEquals")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| n.as_str().map(str::to_string))
        .collect()
}

fn retrier(node: &Node) -> Retrier {
    let object = node.as_object().cloned().unwrap_or_default();
    let int = |key: &str| {
        object
            .get(key)
            .and_then(|n| n.as_number()?.as_i64())
            .map(|n| n.max(0) as u64)
    };
    Retrier {
        error_equals: error_equals(&object),
        interval_seconds: int("IntervalSeconds").unwrap_or(1),
        max_attempts: int("MaxAttempts").unwrap_or(3),
        backoff_rate: object
            .get("BackoffRate")
            .and_then(Node::as_number)
            .map_or(2.0, |n| n.as_f64()),
        max_delay_seconds: int("MaxDelaySeconds"),
        full_jitter: object.get("JitterStrategy").and_then(Node::as_str) == Some("FULL"),
    }
}

fn catcher(node: &Node, language: QueryLanguage) -> Result<Catcher> {
    let object = node
        .as_object()
        .ok_or_else(|| error("a catcher is not an object"))?;
    Ok(Catcher {
        error_equals: error_equals(object),
        next: object
            .get("Next")
            .and_then(Node::as_str)
            .unwrap_or_default()
            .to_string(),
        result_path: result_path(object.get("ResultPath"))?,
        output: jsonata_field(object.get("Output")),
        assign: object
            .get("Assign")
            .map(|n| assign(n, language))
            .transpose()?,
    })
}

fn seconds(literal: Option<&Node>, path: Option<&Node>) -> Result<Option<Seconds>> {
    Ok(match (literal, path) {
        (Some(n), _) => Some(match (n.as_number().and_then(|n| n.as_i64()), n.as_str()) {
            (Some(v), _) => Seconds::Literal(v.max(0) as u64),
            (None, Some(expr)) => Seconds::Expression(jsonata::Template::compile(&expr.into())),
            _ => {
                return Err(error(
                    "a seconds field is neither a number nor an expression",
                ));
            }
        }),
        (None, Some(p)) => Some(Seconds::Path(compiled(p.as_str().unwrap_or("$"))?)),
        (None, None) => None,
    })
}

fn count(literal: Option<&Node>, path: Option<&Node>) -> Result<Option<Count>> {
    Ok(match (literal, path) {
        (Some(n), _) => Some(match (n.as_number(), n.as_str()) {
            (Some(v), _) => Count::Literal(v.as_f64()),
            (None, Some(expr)) => Count::Expression(jsonata::Template::compile(&expr.into())),
            _ => return Err(error("a count field is neither a number nor an expression")),
        }),
        (None, Some(p)) => Some(Count::Path(compiled(p.as_str().unwrap_or("$"))?)),
        (None, None) => None,
    })
}

fn choice_rule(node: &Node, language: QueryLanguage) -> Result<ChoiceRule> {
    let object = node
        .as_object()
        .ok_or_else(|| error("a choice rule is not an object"))?;
    Ok(ChoiceRule {
        condition: condition(object, language)?,
        next: object
            .get("Next")
            .and_then(Node::as_str)
            .unwrap_or_default()
            .to_string(),
        assign: object
            .get("Assign")
            .map(|n| assign(n, language))
            .transpose()?,
        output: jsonata_field(object.get("Output")),
    })
}

fn condition(object: &Object, language: QueryLanguage) -> Result<Condition> {
    if language == QueryLanguage::Jsonata {
        return Ok(Condition::Jsonata(jsonata::Template::compile(
            &object
                .get("Condition")
                .map_or(Value::Bool(false), Node::to_value),
        )));
    }
    let nested = |node: &Node| {
        condition(
            node.as_object()
                .ok_or_else(|| error("a rule is not an object"))?,
            language,
        )
    };
    if let Some(list) = object.get("And").and_then(Node::as_array) {
        return Ok(Condition::And(
            list.iter().map(nested).collect::<Result<_>>()?,
        ));
    }
    if let Some(list) = object.get("Or").and_then(Node::as_array) {
        return Ok(Condition::Or(
            list.iter().map(nested).collect::<Result<_>>()?,
        ));
    }
    if let Some(inner) = object.get("Not") {
        return Ok(Condition::Not(Box::new(nested(inner)?)));
    }
    let variable = compiled(
        object
            .get("Variable")
            .and_then(Node::as_str)
            .ok_or_else(|| error("a rule has no Variable"))?,
    )?;
    let member = object
        .effective()
        .find(|m| crate::validate::comparison_operator(&m.key.name))
        .ok_or_else(|| error("a rule has no comparison operator"))?;
    let operator = member.key.name.to_string();
    let operand = if operator.ends_with("Path") {
        Operand::Path(compiled(member.value.as_str().unwrap_or("$"))?)
    } else {
        Operand::Value(member.value.to_value())
    };
    Ok(Condition::Compare {
        variable,
        operator,
        operand,
    })
}

fn wait(object: &Object) -> Result<Wait> {
    if let Some(n) = object.get("Seconds") {
        return Ok(Wait::Seconds(
            seconds(Some(n), None)?.unwrap_or(Seconds::Literal(0)),
        ));
    }
    if let Some(n) = object.get("SecondsPath") {
        return Ok(Wait::SecondsPath(compiled(n.as_str().unwrap_or("$"))?));
    }
    if let Some(n) = object.get("Timestamp") {
        let text = n.as_str().unwrap_or_default();
        if jsonata::expression_text(text).is_some() {
            return Ok(Wait::TimestampExpression(jsonata::Template::compile(
                &n.to_value(),
            )));
        }
        return Ok(Wait::Timestamp(text.to_string()));
    }
    if let Some(n) = object.get("TimestampPath") {
        return Ok(Wait::TimestampPath(compiled(n.as_str().unwrap_or("$"))?));
    }
    Err(error("a Wait state has no timing field"))
}

fn fail_field(literal: Option<&Node>, path: Option<&Node>) -> Result<Option<FailField>> {
    if let Some(text) = literal.and_then(Node::as_str) {
        if jsonata::expression_text(text).is_some() {
            return Ok(Some(FailField::Expression(jsonata::Template::compile(
                &text.into(),
            ))));
        }
        return Ok(Some(FailField::Literal(text.to_string())));
    }
    let Some(text) = path.and_then(Node::as_str) else {
        return Ok(None);
    };
    if intrinsic::looks_like_call(text) {
        let call = intrinsic::parse(text).map_err(|e| error(e.message))?;
        return Ok(Some(FailField::Call(call, text.to_string())));
    }
    Ok(Some(FailField::Path(compiled(text)?)))
}

fn map(object: &Object, language: QueryLanguage, inherited: QueryLanguage) -> Result<Map> {
    let processor_node = object
        .get("ItemProcessor")
        .or_else(|| object.get("Iterator"))
        .and_then(Node::as_object)
        .ok_or_else(|| error("a Map state has no ItemProcessor"))?;
    let distributed = processor_node
        .get("ProcessorConfig")
        .and_then(Node::as_object)
        .and_then(|c| c.get("Mode"))
        .and_then(Node::as_str)
        == Some("DISTRIBUTED");
    // The deprecated Parameters plays ItemSelector's part.
    let selector_field = if object.contains("ItemSelector") {
        "ItemSelector"
    } else {
        "Parameters"
    };
    let get = |key: &str| object.get(key);
    Ok(Map {
        processor: block(processor_node, inherited)?,
        distributed,
        items_path: path_field(get("ItemsPath"))?,
        items: jsonata_field(get("Items")),
        item_selector: (language == QueryLanguage::Jsonata)
            .then(|| jsonata_field(get(selector_field)))
            .flatten(),
        max_concurrency: count(get("MaxConcurrency"), get("MaxConcurrencyPath"))?,
        tolerated_failure_count: count(
            get("ToleratedFailureCount"),
            get("ToleratedFailureCountPath"),
        )?,
        tolerated_failure_percentage: count(
            get("ToleratedFailurePercentage"),
            get("ToleratedFailurePercentagePath"),
        )?,
        item_reader: get("ItemReader").map(Node::to_value),
        item_batcher: get("ItemBatcher").map(Node::to_value),
        result_writer: get("ResultWriter").map(Node::to_value),
        label: get("Label").and_then(Node::as_str).map(str::to_string),
        fields: result_fields(object, selector_field, language)?,
    })
}
