//! The executions the playground runs: how the current one was started (its name, a start
//! preset, Express delivery), and what the world has done to it since (answers to waiting
//! tasks, the clock moving on, a stop, a redrive). A run is a pure function of these, so every
//! action runs the execution again with one more action; an action AWS would refuse is shown
//! with AWS's error and dropped.

use crate::jsonata::Jsonata;
use crate::state::{Playground, Tab};
use crate::templates::{OPENING, TEMPLATES, Template};
use asl_core::api::{self, Begun, ExecutionExport, RunRequest, RunResult, Running, Start, Starts};
use asl_core::exec::run::{Action, RunOptions};
use asl_core::validate::MachineType;
use leptos::prelude::*;
use serde_json::Value;

const API_GATEWAY: &str = include_str!("../../../web/templates/presets/api-gateway.json");
const EVENTBRIDGE: &str = include_str!("../../../web/templates/presets/eventbridge-s3.json");

/// Who starts the execution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Preset {
    /// StartExecution, as the console calls it.
    Console,
    /// An API Gateway route integrated with StartExecution: the caller only gets the ARN.
    ApiGateway,
    /// An EventBridge rule on S3 "Object Created" events: the input is the event.
    EventBridge,
}

impl Preset {
    pub(crate) const ALL: [Preset; 3] = [Preset::Console, Preset::ApiGateway, Preset::EventBridge];

    pub(crate) fn id(self) -> &'static str {
        match self {
            Preset::Console => "console",
            Preset::ApiGateway => "api-gateway",
            Preset::EventBridge => "eventbridge",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Preset::Console => "StartExecution (console, SDK)",
            Preset::ApiGateway => "API Gateway request",
            Preset::EventBridge => "EventBridge: S3 Object Created",
        }
    }

    /// The sample input the preset starts with.
    fn sample(self) -> Option<&'static str> {
        match self {
            Preset::Console => None,
            Preset::ApiGateway => Some(API_GATEWAY),
            Preset::EventBridge => Some(EVENTBRIDGE),
        }
    }
}

/// The run session, provided as context.
#[derive(Clone, Copy)]
pub(crate) struct Session {
    playground: Playground,
    /// The execution's input (JSON text).
    pub(crate) input: RwSignal<String>,
    /// The mock configuration (a Step Functions Local MockConfigFile, JSON text).
    pub(crate) mocks: RwSignal<String>,
    /// The test cases the mock configuration offers.
    pub(crate) test_cases: Memo<Vec<String>>,
    /// The test case to run (empty: the configuration's only one).
    pub(crate) test_case: RwSignal<String>,
    /// The execution name the user gave (empty: a fresh one per run).
    pub(crate) name: RwSignal<String>,
    /// Who starts it.
    pub(crate) preset: RwSignal<Preset>,
    /// Express: StartSyncExecution rather than StartExecution.
    pub(crate) sync: RwSignal<bool>,
    /// Express: deliver the execution twice (at-least-once).
    pub(crate) twice: RwSignal<bool>,
    /// What the world has done to the current execution.
    pub(crate) actions: RwSignal<Vec<Action>>,
    /// The current execution.
    pub(crate) result: RwSignal<Option<RunResult>>,
    /// What starting it said (idempotency, the caller's response).
    pub(crate) message: RwSignal<Option<String>>,
    /// The last action AWS would have refused.
    pub(crate) refused: RwSignal<Option<String>>,
    /// The history event selected.
    pub(crate) selected_event: RwSignal<Option<u64>>,
    /// The template the definition is (its id); empty once the definition is no longer the
    /// template's, which makes the work the user's own.
    pub(crate) template: RwSignal<&'static str>,
    /// The definition as the last template opened it.
    template_definition: StoredValue<String>,
    /// The workspaces set aside when a template or an import replaced the user's own work.
    pub(crate) recent: RwSignal<Vec<crate::workspace::Recent>>,
    /// The opened template's `meta.json`, for a gallery template.
    pub(crate) template_meta: RwSignal<Option<String>>,
    /// The template being fetched, if one is.
    pub(crate) picking: RwSignal<Option<&'static str>>,
    /// The executions started so far (StartExecution's idempotency).
    starts: StoredValue<Starts>,
    /// Runs started, for fresh names.
    counter: StoredValue<u32>,
    /// The current execution's name.
    current_name: StoredValue<String>,
    /// An execution under way, run a slice at a time between frames (its name and export).
    under_way: StoredValue<Option<(String, ExecutionExport, Running)>, LocalStorage>,
    /// While an execution is under way: how many states it has entered so far.
    pub(crate) progress: RwSignal<Option<u64>>,
    /// Run was asked for while JSONata's module was loading: the execution starts once it is.
    run_when_loaded: StoredValue<bool>,
}

