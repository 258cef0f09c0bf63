use super::*;

fn ok(text: &str) -> Path {
    parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

fn err(text: &str) -> PathError {
    parse(text).expect_err(text)
}

fn name(n: &str) -> Segment {
    Segment::Child(Selector::Name(n.into()))
}

#[test]
fn roots() {
    assert_eq!(ok("$").root, Root::Input);
    assert_eq!(ok("$$").root, Root::Context);
    assert_eq!(
        ok("$$.Execution.Id").segments,
        vec![name("Execution"), name("Id")]
    );
    assert_eq!(ok("$answer").root, Root::Variable("answer".into()));
    assert_eq!(ok("$answer.x[0]").segments.len(), 2);
    assert!(parse("@.a").is_err(), "@ only exists inside filters");
}

#[test]
fn jayway_accepts_names_rfc_9535_rejects() {
    // Jayway difference: dashes, non-ASCII and digits in dot names are member lookups.
    assert_eq!(ok("$.key-dash").segments, vec![name("key-dash")]);
    assert_eq!(ok("$.屬性").segments, vec![name("屬性")]);
    assert_eq!(ok("$.2").segments, vec![name("2")]);
    // Jayway difference: a bracket right after a dot.
    assert_eq!(ok("$.['key']").segments, vec![name("key")]);
    // ASL spec: a backslash escapes a character in dot notation.
    assert_eq!(ok(r"$.store\.book").segments, vec![name("store.book")]);
}

#[test]
fn brackets() {
    assert_eq!(ok("$['a']['b']").segments, vec![name("a"), name("b")]);
    assert_eq!(
        ok("$[0]").segments,
        vec![Segment::Child(Selector::Index(0))]
    );
    assert_eq!(
        ok("$[-1]").segments,
        vec![Segment::Child(Selector::Index(-1))]
    );
    assert_eq!(
        ok("$[0, 2]").segments,
        vec![Segment::Child(Selector::Indexes(vec![0, 2]))]
    );
    assert_eq!(
        ok("$['a','b']").segments,
        vec![Segment::Child(Selector::Names(vec![
            "a".into(),
            "b".into()
        ]))]
    );
    assert_eq!(
        ok("$.a[1:]").segments[1],
        Segment::Child(Selector::Slice {
            start: Some(1),
            end: None,
            step: None
        })
    );
    assert_eq!(
        ok("$[::2]").segments[0],
        Segment::Child(Selector::Slice {
            start: None,
            end: None,
            step: Some(2)
        })
    );
    assert_eq!(
        ok("$[*]").segments,
        vec![Segment::Child(Selector::Wildcard)]
    );
    assert_eq!(
        ok("$..a").segments,
        vec![Segment::Descendant(Selector::Name("a".into()))]
    );
    assert_eq!(
        ok("$..*").segments,
        vec![Segment::Descendant(Selector::Wildcard)]
    );
}

#[test]
fn filters() {
    let p = ok("$.users[?(@.status == 0)]");
    let Segment::Child(Selector::Filter(f)) = &p.segments[1] else {
        panic!()
    };
    assert!(matches!(
        **f,
        FilterExpr::Compare {
            op: CompareOp::Eq,
            ..
        }
    ));
    ok("$[?(@.a && !(@.b || @.c > 1.5e2))]");
    ok("$[?(@.name =~ /^a.*/i)]");
    ok("$[?(@.d == ['v1', 'v2'])]");
    ok("$[?(@.size() > 2)]");
    ok("$[?(@.a in ['x', 'y'])]");
    ok("$[?(@.a == $.b)]");
    ok("$.jar[?(@.a >= 5)]");
    ok("$[?(@.a==1)]");
    // Jayway needs the parentheses.
    assert!(parse("$[?@.a]").is_err());
}

#[test]
fn functions_come_last() {
    let p = ok("$.items.length()");
    assert!(matches!(&p.segments[1], Segment::Function(f) if &*f.name == "length"));
    assert!(parse("$.items.length().x").is_err());
}

#[test]
fn reference_and_definite_paths() {
    assert!(ok("$.a.b[0]").is_reference_path());
    assert!(ok("$['a'][0]").is_reference_path());
    assert!(!ok("$.a[*]").is_reference_path());
    assert!(!ok("$..a").is_reference_path());
    assert!(!ok("$.a[0,1]").is_reference_path());
    assert!(ok("$.a[0]").is_definite());
    assert!(!ok("$.a[1:]").is_definite());
    assert!(!ok("$.a[?(@.x)]").is_definite());
}

#[test]
fn errors_point_at_the_problem() {
    let e = err("KEY#$$.Execution.Id");
    assert_eq!(e.range, 0..1);
    let e = err("$.a.");
    assert_eq!(e.range, 3..4);
    assert!(e.message.contains("must not end with '.'"), "{}", e.message);
    let e = err("$.a[0");
    assert_eq!(e.range, 3..4, "{e:?}");
    let e = err("$.a b");
    assert!(e.message.contains("brackets"), "{}", e.message);
    let e = err("$.a[?(@.b == )]");
    assert_eq!(e.range, 13..14);
    let e = err("$['a]");
    assert!(e.message.contains("unclosed quote"));
    assert!(parse("$.a[x]").is_err());
    assert!(parse("$[(@.length-1)]").is_err());
}
