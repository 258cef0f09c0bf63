//! Intrinsic functions: `States.Format('Hello {}', $.name)` and the other seventeen.
//!
//! [`parse`] reads a call into a [`Call`] tree, checking names, argument counts, string escapes
//! and nesting; errors carry the byte range of the problem in the call's text.

mod array;
mod encoding;
mod eval;
mod json;
mod math;
mod parse;
mod text;

pub use encoding::digest;
pub use eval::IntrinsicFailure;
pub use parse::{IntrinsicError, MAX_NESTING, parse};
pub(crate) use text::format_pieces;

use crate::path::Path;
use std::ops::Range;

/// An intrinsic function call.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// Which function.
    pub function: Function,
    /// Its arguments.
    pub args: Vec<Arg>,
    /// The call's text, as a byte range of the whole expression.
    pub range: Range<usize>,
}

/// An argument of an intrinsic function call.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A quoted string literal, kept as written between the quotes (escapes included), because
    /// `States.Format` must tell `\{` from `{`.
    String(StrLit),
    /// A number literal.
    Number(serde_json::Number),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A path (`$.a`, `$$.Execution.Id`, `$var`), and its text.
    Path(Path, Box<str>),
    /// A nested call.
    Call(Call),
}

/// A string literal as written between its quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrLit {
    /// The text between the quotes, escapes not yet resolved.
    pub raw: Box<str>,
}

impl StrLit {
    /// The value, with `\'`, `\{`, `\}` and `\\` resolved.
    pub fn value(&self) -> String {
        let mut out = String::with_capacity(self.raw.len());
        let mut chars = self.raw.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}

macro_rules! functions {
    ($($variant:ident = $name:literal, $min:literal..$max:expr, $string:literal;)*) => {
        /// The intrinsic functions AWS provides.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Function {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
        }

        impl Function {
            /// Every function.
            pub const ALL: &'static [Function] = &[$(Function::$variant),*];

            /// The function's name, `States.Format`.
            pub fn name(self) -> &'static str {
                match self { $(Function::$variant => $name),* }
            }

            /// The function named `name`, if there is one.
            pub fn from_name(name: &str) -> Option<Function> {
                match name { $($name => Some(Function::$variant),)* _ => None }
            }

            /// How many arguments it takes: at least the first, at most the second.
            pub fn arity(self) -> (usize, usize) {
                match self { $(Function::$variant => ($min, $max)),* }
            }

            /// True when the function always returns a string (only these may compute a Fail
            /// state's ErrorPath or CausePath).
            pub fn returns_string(self) -> bool {
                match self { $(Function::$variant => $string),* }
            }
        }
    };
}

functions! {
    Format = "States.Format", 1..usize::MAX, true;
    StringToJson = "States.StringToJson", 1..1, false;
    JsonToString = "States.JsonToString", 1..1, true;
    Array = "States.Array", 0..usize::MAX, false;
    ArrayPartition = "States.ArrayPartition", 2..2, false;
    ArrayContains = "States.ArrayContains", 2..2, false;
    ArrayRange = "States.ArrayRange", 3..3, false;
    ArrayGetItem = "States.ArrayGetItem", 2..2, true;
    ArrayLength = "States.ArrayLength", 1..1, false;
    ArrayUnique = "States.ArrayUnique", 1..1, false;
    Base64Encode = "States.Base64Encode", 1..1, true;
    Base64Decode = "States.Base64Decode", 1..1, true;
    Hash = "States.Hash", 2..2, true;
    JsonMerge = "States.JsonMerge", 3..3, false;
    MathRandom = "States.MathRandom", 2..3, false;
    MathAdd = "States.MathAdd", 2..2, false;
    StringSplit = "States.StringSplit", 2..2, false;
    Uuid = "States.UUID", 0..0, true;
}

/// True when a string looks like an intrinsic call (starts with a function-name character run
/// and a parenthesis), as opposed to a path.
pub fn looks_like_call(text: &str) -> bool {
    text.starts_with("States.")
}

#[cfg(test)]
mod tests;
