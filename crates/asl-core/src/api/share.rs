//! Share links: the whole workspace (definition, input, mocks, test case, machine type, execution
//! name) in a URL fragment, compressed, so that a link is all it takes to open the same
//! playground elsewhere. `v1.` then URL-safe Base64 of the deflated JSON.

use crate::base64::{self, URL_SAFE};
use serde_json::{Map, Value, json};

/// What a share link carries: the user's texts, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workspace {
    /// The definition.
    pub definition: String,
    /// The execution's input.
    pub input: String,
    /// The MockConfigFile.
    pub mocks: String,
    /// The test case of the mocks.
    pub test_case: String,
    /// `STANDARD` or `EXPRESS`.
    pub machine_type: String,
    /// The execution name.
    pub name: String,
}

const VERSION: &str = "v1.";
/// The largest workspace a link may inflate to (10 MiB): a hostile link cannot exhaust memory.
const MAX_INFLATED: usize = 10 * 1024 * 1024;

const FIELDS: [&str; 6] = ["definition", "input", "mocks", "testCase", "type", "name"];

impl Workspace {
    fn fields(&self) -> [&String; 6] {
        [
            &self.definition,
            &self.input,
            &self.mocks,
            &self.test_case,
            &self.machine_type,
            &self.name,
        ]
    }

    /// A short name for the workspace, for a list of them: the definition's `Comment` (its first
    /// line, at most 60 characters), else the state it starts at, else "Untitled".
    pub fn title(&self) -> String {
        const MOST: usize = 60;
        let read = crate::source::read(&self.definition, None).ok();
        let field = |key: &str| {
            read.as_ref()
                .and_then(|d| d.root.as_object()?.get(key)?.as_str().map(str::to_string))
                .filter(|text| !text.trim().is_empty())
        };
        if let Some(comment) = field("Comment") {
            let line = comment.lines().next().unwrap_or_default().trim();
            return match line.char_indices().nth(MOST) {
                Some((cut, _)) => format!("{}…", &line[..cut]),
                None => line.to_string(),
            };
        }
        field("StartAt").map_or_else(|| "Untitled".into(), |start| format!("Starts at {start}"))
    }

    /// The link's fragment (without `#`).
    pub fn to_fragment(&self) -> String {
        let mut object = Map::new();
        for (key, value) in FIELDS.iter().zip(self.fields()) {
            if !value.is_empty() {
                object.insert((*key).into(), json!(value));
            }
        }
        let text = Value::Object(object).to_string();
        let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
        format!("{VERSION}{}", base64::encode(&packed, URL_SAFE))
    }

    /// The workspace a fragment (with or without `#`) carries, or why it cannot be read.
    pub fn from_fragment(fragment: &str) -> Result<Workspace, String> {
        let fragment = fragment.trim_start_matches('#');
        let Some(body) = fragment.strip_prefix(VERSION) else {
            return Err(
                "The link is not a playground share link (it does not start with v1.)".into(),
            );
        };
        let packed = base64::decode(body, URL_SAFE)
            .ok_or("The share link is damaged: it is not valid Base64 (was it cut short?)")?;
        let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
            .map_err(|_| {
                "The share link is damaged: its content does not decompress (was it cut short?)"
                    .to_string()
            })?;
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|e| format!("The share link is damaged: its content is not JSON ({e})"))?;
        let object = value
            .as_object()
            .ok_or("The share link is damaged: its content is not a workspace")?;
        let text = |key: &str| -> Result<String, String> {
            match object.get(key) {
                None => Ok(String::new()),
                Some(Value::String(s)) => Ok(s.clone()),
                Some(_) => Err(format!("The share link is damaged: '{key}' is not text")),
            }
        };
        Ok(Workspace {
            definition: text("definition")?,
            input: text("input")?,
            mocks: text("mocks")?,
            test_case: text("testCase")?,
            machine_type: text("type")?,
            name: text("name")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_from_the_comment_or_the_start() {
        let titled = |definition: &str| {
            Workspace {
                definition: definition.into(),
                ..Workspace::default()
            }
            .title()
        };
        assert_eq!(
            titled(r#"{"Comment": "Orders\nand more", "StartAt": "A"}"#),
            "Orders"
        );
        assert_eq!(titled("StartAt: Charge\nStates: {}\n"), "Starts at Charge");
        assert_eq!(
            titled(&format!(r#"{{"Comment": "{}"}}"#, "é".repeat(70))),
            format!("{}…", "é".repeat(60))
        );
        assert_eq!(titled("{ not json"), "Untitled");
    }

    #[test]
    fn round_trips_exactly() {
        let workspace = Workspace {
            definition: "{\n  \"StartAt\": \"A\" \u{1F600}\n}".into(),
            input: "{\"a\": [1, 2]}".into(),
            mocks: String::new(),
            test_case: "Happy".into(),
            machine_type: "EXPRESS".into(),
            name: "order-42".into(),
        };
        let fragment = workspace.to_fragment();
        assert!(fragment.starts_with("v1."));
        assert!(
            fragment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        );
        assert_eq!(
            Workspace::from_fragment(&format!("#{fragment}")).unwrap(),
            workspace
        );
    }

    #[test]
    fn damaged_links_say_so() {
        let fragment = Workspace {
            definition: "x".repeat(500),
            ..Workspace::default()
        }
        .to_fragment();
        let cut = &fragment[..fragment.len() / 2];
        assert!(
            Workspace::from_fragment(cut)
                .unwrap_err()
                .contains("damaged")
        );
        assert!(
            Workspace::from_fragment("hello")
                .unwrap_err()
                .contains("not a playground share link")
        );
        assert!(
            Workspace::from_fragment("v1.@@@")
                .unwrap_err()
                .contains("Base64")
        );
    }
}
