//! `States.Base64Encode`, `States.Base64Decode` and `States.Hash`.

use super::eval::{Evaluated, string};
use md5::Md5;
use serde_json::Value;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};

/// The longest input these functions take, in characters.
const MAX_INPUT: usize = 10_000;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

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
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    Ok(Value::String(out))
}

/// `States.Base64Decode(text)`: the UTF-8 text a standard Base64 string encodes.
pub(super) fn base64_decode(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let text = bounded(args, "string to decode")?;
    let invalid = || "the string is not valid Base64".to_string();
    let digits = text.trim_end_matches('=');
    if text.len() % 4 != 0 || text.len() - digits.len() > 2 {
        return Err(invalid());
    }
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in digits.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c).ok_or_else(invalid)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits & 0xff) as u8);
        }
    }
    String::from_utf8(bytes)
        .map(Value::String)
        .map_err(|_| "the decoded bytes are not UTF-8 text".into())
}

/// `States.Hash(data, algorithm)`: the lowercase hex digest of the data (a string as it is,
/// anything else as compact JSON).
pub(super) fn hash(args: &[Evaluated<'_>]) -> Result<Value, String> {
    let data = match &args[0].value {
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