/// How long a slice of an execution under way may run, in milliseconds: the page stays
/// responsive (it paints and takes input between slices) while a long execution runs.
const SLICE_MILLIS: f64 = 12.0;
/// Moves between two looks at the clock (a move can take from a microsecond to a millisecond).
const MOVES_PER_LOOK: u64 = 64;

/// Run the execution for one slice: its outcome, if it ended (or waits for an answer) within it.
fn run_slice(running: &mut Running) -> Option<RunResult> {
    let now = || window().performance().map_or(0.0, |p| p.now());
    let until = now() + SLICE_MILLIS;
    loop {
        if let Some(result) = running.run_for(MOVES_PER_LOOK) {
            return Some(result);
        }
        if now() >= until {
            return None;
        }
    }
}

impl Session {
    pub(crate) fn new(playground: Playground) -> Self {
        let opening = &TEMPLATES[0];
        let mocks = RwSignal::new(OPENING.mocks.to_string());
        let test_cases = Memo::new(move |_| {
            let machine = RunOptions::default().identity.state_machine_name;
            mocks.with(|text| api::mock_test_cases(text, &machine))
        });
        let session = Session {
            playground,
            input: RwSignal::new(OPENING.input.to_string()),
            mocks,
            test_cases,
            test_case: RwSignal::new(opening.test_case.to_string()),
            name: RwSignal::new(String::new()),
            preset: RwSignal::new(Preset::Console),
            sync: RwSignal::new(false),
            twice: RwSignal::new(false),
            actions: RwSignal::new(Vec::new()),
            result: RwSignal::new(None),
            message: RwSignal::new(None),
            refused: RwSignal::new(None),
            selected_event: RwSignal::new(None),
            template: RwSignal::new(opening.id),
            template_definition: StoredValue::new(OPENING.definition.to_string()),
            recent: RwSignal::new(crate::workspace::recent()),
            template_meta: RwSignal::new(None),
            picking: RwSignal::new(None),
            starts: StoredValue::new(Starts::default()),
            counter: StoredValue::new(0),
            current_name: StoredValue::new(String::new()),
            under_way: StoredValue::new_local(None),
            progress: RwSignal::new(None),
            run_when_loaded: StoredValue::new(false),
        };
        // The template's label goes once its definition is edited.
        Effect::new(move |_| {
            let edited = playground.definition.with(|text| {
                session
                    .template_definition
                    .with_value(|opened| text != opened)
            });
            if edited && !session.template.get_untracked().is_empty() {
                session.template.set("");
            }
        });
        Effect::new(move |_| {
            let arrived = matches!(playground.jsonata.get(), Jsonata::Ready | Jsonata::Failed);
            if arrived && session.run_when_loaded.get_value() {
                session.run_when_loaded.set_value(false);
                session.start();
            }
        });
        session
    }

    fn express(self) -> bool {
        self.playground.machine_type.get_untracked() == MachineType::Express
    }

    /// Use a preset: its sample input.
    pub(crate) fn choose_preset(self, preset: Preset) {
        self.preset.set(preset);
        if let Some(sample) = preset.sample() {
            self.input.set(sample.to_string());
        }
    }

    /// True when the definition is the user's own: no template's as it opened.
    pub(crate) fn is_own(self) -> bool {
        self.template.get_untracked().is_empty()
    }

