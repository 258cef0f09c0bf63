use super::*;

fn root(text: &str) -> Node {
    parse(text).expect("valid JSON").root
}

fn error(text: &str) -> (String, String) {
    let e = parse(text).expect_err("invalid JSON");
    (e.message.clone(), e.jackson_location(text))
}

#[test]
fn keys_and_values_keep_their_spans() {
    let text = r#"{ "a" : [1, "x"], "b": null }"#;
    let node = root(text);
    let obj = node.as_object().unwrap();
    let a = obj.member("a").unwrap();
    assert_eq!(&text[a.key.span.range()], r#""a""#);
    assert_eq!(&text[a.value.span.range()], r#"[1, "x"]"#);
    let items = a.value.as_array().unwrap();
    assert_eq!(&text[items[1].span.range()], r#""x""#);
    assert_eq!(&text[obj.get("b").unwrap().span.range()], "null");
}

#[test]
fn duplicate_keys_are_kept_and_the_last_wins() {
    let node = root(r#"{"Type": "Pass", "Type": "Task"}"#);
    let obj = node.as_object().unwrap();
    assert_eq!(obj.members.len(), 2);
    assert_eq!(obj.get("Type").unwrap().as_str(), Some("Task"));
    assert_eq!(obj.shadowed().count(), 1);
    assert_eq!(node.to_value(), serde_json::json!({"Type": "Task"}));
}

#[test]
fn numbers_keep_their_text() {
    let node = root("[1, 1.0, -0, 1e3, 12345678901234567890]");
    let raws: Vec<_> = node
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_number().unwrap().raw())
        .collect();
    assert_eq!(raws, ["1", "1.0", "-0", "1e3", "12345678901234567890"]);
    let n = node.as_array().unwrap()[1].as_number().unwrap();
    assert!(!n.is_integer_literal());
    assert_eq!(n.as_f64(), 1.0);
}

#[test]
fn escapes_decode_and_map_back_to_source_offsets() {
    let text = r#"{"k": "a\"b\u00e9\ud834\udd1ec"}"#;
    let node = root(text);
    let v = node.as_object().unwrap().get("k").unwrap();
    assert_eq!(v.as_str(), Some("a\"bé𝄞c"));
    // The decoded "c" is the last character; map its span back into the literal.
    let decoded = v.as_str().unwrap();
    let c = decoded.find('c').unwrap();
    let span = v.string_subspan(text, c..c + 1);
    assert_eq!(&text[span.range()], "c");
    let b = decoded.find('b').unwrap();
    assert_eq!(&text[v.string_subspan(text, b..b + 1).range()], "b");
}

#[test]
fn verbatim_strings_map_offsets_directly() {
    let text = r#"{"k": "$.a.b"}"#;
    let node = root(text);
    let v = node.as_object().unwrap().get("k").unwrap();
    assert_eq!(&text[v.string_subspan(text, 2..3).range()], "a");
}

#[test]
fn unrecognized_tokens_read_as_jackson_reads_them() {
    let (message, location) = error("not a definition");
    assert_eq!(
        message,
        "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token \
         'null', 'true' or 'false')"
    );
    assert_eq!(
        location,
        r#"[Source: (String)"not a definition"; line: 1, column: 4]"#
    );
    assert!(
        error("{\"a\": tru }")
            .0
            .starts_with("Unrecognized token 'tru':")
    );
    assert!(
        error("[nullx]")
            .0
            .starts_with("Unrecognized token 'nullx':")
    );
}

#[test]
fn unexpected_characters_name_the_character_and_what_was_expected() {
    assert_eq!(
        error("{'not': 'json'").0,
        "Unexpected character (''' (code 39)): was expecting double-quote to start field name"
    );
    assert_eq!(
        error(r#"{"a": 1,}"#).0,
        "Unexpected character ('}' (code 125)): was expecting double-quote to start field name"
    );
    assert_eq!(
        error(r#"{"a" 1}"#).0,
        "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value"
    );
    assert_eq!(
        error(r#"{"a": 1 "b": 2}"#).0,
        "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"
    );
    assert_eq!(
        error("[1 2]").0,
        "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries"
    );
    assert_eq!(
        error(r#"{"a":}"#).0,
        "Unexpected character ('}' (code 125)): expected a value"
    );
    assert_eq!(
        error("[1,]").0,
        "Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, \
         Object or token 'null', 'true' or 'false')"
    );
    assert_eq!(
        error("[#]").0.split(':').next(),
        Some("Unexpected character ('#' (code 35))")
    );
}

#[test]
fn jackson_locations_point_just_past_the_offending_character() {
    let (_, location) = error("{\n  \"a\": }");
    assert_eq!(
        location,
        "[Source: (String)\"{\n  \"a\": }\"; line: 2, column: 9]"
    );
}

#[test]
fn end_of_input_names_the_open_container() {
    let (message, _) = error("{\"a\": [1, 2]");
    assert_eq!(
        message,
        "Unexpected end-of-input: expected close marker for Object (start marker at [Source: \
         (String)\"{\"a\": [1, 2]\"; line: 1, column: 1])"
    );
    assert_eq!(
        error("\"abc").0,
        "Unexpected end-of-input: was expecting closing quote for a string value"
    );
    assert_eq!(
        error("{\"a\"").0,
        "Unexpected end-of-input within/between Object entries"
    );
    assert!(
        error("[1}")
            .0
            .starts_with("Unexpected close marker '}': expected ']' (for Array starting at")
    );
}

#[test]
fn strings_reject_control_characters_and_unknown_escapes() {
    assert_eq!(
        error("[\"a\nb\"]").0,
        "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be \
         included in string value"
    );
    assert_eq!(
        error(r#"["\x"]"#).0,
        "Unrecognized character escape 'x' (code 120)"
    );
    assert_eq!(
        error(r#"["\u12g4"]"#).0,
        "Unexpected character ('g' (code 103)): expected a hex-digit for character escape sequence"
    );
}

#[test]
fn numbers_follow_the_json_grammar() {
    assert_eq!(
        error("[01]").0,
        "Invalid numeric value: Leading zeroes not allowed"
    );
    assert_eq!(
        error("[-a]").0,
        "Unexpected character ('a' (code 97)) in numeric value: expected digit (0-9) to follow \
         minus sign, for valid numeric value"
    );
    assert_eq!(
        error("[1.]").0,
        "Unexpected character (']' (code 93)) in numeric value: Decimal point not followed by a digit"
    );
    assert_eq!(
        error("[1e]").0,
        "Unexpected character (']' (code 93)) in numeric value: Exponent indicator not followed by a digit"
    );
}

#[test]
fn deep_nesting_is_refused_not_crashed() {
    let deep = "[".repeat(10_000);
    let e = parse(&deep).unwrap_err();
    assert_eq!(e.kind, ParseErrorKind::TooDeep);
    assert!(
        e.message
            .starts_with("Document nesting depth (1001) exceeds the maximum allowed (1000")
    );
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
}

#[test]
fn blank_text_and_trailing_content() {
    assert_eq!(parse("  \n").unwrap_err().kind, ParseErrorKind::Empty);
    let doc = parse("{} x").unwrap();
    assert_eq!(doc.trailing, Some(crate::text::Span::new(3, 4)));
}

#[test]
fn long_sources_are_cut_in_locations() {
    let text = format!("[{}", "1,".repeat(400));
    let (_, location) = error(&text);
    assert!(
        location.contains("\"[truncated 301 chars]; line: 1, column: 802]"),
        "{location}"
    );
}
