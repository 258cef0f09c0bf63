use super::*;

fn ok(text: &str) -> Call {
    parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

fn err(text: &str) -> IntrinsicError {
    parse(text).expect_err(text)
}

#[test]
fn there_are_eighteen_functions() {
    assert_eq!(Function::ALL.len(), 18);
    for f in Function::ALL {
        assert_eq!(Function::from_name(f.name()), Some(*f));
    }
}

#[test]
fn arguments_of_every_kind() {
    let call = ok("States.Array('Foo', 2020, $.someJson, null, true, -1.5, States.UUID())");
    assert_eq!(call.function, Function::Array);
    assert_eq!(call.args.len(), 7);
    assert!(matches!(call.args[2], Arg::Path(..)));
    assert!(matches!(call.args[3], Arg::Null));
    assert!(matches!(&call.args[6], Arg::Call(c) if c.function == Function::Uuid));
    let call = ok("States.Format('{} and {}', $$.Execution.Id, $myVar)");
    assert_eq!(call.args.len(), 3);
}

#[test]
fn paths_with_brackets_and_commas_stay_one_argument() {
    let call = ok("States.Array($.a[0,1], $.b[?(@.c == 'x,y')], $['d e'])");
    assert_eq!(call.args.len(), 3);
}

#[test]
fn escapes_in_strings() {
    let call = ok(r"States.Format('Welcome to {} {}\'s playlist.', $.a, $.b)");
    let Arg::String(s) = &call.args[0] else {
        panic!()
    };
    assert_eq!(s.value(), "Welcome to {} {}'s playlist.");
    let call = ok(r"States.Format('\{\} {} \\', $.a)");
    let Arg::String(s) = &call.args[0] else {
        panic!()
    };
    assert_eq!(s.raw.as_ref(), r"\{\} {} \\");
    // An open backslash is rejected when the machine is created.
    let e = err(r#"States.StringToJson('{"text":"An \"escaped\" here"}')"#);
    assert!(
        e.message.contains(r#"'\"' is not an escape"#),
        "{}",
        e.message
    );
}

#[test]
fn arity_is_checked() {
    assert!(
        err("States.UUID(1)")
            .message
            .contains("takes 0 arguments, not 1")
    );
    assert!(
        err("States.MathAdd(1)")
            .message
            .contains("takes 2 arguments, not 1")
    );
    assert!(
        err("States.Format()")
            .message
            .contains("at least 1 argument")
    );
    ok("States.MathRandom(1, 10)");
    ok("States.MathRandom(1, 10, 7)");
}

#[test]
fn nesting_is_limited() {
    let mut text = String::from("States.UUID()");
    for _ in 0..9 {
        text = format!("States.Array({text})");
    }
    ok(&text);
    let deeper = format!("States.Array({text})");
    assert!(err(&deeper).message.contains("nest at most 10"));
}

#[test]
fn errors_point_into_the_text() {
    let e = err("States.Formatt('x')");
    assert_eq!(e.range, 0..14);
    let e = err("States.Format('x', $.a b)");
    assert_eq!(e.range.start, 23);
    let e = err("States.Format('x'");
    assert!(e.message.contains("unclosed"), "{}", e.message);
    assert!(parse("States.StringSplit($.a, ',')[0]").is_err());
}