    /// Load a template's input and mocks.
    pub(crate) fn load(self, input: &str, mocks: &str, test_case: &str) {
        self.abandon();
        self.input.set(input.to_string());
        self.mocks.set(mocks.to_string());
        self.test_case.set(test_case.to_string());
        self.result.set(None);
        self.actions.set(Vec::new());
        self.message.set(None);
        self.refused.set(None);
    }

    /// Open a template: its definition, input and mocks, once fetched (a later pick wins).
    pub(crate) fn pick_template(self, template: &'static Template) {
        self.picking.set(Some(template.id));
        leptos::task::spawn_local(async move {
            let files = template.files().await;
            if self.picking.get_untracked() != Some(template.id) {
                return;
            }
            self.picking.set(None);
            match files {
                Ok(files) => {
                    crate::workspace::keep_if_own(self.playground, self);
                    self.template_definition.set_value(files.definition.clone());
                    self.playground.definition.set(files.definition);
                    self.playground.picked_state.set(None);
                    self.load(&files.input, &files.mocks, template.test_case);
                    self.template_meta.set(files.meta);
                    self.template.set(template.id);
                }
                Err(message) => {
                    self.message.set(Some(format!(
                        "The template \"{}\" could not be opened: {message}",
                        template.label
                    )));
                    // The picker shows the open template again.
                    self.template.update(|_| {});
                }
            }
        });
    }

    /// Run a template's path: its test case, then what its callbacks script does.
    pub(crate) fn run_path(self, test_case: &str, actions: Vec<Action>) {
        self.test_case.set(test_case.to_string());
        self.start();
        for action in actions {
            self.act(action);
        }
    }

    /// StartExecution: a new execution (or, under a name already used, what AWS does then). A
    /// long execution goes on in slices between frames; [`Session::stop_running`] stops it.
    pub(crate) fn start(self) {
        if self.playground.jsonata.get_untracked() == Jsonata::Loading {
            self.run_when_loaded.set_value(true);
            self.message.set(Some(
                "JSONata is loading: the execution starts as soon as it is there.".into(),
            ));
            return;
        }
        self.abandon();
        let typed = self.name.get_untracked().trim().to_string();
        let name = if typed.is_empty() {
            let n = self.counter.get_value() + 1;
            self.counter.set_value(n);
            format!("playground-run-{n}")
        } else {
            typed
        };
        let export = self.export_as(&name, Vec::new());
        let request = self.request(&export);
        self.playground.tab.set(Tab::Run);
        match self
            .starts
            .with_value(|starts| starts.check_request(&request))
        {
            Start::Existing => self.message.set(Some(format!(
                "StartExecution returned the execution already running as '{name}' \
                 (same name, same input): nothing new started."
            ))),
            Start::AlreadyExists(message) => self
                .message
                .set(Some(format!("ExecutionAlreadyExists: {message}"))),
            Start::New => match api::begin(request) {
                Begun::Done(result) => self.started(name, result),
                Begun::Running(mut running) => match run_slice(&mut running) {
                    // Most executions end within the first slice: shown at once.
                    Some(result) => self.started(name, result),
                    None => {
                        // The last execution's outcome is not this one's.
                        self.result.set(None);
                        self.message.set(None);
                        self.progress.set(Some(running.transitions()));
                        self.under_way.set_value(Some((name, export, running)));
                        self.next_slice();
                    }
                },
            },
        }
    }

