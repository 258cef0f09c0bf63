//! JSONata through a transport (the page's JSONata module, `jsonata::remote`) gives what JSONata
//! run here gives: the same runs, histories and diagnostics; a Map's input crosses once.

use asl_core::api::{self, RunRequest, ValidateOptions};
use asl_core::exec::run::RunOptions;
use asl_core::jsonata::remote::{self, Keep};
use std::cell::RefCell;
use std::rc::Rc;

/// Installs a transport that answers with `remote::serve` (what the module runs) and returns
/// the requests it carried.
fn install_module() -> Rc<RefCell<Vec<String>>> {
    let requests = Rc::new(RefCell::new(Vec::new()));
    let keep = Rc::new(RefCell::new(Keep::default()));
    let seen = Rc::clone(&requests);
    remote::install(Rc::new(move |request: &str| {
        seen.borrow_mut().push(request.to_string());
        remote::serve(request, &mut keep.borrow_mut())
    }));
    requests
}

const MACHINES: [(&str, &str); 5] = [
    (
        r#"{"QueryLanguage": "JSONata", "StartAt": "P", "States": {
            "P": {"Type": "Pass", "Assign": {"total": "{% $sum($states.input.items.price) %}"},
                  "Output": {"n": "{% $count($states.input.items) %}", "at": "{% $now() %}",
                             "id": "{% $states.context.Execution.Name %}", "r": "{% $random() %}",
                             "u": "{% $uuid() %}"}, "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Condition": "{% $total > 10 %}", "Next": "Big"}],
                  "Default": "Small"},
            "Big": {"Type": "Pass", "Output": "{% {'total': $total, 'input': $states.input} %}", "End": true},
            "Small": {"Type": "Succeed"}}}"#,
        r#"{"items": [{"price": 4}, {"price": 9}]}"#,
    ),
    (
        r#"{"QueryLanguage": "JSONata", "StartAt": "M", "States": {
            "M": {"Type": "Map", "Items": "{% $states.input.items %}",
                  "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}",
                                   "i": "{% $states.context.Map.Item.Index %}",
                                   "all": "{% $count($states.input.items) %}",
                                   "first": "{% $states.context.Execution.Input.items[0] %}"},
                  "ItemProcessor": {"StartAt": "Double", "States": {
                      "Double": {"Type": "Pass", "Output": "{% $states.input.v * 2 + $states.input.i %}", "End": true}}},
                  "Output": "{% {'sum': $sum($states.result), 'context': $states.context.Execution} %}",
                  "End": true}}}"#,
        r#"{"items": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}"#,
    ),
    (
        r#"{"QueryLanguage": "JSONata", "StartAt": "Boom", "States": {
            "Boom": {"Type": "Pass", "Output": "{% $states.input.missing.field %}", "End": true}}}"#,
        "{}",
    ),
    (
        r#"{"QueryLanguage": "JSONata", "StartAt": "T", "States": {
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Arguments": {"FunctionName": "f", "Payload": "{% $states.input %}"},
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": "Done"}],
                  "End": true},
            "Done": {"Type": "Fail", "Error": "{% 'Caught' %}", "Cause": "{% $string($states.input) %}"}}}"#,
        r#"{"x": 1}"#,
    ),
    (
        r#"{"QueryLanguage": "JSONata", "StartAt": "W", "States": {
            "W": {"Type": "Wait", "Seconds": "{% $states.input.wait %}", "Next": "E"},
            "E": {"Type": "Pass", "Output": "{% $eval('1') %}", "End": true}}}"#,
        r#"{"wait": 5}"#,
    ),
];

fn run(definition: &str, input: &str) -> String {
    let request = RunRequest {
        definition,
        input,
        mock_config: None,
        test_case: None,
        options: RunOptions::default(),
        children: Vec::new(),
        deliveries: 1,
    };
    api::run(request).to_json().to_string()
}

#[test]
fn runs_through_the_module_are_runs_here() {
    let here: Vec<String> = MACHINES.iter().map(|(d, i)| run(d, i)).collect();
    let requests = install_module();
    for ((definition, input), expected) in MACHINES.iter().zip(&here) {
        assert_eq!(&run(definition, input), expected, "{definition}");
    }
    assert!(
        !requests.borrow().is_empty(),
        "the transport carried nothing"
    );
}

#[test]
fn a_maps_input_crosses_once() {
    let marker = "crosses-once-marker";
    let items: Vec<String> = (0..50).map(|i| format!(r#"{{"n": {i}}}"#)).collect();
    let input = format!(r#"{{"tag": "{marker}", "items": [{}]}}"#, items.join(","));
    let (definition, _) = MACHINES[1];
    let here = run(definition, &input);
    let requests = install_module();
    assert_eq!(run(definition, &input), here);
    let requests = requests.borrow();
    let carrying = requests.iter().filter(|r| r.contains(marker)).count();
    // Not once per item (50): the items' selectors share one crossing, the Map's Items and
    // Output fields have theirs (2 in all today).
    assert!(carrying <= 3, "the input crossed {carrying} times");
    assert!(requests.iter().any(|r| r.contains("release")));
}

#[test]
fn diagnostics_through_the_module_are_diagnostics_here() {
    let definitions = [
        r#"{"QueryLanguage": "JSONata", "StartAt": "P", "States": {
            "P": {"Type": "Pass", "Output": "{% $states.input.a + %}", "End": true}}}"#,
        r#"{"QueryLanguage": "JSONata", "StartAt": "P", "States": {
            "P": {"Type": "Pass", "Output": "{% total + 1 %}", "Next": "Q"},
            "Q": {"Type": "Pass", "Output": "{% $states.result %}", "Next": "R"},
            "R": {"Type": "Pass", "Output": "{% $x ?? 1 %}", "End": true}}}"#,
    ];
    let options = ValidateOptions::default();
    let here: Vec<api::Validation> = definitions
        .iter()
        .map(|d| api::validate(d, &options))
        .collect();
    install_module();
    for (definition, expected) in definitions.iter().zip(&here) {
        let through = api::validate(definition, &options);
        assert_eq!(&through, expected);
        assert!(
            !through.ok && !through.diagnostics.is_empty(),
            "{through:?}"
        );
    }
}
