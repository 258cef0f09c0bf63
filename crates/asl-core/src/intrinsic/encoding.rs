//! `States.Base64Encode`, `States.Base64Decode` and `States.Hash`.

use super::eval::{Evaluated, string};
use crate::base64;
use md5::Md5;
use serde_json::Value;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

/// The longest input these functions take, in characters.
const MAX_INPUT: usize = 10_000;

fn bounded<'a>(args: &'a [Evaluated<'_>], what: &str) -> Result<&'a str, String> {
    let text = string(args, 0, what)?;
    if text.chars().count() > MAX_INPUT {
        return Err(format!("the {what} is longer than {MAX_INPUT} characters"));
    }
    Ok(text)
}

/// `States.Base64Encode(text)`: standard Base64 with padding, of the UTF-8 bytes.
pub(super) fn base64_encode(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let bytes = bounded(args, "string to encode")?.as_bytes();
    Ok(Value::String(base64::encode(bytes, base64::STANDARD)))
}

/// `States.Base64Decode(text)`: the UTF-8 text a standard Base64 string encodes.
pub(super) fn base64_decode(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let text = bounded(args, "string to decode")?;
    let bytes = base64::decode(text, base64::STANDARD)
        .ok_or_else(|| "the string is not valid Base64".to_string())?;
    String::from_utf8(bytes)
        .map(Value::String)
        .map_err(|_| "the decoded bytes are not UTF-8 text".into())
}

/// `States.Hash(data, algorithm)`: the lowercase hex digest of the data (a string as it is,
/// anything else as compact JSON).
pub(super) fn hash(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let data = match &*args[0].value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if data.chars().count() > MAX_INPUT {
        return Err(format!("the data is longer than {MAX_INPUT} characters"));
    }
    let algorithm = string(args, 1, "algorithm")?;
    digest(&data, algorithm).map(Value::String)
}

/// The lowercase hex digest of `data` with `algorithm` (MD5, SHA-1, SHA-256, SHA-384 or
/// SHA-512), as `States.Hash` and JSONata's `$hash` give it.
pub fn digest(data: &str, algorithm: &str) -> Result<String, String> {
    let digest: Vec<u8> = match algorithm {
        "MD5" => Md5::digest(data.as_bytes()).to_vec(),
        "SHA-1" => Sha1::digest(data.as_bytes()).to_vec(),
        "SHA-256" => Sha256::digest(data.as_bytes()).to_vec(),
        "SHA-384" => Sha384::digest(data.as_bytes()).to_vec(),
        "SHA-512" => Sha512::digest(data.as_bytes()).to_vec(),
        other => {
            return Err(format!(
                "'{other}' is not a hash algorithm: use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"
            ));
        }
    };
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}
