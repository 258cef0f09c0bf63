//! JSON Pointers (RFC 6901), the `location` of AWS diagnostics: `/States/Fetch/Retry/0`.

use std::fmt::Write;

/// A JSON Pointer being built while walking a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The pointer to the whole document, written `/` as AWS does.
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// This pointer with one more object key.
    pub fn key(&self, key: &str) -> Self {
        let mut s = String::with_capacity(self.0.len() + key.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        for ch in key.chars() {
            match ch {
                '~' => s.push_str("~0"),
                '/' => s.push_str("~1"),
                _ => s.push(ch),
            }
        }
        Pointer(s)
    }

    /// This pointer with one more array index.
    pub fn index(&self, index: usize) -> Self {
        let mut s = self.0.clone();
        let _ = write!(s, "/{index}");
        Pointer(s)
    }

    /// The text, `/` for the root.
    pub fn as_str(&self) -> &str {
        if self.0.is_empty() { "/" } else { &self.0 }
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        let p = Pointer::root().key("States").key("a/b~c").index(2);
        assert_eq!(p.as_str(), "/States/a~1b~0c/2");
        assert_eq!(Pointer::root().as_str(), "/");
    }
}
