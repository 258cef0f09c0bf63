//! Base64: the standard alphabet with padding (`States.Base64Encode`) and the URL-safe one
//! without (share links).

/// An alphabet, and whether it pads.
#[derive(Clone, Copy, Debug)]
pub struct Alphabet {
    digits: &'static [u8; 64],
    pad: bool,
}

/// `A–Z a–z 0–9 + /`, padded with `=`.
pub const STANDARD: Alphabet = Alphabet {
    digits: b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    pad: true,
};

/// `A–Z a–z 0–9 - _`, unpadded: safe in URLs.
pub const URL_SAFE: Alphabet = Alphabet {
    digits: b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    pad: false,
};

/// Encode bytes.
pub fn encode(bytes: &[u8], alphabet: Alphabet) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(alphabet.digits[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else if alphabet.pad {
                out.push('=');
            }
        }
    }
    out
}

/// Decode text; `None` when it is not Base64 of this alphabet.
pub fn decode(text: &str, alphabet: Alphabet) -> Option<Vec<u8>> {
    let digits = text.trim_end_matches('=');
    if alphabet.pad && (!text.len().is_multiple_of(4) || text.len() - digits.len() > 2) {
        return None;
    }
    if !alphabet.pad && digits.len() != text.len() {
        return None;
    }
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in digits.bytes() {
        let v = alphabet.digits.iter().position(|&a| a == c)? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits & 0xff) as u8);
        }
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_in_both_alphabets() {
        for bytes in [&b""[..], b"f", b"fo", b"foo", b"\xff\xfe\xfd\x00"] {
            assert_eq!(decode(&encode(bytes, STANDARD), STANDARD).unwrap(), bytes);
            assert_eq!(decode(&encode(bytes, URL_SAFE), URL_SAFE).unwrap(), bytes);
        }
        assert_eq!(encode(b"fo", STANDARD), "Zm8=");
        assert_eq!(encode(b"\xfb\xff", URL_SAFE), "-_8");
        assert!(decode("Zm8", STANDARD).is_none());
        assert!(decode("Zm8=", URL_SAFE).is_none());
    }
}
