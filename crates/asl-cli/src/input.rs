//! Reading what the commands are given: a file, `-` for standard input, or the JSON itself
//! (`--input '{"a": 1}'`).

use std::io::Read;
use std::path::Path;

/// The bytes of `path`: standard input when it is `-`, the text itself when it is inline JSON,
/// else the file's.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, String> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(bytes);
    }
    if let Some(json) = inline_json(path) {
        return Ok(json.as_bytes().to_vec());
    }
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The name to show for `path` in messages.
pub(crate) fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else if inline_json(path).is_some() {
        "<inline JSON>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The argument itself, when it is JSON rather than a file's name: an object, an array or a
/// string always (no file is named so), any other JSON value when no file has that name.
fn inline_json(path: &Path) -> Option<&str> {
    let text = path.to_str()?;
    let trimmed = text.trim_start();
    if trimmed.starts_with(['{', '[', '"']) {
        return Some(text);
    }
    let scalar = serde_json::from_str::<serde_json::Value>(text).is_ok();
    (scalar && !path.exists()).then_some(text)
}
