//! What a path selects, borrowed from the data it was evaluated on.

use serde::{Serialize, Serializer};
use serde_json::Value;
use std::borrow::Cow;

/// A path's value without copying the data it points at: the node a definite path names, or the
/// nodes an indefinite one matches (which make an array). Serializing it writes the JSON its
/// value has; [`Selection::into_value`] copies it out.
#[derive(Clone, Debug, PartialEq)]
pub enum Selection<'v> {
    /// One value.
    One(Cow<'v, Value>),
    /// The matches of an indefinite path, in order: an array.
    Many(Vec<Cow<'v, Value>>),
}

impl<'v> Selection<'v> {
    /// The value, owned.
    pub fn into_value(self) -> Value {
        self.into_cow().into_owned()
    }

    /// The value, borrowed when it is one node of the data.
    pub fn into_cow(self) -> Cow<'v, Value> {
        match self {
            Selection::One(value) => value,
            Selection::Many(nodes) => Cow::Owned(Value::Array(
                nodes.into_iter().map(Cow::into_owned).collect(),
            )),
        }
    }
}

impl From<Value> for Selection<'_> {
    fn from(value: Value) -> Self {
        Selection::One(Cow::Owned(value))
    }
}

impl Serialize for Selection<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Selection::One(value) => value.serialize(serializer),
            Selection::Many(nodes) => serializer.collect_seq(nodes.iter().map(|n| &**n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_selection_is_written_as_its_value() {
        let data = json!({"a": [1, {"b": "x"}]});
        let many = Selection::Many(vec![Cow::Borrowed(&data["a"][1]), Cow::Owned(json!(2))]);
        assert_eq!(serde_json::to_string(&many).unwrap(), r#"[{"b":"x"},2]"#);
        assert_eq!(many.into_value(), json!([{"b": "x"}, 2]));
        let one = Selection::One(Cow::Borrowed(&data["a"]));
        assert_eq!(serde_json::to_value(&one).unwrap(), data["a"]);
    }
}