    /// Run the next slice of the execution under way after the browser has had its turn.
    fn next_slice(self) {
        set_timeout(
            move || {
                let Some((name, export, mut running)) =
                    self.under_way.try_update_value(Option::take).flatten()
                else {
                    return;
                };
                match run_slice(&mut running) {
                    Some(result) => self.started(name, result),
                    None => {
                        self.progress.set(Some(running.transitions()));
                        self.under_way.set_value(Some((name, export, running)));
                        self.next_slice();
                    }
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// Stop the execution under way (StopExecution): it is shown aborted where it got to.
    pub(crate) fn stop_running(self) {
        if let Some((name, _, running)) = self.under_way.try_update_value(Option::take).flatten() {
            self.started(name, running.stop());
        }
    }

    /// Forget the execution under way, if any (another one starts, or the page is reset).
    fn abandon(self) {
        self.under_way.set_value(None);
        self.progress.set(None);
    }

    /// A new execution has an outcome: it becomes the current one.
    fn started(self, name: String, result: RunResult) {
        self.progress.set(None);
        self.starts.update_value(|starts| starts.remember(&result));
        self.current_name.set_value(name);
        self.actions.set(Vec::new());
        self.refused.set(None);
        self.message.set(self.caller_response(&result));
        self.result.set(Some(result));
        self.selected_event.set(None);
    }

    /// What the caller of an API Gateway start is told.
    fn caller_response(self, result: &RunResult) -> Option<String> {
        let RunResult::Ran(execution) = result else {
            return None;
        };
        (self.preset.get_untracked() == Preset::ApiGateway).then(|| {
            let response = execution.start_response();
            format!(
                "API Gateway answered its caller with StartExecution's response only: {response}. \
                 The outcome below is not sent back: the caller must poll DescribeExecution or be notified."
            )
        })
    }

    /// The execution named `name`, as it stands after `actions`.
    fn export_as(self, name: &str, actions: Vec<Action>) -> ExecutionExport {
        let mut options = RunOptions {
            express: self.express(),
            actions,
            ..RunOptions::default()
        };
        options.identity.execution_name = name.to_string();
        ExecutionExport {
            definition: self.playground.definition.get_untracked(),
            input: self.input.get_untracked(),
            mock_config: Some(self.mocks.get_untracked()),
            test_case: Some(self.test_case.get_untracked()),
            options,
            children: Vec::new(),
        }
    }

    /// The current execution's export.
    pub(crate) fn export(self) -> ExecutionExport {
        self.export_as(&self.current_name.get_value(), self.actions.get_untracked())
    }

    /// How an export runs here: delivered twice when the at-least-once switch is on.
    fn request(self, export: &ExecutionExport) -> RunRequest<'_> {
        let mut request = export.request();
        request.deliveries = if self.express() && self.twice.get_untracked() {
            2
        } else {
            1
        };
        request
    }

    /// Run the current execution again with what the world has done so far.
    fn rerun(self) {
        self.abandon();
        let export = self.export();
        let result = api::run(self.request(&export));
        self.starts.update_value(|s| s.remember(&result));
        self.result.set(Some(result));
    }

    /// The world does something to the execution: run it again with that. An action AWS would
    /// refuse is reported and dropped.
    pub(crate) fn act(self, action: Action) {
        self.actions.update(|actions| actions.push(action));
        self.rerun();
        let index = self.actions.with_untracked(Vec::len) - 1;
        let refusal = self.result.with_untracked(|result| match result {
            Some(RunResult::Ran(execution)) => execution
                .action_errors
                .iter()
                .find(|e| e.action == index)
                .map(|e| format!("{}: {}", e.code, e.message)),
            _ => None,
        });
        self.refused.set(refusal.clone());
        if refusal.is_some() {
            self.actions.update(|actions| {
                actions.pop();
            });
            self.rerun();
        }
    }

    /// Load an exported execution and run it to where it was.
    pub(crate) fn import(self, text: &str) -> Result<(), String> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("The export is not JSON: {e}"))?;
        let export = ExecutionExport::from_json(&value)?;
        self.playground.definition.set(export.definition.clone());
        self.playground.machine_type.set(if export.options.express {
            MachineType::Express
        } else {
            MachineType::Standard
        });
        self.input.set(export.input.clone());
        self.mocks
            .set(export.mock_config.clone().unwrap_or_default());
        self.test_case
            .set(export.test_case.clone().unwrap_or_default());
        self.current_name
            .set_value(export.options.identity.execution_name.clone());
        self.actions.set(export.options.actions);
        self.refused.set(None);
        self.message.set(Some(
            "Imported: the execution ran again to where it was.".into(),
        ));
        self.rerun();
        self.playground.tab.set(Tab::Run);
        Ok(())
    }
}

/// The run session of the page.
pub(crate) fn use_session() -> Session {
    expect_context::<Session>()
}
