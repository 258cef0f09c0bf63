//! Which fields each object of a definition accepts, and in which query language.

/// The query language a field belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    /// Both languages.
    Any,
    /// JSONPath states only.
    JsonPath,
    /// JSONata states only.
    Jsonata,
}

/// A query language, as a state or machine sets it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum QueryLanguage {
    #[default]
    JsonPath,
    Jsonata,
}

impl QueryLanguage {
    pub(crate) fn name(self) -> &'static str {
        match self {
            QueryLanguage::JsonPath => "JSONPath",
            QueryLanguage::Jsonata => "JSONata",
        }
    }

    pub(crate) fn other(self) -> QueryLanguage {
        match self {
            QueryLanguage::JsonPath => QueryLanguage::Jsonata,
            QueryLanguage::Jsonata => QueryLanguage::JsonPath,
        }
    }

    /// Whether a field of `lang` is allowed in this language.
    pub(crate) fn allows(self, lang: Lang) -> bool {
        match lang {
            Lang::Any => true,
            Lang::JsonPath => self == QueryLanguage::JsonPath,
            Lang::Jsonata => self == QueryLanguage::Jsonata,
        }
    }
}

/// A field name and the language it belongs to.
pub(crate) type FieldSpec = (&'static str, Lang);

use Lang::{Any, JsonPath as JP, Jsonata as JA};

/// The eight state types, in AWS's order for messages.
pub(crate) const STATE_TYPES: [&str; 8] = [
    "Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map",
];

const COMMON: [FieldSpec; 3] = [("Type", Any), ("Comment", Any), ("QueryLanguage", Any)];
const TRANSITION: [FieldSpec; 2] = [("Next", Any), ("End", Any)];
const IO: [FieldSpec; 3] = [("InputPath", JP), ("OutputPath", JP), ("Output", JA)];

/// The fields a state of type `ty` accepts (common fields included).
pub(crate) fn state_fields(ty: &str) -> Vec<FieldSpec> {
    let specific: &[FieldSpec] = match ty {
        "Task" => &[
            ("Resource", Any),
            ("Parameters", JP),
            ("Arguments", JA),
            ("ResultSelector", JP),
            ("ResultPath", JP),
            ("Assign", Any),
            ("TimeoutSeconds", Any),
            ("TimeoutSecondsPath", JP),
            ("HeartbeatSeconds", Any),
            ("HeartbeatSecondsPath", JP),
            ("Credentials", Any),
            ("Retry", Any),
            ("Catch", Any),
        ],
        "Pass" => &[
            ("Parameters", JP),
            ("Result", JP),
            ("ResultPath", JP),
            ("Assign", Any),
        ],
        "Wait" => &[
            ("Seconds", Any),
            ("Timestamp", Any),
            ("SecondsPath", JP),
            ("TimestampPath", JP),
            ("Assign", Any),
        ],
        "Choice" => &[("Choices", Any), ("Default", Any), ("Assign", Any)],
        "Succeed" => &[],
        "Fail" => &[
            ("Error", Any),
            ("ErrorPath", JP),
            ("Cause", Any),
            ("CausePath", JP),
        ],
        "Parallel" => &[
            ("Branches", Any),
            ("Parameters", JP),
            ("Arguments", JA),
            ("ResultSelector", JP),
            ("ResultPath", JP),
            ("Assign", Any),
            ("Retry", Any),
            ("Catch", Any),
        ],
        "Map" => &[
            ("ItemProcessor", Any),
            ("Iterator", Any),
            ("ItemsPath", JP),
            ("Items", JA),
            ("ItemSelector", Any),
            ("Parameters", JP),
            ("ItemReader", Any),
            ("ItemBatcher", Any),
            ("ResultWriter", Any),
            ("MaxConcurrency", Any),
            ("MaxConcurrencyPath", JP),
            ("ToleratedFailureCount", Any),
            ("ToleratedFailureCountPath", JP),
            ("ToleratedFailurePercentage", Any),
            ("ToleratedFailurePercentagePath", JP),
            ("Label", Any),
            ("ResultSelector", JP),
            ("ResultPath", JP),
            ("Assign", Any),
            ("Retry", Any),
            ("Catch", Any),
        ],
        _ => &[],
    };
    let mut fields = COMMON.to_vec();
    if matches!(ty, "Task" | "Pass" | "Wait" | "Parallel" | "Map") {
        fields.extend(TRANSITION);
    }
    if ty != "Fail" {
        fields.extend(IO);
    }
    fields.extend_from_slice(specific);
    fields
}

/// The top level of a machine.
pub(crate) const MACHINE: [FieldSpec; 6] = [
    ("Comment", Any),
    ("StartAt", Any),
    ("States", Any),
    ("Version", Any),
    ("TimeoutSeconds", Any),
    ("QueryLanguage", Any),
];

/// A Parallel branch.
pub(crate) const BRANCH: [FieldSpec; 4] = [
    ("Comment", Any),
    ("StartAt", Any),
    ("States", Any),
    ("QueryLanguage", Any),
];

/// A Map's ItemProcessor or Iterator (which cannot set a QueryLanguage).
pub(crate) const PROCESSOR: [FieldSpec; 4] = [
    ("Comment", Any),
    ("StartAt", Any),
    ("States", Any),
    ("ProcessorConfig", Any),
];

/// A retrier.
pub(crate) const RETRIER: [FieldSpec; 7] = [
    ("ErrorEquals", Any),
    ("IntervalSeconds", Any),
    ("MaxAttempts", Any),
    ("BackoffRate", Any),
    ("MaxDelaySeconds", Any),
    ("JitterStrategy", Any),
    ("Comment", Any),
];

/// A catcher.
pub(crate) const CATCHER: [FieldSpec; 6] = [
    ("ErrorEquals", Any),
    ("Next", Any),
    ("ResultPath", JP),
    ("Output", JA),
    ("Assign", Any),
    ("Comment", Any),
];

/// The comparison operators of a JSONPath Choice rule, with the type of their operand.
pub(crate) const COMPARISONS: [(&str, Operand); 39] = [
    ("BooleanEquals", Operand::Boolean),
    ("BooleanEqualsPath", Operand::Path),
    ("IsBoolean", Operand::Boolean),
    ("IsNull", Operand::Boolean),
    ("IsNumeric", Operand::Boolean),
    ("IsPresent", Operand::Boolean),
    ("IsString", Operand::Boolean),
    ("IsTimestamp", Operand::Boolean),
    ("NumericEquals", Operand::Number),
    ("NumericEqualsPath", Operand::Path),
    ("NumericGreaterThan", Operand::Number),
    ("NumericGreaterThanPath", Operand::Path),
    ("NumericGreaterThanEquals", Operand::Number),
    ("NumericGreaterThanEqualsPath", Operand::Path),
    ("NumericLessThan", Operand::Number),
    ("NumericLessThanPath", Operand::Path),
    ("NumericLessThanEquals", Operand::Number),
    ("NumericLessThanEqualsPath", Operand::Path),
    ("StringEquals", Operand::String),
    ("StringEqualsPath", Operand::Path),
    ("StringGreaterThan", Operand::String),
    ("StringGreaterThanPath", Operand::Path),
    ("StringGreaterThanEquals", Operand::String),
    ("StringGreaterThanEqualsPath", Operand::Path),
    ("StringLessThan", Operand::String),
    ("StringLessThanPath", Operand::Path),
    ("StringLessThanEquals", Operand::String),
    ("StringLessThanEqualsPath", Operand::Path),
    ("StringMatches", Operand::String),
    ("TimestampEquals", Operand::Timestamp),
    ("TimestampEqualsPath", Operand::Path),
    ("TimestampGreaterThan", Operand::Timestamp),
    ("TimestampGreaterThanPath", Operand::Path),
    ("TimestampGreaterThanEquals", Operand::Timestamp),
    ("TimestampGreaterThanEqualsPath", Operand::Path),
    ("TimestampLessThan", Operand::Timestamp),
    ("TimestampLessThanPath", Operand::Path),
    ("TimestampLessThanEquals", Operand::Timestamp),
    ("TimestampLessThanEqualsPath", Operand::Path),
];

/// The type of a comparison operator's operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Operand {
    Boolean,
    Number,
    String,
    Timestamp,
    Path,
}

/// The operand type of the comparison operator `name`, if it is one.
pub(crate) fn comparison(name: &str) -> Option<Operand> {
    COMPARISONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, o)| *o)
}
