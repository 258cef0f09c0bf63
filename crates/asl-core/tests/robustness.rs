//! Bad input never panics, and every diagnostic points inside the text.

use asl_core::api::{self, ValidateOptions};
use asl_core::json;
use asl_core::validate::MachineType;
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../../../web/templates/hello-world.asl.json");

/// Validate and check the invariants every result must hold.
fn check(text: &str) -> api::Validation {
    for machine_type in [MachineType::Standard, MachineType::Express] {
        let options = ValidateOptions {
            machine_type,
            ..ValidateOptions::default()
        };
        let validation = api::validate(text, &options);
        for located in &validation.diagnostics {
            let span = located
                .diagnostic
                .span
                .expect("every diagnostic has a span");
            assert!(
                span.start <= span.end && span.end as usize <= text.len(),
                "{span:?} outside the text"
            );
            assert!(
                text.is_char_boundary(span.start as usize)
                    && text.is_char_boundary(span.end as usize)
            );
            assert!(located.start.offset <= located.end.offset);
            assert!(!located.diagnostic.message.is_empty());
        }
        if machine_type == MachineType::Express {
            return validation;
        }
    }
    unreachable!()
}

/// A random edit of a valid definition: what a user mid-keystroke produces.
fn mutate(text: &str, edits: &[(usize, usize, String)]) -> String {
    let mut out = text.to_string();
    for (at, delete, insert) in edits {
        let mut start = at % (out.len() + 1);
        while !out.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + delete).min(out.len());
        while !out.is_char_boundary(end) {
            end += 1;
        }
        out.replace_range(start..end, insert);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(&text);
    }

    #[test]
    fn json_shaped_noise_never_panics(text in "[{}\\[\\]\":,.$@?*()'\\\\ a-zA-Z0-9\\n-]{0,300}") {
        check(&text);
    }

    #[test]
    fn edited_definitions_never_panic(
        edits in prop::collection::vec((0usize..2000, 0usize..12, "[{}\\[\\]\":,.$ a-zA-Z0-9é\\n-]{0,6}"), 1..6)
    ) {
        check(&mutate(SAMPLE, &edits));
    }

    /// Inputs and mock configurations are read by serde_json when it accepts them: always to
    /// the value the spanned reader gives.
    #[test]
    fn data_reads_the_same_with_or_without_spans(
        edits in prop::collection::vec((0usize..2000, 0usize..12, "[{}\\[\\]\":,.$ a-zA-Z0-9é\\\\\\n-]{0,6}"), 0..4)
    ) {
        let text = mutate(SAMPLE, &edits);
        let spanned = json::parse(&text).map(|document| document.root.to_value());
        prop_assert_eq!(json::read_value(&text), spanned);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let validation = api::validate_bytes(&bytes, &ValidateOptions::default());
        prop_assert!(!validation.ok || std::str::from_utf8(&bytes).is_ok());
    }
}

#[test]
fn the_sample_is_valid() {
    assert!(check(SAMPLE).diagnostics.is_empty());
}

#[test]
fn the_deepest_accepted_nesting_validates_without_overflow() {
    // 998 levels of objects inside Parameters: within the reader's limit, so the validator walks
    // all of it (on a test thread's small stack).
    let depth = 995;
    let nested = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    let text = format!(
        r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Parameters":{nested},"Result":{nested},"End":true}}}}}}"#
    );
    assert!(check(&text).ok);
}

#[test]
fn nested_parallels_validate_without_overflow() {
    let mut state = String::from(r#"{"Type":"Pass","End":true}"#);
    for i in 0..240 {
        state = format!(
            r#"{{"Type":"Parallel","Branches":[{{"StartAt":"S{i}","States":{{"S{i}":{state}}}}}],"End":true}}"#
        );
    }
    let text = format!(r#"{{"StartAt":"Top","States":{{"Top":{state}}}}}"#);
    let validation = check(&text);
    assert!(validation.ok, "{:?}", validation.diagnostics.first());
}

#[test]
fn too_deep_documents_are_refused_with_a_message() {
    for text in [
        "[".repeat(10_000),
        "{\"a\":".repeat(10_000),
        "- ".repeat(10_000),
        "a:\n".to_string() + &" a:\n".repeat(3),
    ] {
        let validation = check(&text);
        assert!(!validation.ok);
    }
    let yaml_block: String = (0..10_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    assert!(!check(&yaml_block).ok);
}

#[test]
fn huge_strings_are_fine() {
    let name = "x".repeat(20_000_000);
    let text = format!(r#"{{"StartAt":"{name}","States":{{"A":{{"Type":"Succeed"}}}}}}"#);
    let validation = check(&text);
    assert!(!validation.ok);
}
