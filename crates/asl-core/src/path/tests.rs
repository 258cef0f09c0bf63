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

mod eval {
    use super::super::*;
    use serde_json::{Value, json};

    fn eval(path: &str, data: &Value) -> Result<Value, PathFailure> {
        let context = json!({"Execution": {"Id": "arn:x"}});
        let mut variables = serde_json::Map::new();
        variables.insert("answer".into(), json!({"value": 42}));
        parse(path).unwrap().eval(Roots {
            data,
            context: &context,
            variables: &variables,
        })
    }

    #[test]
    fn definite_paths_return_the_node() {
        assert_eq!(
            eval("$.items[0]", &json!({"items": [{"a": 1}]})),
            Ok(json!({"a": 1}))
        );
        assert_eq!(
            eval("$.items[-1]", &json!({"items": [1, 2, 3]})),
            Ok(json!(3))
        );
        assert_eq!(eval("$", &json!(5)), Ok(json!(5)));
        assert_eq!(eval("$$.Execution.Id", &json!({})), Ok(json!("arn:x")));
        assert_eq!(eval("$answer.value", &json!({})), Ok(json!(42)));
    }

    #[test]
    fn definite_failures_name_the_failing_step() {
        assert_eq!(
            eval("$.NoSuchInputPath", &json!({"a": 0}))
                .unwrap_err()
                .to_string(),
            "No results for path: $['NoSuchInputPath']"
        );
        assert_eq!(
            eval("$.no.such.result.path", &json!({}))
                .unwrap_err()
                .to_string(),
            "Missing property in path $['no']"
        );
        assert_eq!(
            eval("$.a[5]", &json!({"a": [1]})).unwrap_err().to_string(),
            "No results for path: $['a'][5]"
        );
        assert_eq!(
            eval("$nope", &json!({})),
            Err(PathFailure::UnknownVariable("nope".into()))
        );
    }

    #[test]
    fn indefinite_paths_return_arrays() {
        let doc = json!({"vals": [0, 10, 20, 30, 40, 50], "a": [1, 2, 3, 4]});
        assert_eq!(eval("$.vals[-3:]", &doc), Ok(json!([30, 40, 50])));
        assert_eq!(eval("$.a[0:2]", &doc), Ok(json!([1, 2])));
        assert_eq!(eval("$.a[0,2]", &doc), Ok(json!([1, 3])));
        assert_eq!(eval("$.items[*].v", &json!({})), Ok(json!([])));
        assert_eq!(
            eval("$..v", &json!({"a": {"v": 1}, "b": [{"v": 2}]})),
            Ok(json!([1, 2]))
        );
        assert_eq!(
            eval("$.items[*]", &json!({"items": {"x": 1, "y": 2}})),
            Ok(json!([1, 2]))
        );
    }

    #[test]
    fn descent_lists_matches_in_document_order_as_rfc_9535_does() {
        let doc = json!({
            "a": {"a": 1, "z": [{"a": 2}, {"x": {"a": 3}}]},
            "b": [[{"a": 4}], {"a": {"a": 5}}],
            "c": "a",
        });
        let rfc = serde_json_path::JsonPath::parse("$..a").unwrap();
        let expected: Vec<Value> = rfc.query(&doc).all().into_iter().cloned().collect();
        assert_eq!(eval("$..a", &doc), Ok(Value::Array(expected)));
        assert_eq!(eval("$..a", &json!([1, "a"])), Ok(json!([])));
    }

    #[test]
    fn filters_follow_jayway() {
        let users = json!({"users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}]});
        assert_eq!(
            eval("$.users[?(@.status == 0)]", &users),
            Ok(json!([{"year": 1997, "status": 0}]))
        );
        assert_eq!(
            eval("$.users[?(@.year > 1997 && @.status)]", &users),
            Ok(json!([{"year": 1998, "status": 1}]))
        );
        // Jayway difference: loose equality between a number and a numeric string.
        assert_eq!(
            eval(
                "$[?(@.key == 42)]",
                &json!([{"key": "42"}, {"key": 42}, {"key": "x"}])
            ),
            Ok(json!([{"key": "42"}, {"key": 42}]))
        );
        // Jayway difference: a filter on an object tests the object itself.
        assert_eq!(
            eval("$[?(@.key)]", &json!({"key": 42, "another": {"key": 1}})),
            Ok(json!([{"key": 42, "another": {"key": 1}}]))
        );
        // Jayway operators RFC 9535 does not have.
        assert_eq!(
            eval(
                "$[?(@.t in ['a', 'b'])].t",
                &json!([{"t": "a"}, {"t": "c"}])
            ),
            Ok(json!(["a"]))
        );
        assert_eq!(
            eval(
                "$[?(@.name =~ /^a.*/i)].name",
                &json!([{"name": "Anna"}, {"name": "bob"}])
            ),
            Ok(json!(["Anna"]))
        );
        assert_eq!(
            eval(
                "$[?(@.tags size 2)]",
                &json!([{"tags": [1, 2]}, {"tags": [1]}])
            ),
            Ok(json!([{"tags": [1, 2]}]))
        );
        assert_eq!(eval("$[?(@.a == $.b)]", &json!([{"a": 1}])), Ok(json!([])));
    }

    #[test]
    fn jayway_functions_and_merges() {
        assert_eq!(
            eval("$.items.length()", &json!({"items": [1, 2, 3]})),
            Ok(json!(3))
        );
        assert_eq!(
            eval(
                "$.items[*].n.sum()",
                &json!({"items": [{"n": 1}, {"n": 2}]})
            ),
            Ok(json!(3.0))
        );
        assert_eq!(
            eval("$['a','b']", &json!({"a": 1, "b": 2, "c": 3})),
            Ok(json!({"a": 1, "b": 2}))
        );
        assert!(matches!(
            eval("$.items.nope()", &json!({"items": []})),
            Err(PathFailure::Function(_))
        ));
    }

    #[test]
    fn result_paths_merge_into_the_input() {
        let write = |path: &str, input: Value, result: Value| {
            write_result(&parse(path).unwrap(), input, result)
        };
        let input = json!({"master": {"detail": [1, 2, 3]}});
        assert_eq!(
            write("$.master.detail", input.clone(), json!(6)),
            Ok(json!({"master": {"detail": 6}}))
        );
        assert_eq!(
            write("$.master.result.sum", input, json!(6)),
            Ok(json!({"master": {"detail": [1, 2, 3], "result": {"sum": 6}}}))
        );
        assert_eq!(write("$", json!({"a": 1}), json!("x")), Ok(json!("x")));
        assert_eq!(
            write("$.x", json!("input1"), json!(1)),
            Err(ResultPathError)
        );
        assert_eq!(
            write("$.a[0].b", json!({"a": [{}]}), json!(1)),
            Ok(json!({"a": [{"b": 1}]}))
        );
        assert_eq!(
            write("$.a[3].b", json!({"a": [{}]}), json!(1)),
            Err(ResultPathError)
        );
    }
}
