//! Conformance against responses recorded from real AWS Step Functions.
//!
//! Reads the corpus from `$ASL_CONFORMANCE_DIR` (default: `../shared/conformance` next to the
//! repository), runs every case the engine can answer through the `asl` binary, as a user would,
//! and prints a score per category. Cases
//! that are known to disagree with AWS are listed, each with its reason, in `known-failures.tsv`
//! beside this file. The run fails when a case outside that list fails (a regression) and when a
//! listed case passes or no longer exists (the list must stay true).

mod asl;
mod callbacks;
mod corpus;
mod executions;
mod test_state;
mod validation;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;

/// Cases not answered yet, by reason.
pub(crate) type Skipped = BTreeMap<&'static str, usize>;

/// The outcome of one case.
pub(crate) struct Outcome {
    pub(crate) id: String,
    pub(crate) category: String,
    /// `None` when the case passed; otherwise what differed.
    pub(crate) failure: Option<String>,
}

fn main() -> ExitCode {
    let dir = corpus_dir();
    if !dir.join("validation.jsonl").is_file() {
        println!(
            "conformance: no corpus at {} (set ASL_CONFORMANCE_DIR to run the AWS-recorded cases); skipping",
            dir.display()
        );
        return ExitCode::SUCCESS;
    }
    let known = known_failures();
    let mut outcomes = Vec::new();
    let mut skipped = Skipped::new();
    outcomes.extend(validation::run(&dir, &mut skipped));
    outcomes.extend(test_state::run(&dir, &mut skipped));
    outcomes.extend(executions::run(&dir, &mut skipped));

    let mut by_category: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for o in &outcomes {
        let entry = by_category.entry(&o.category).or_default();
        entry.1 += 1;
        if o.failure.is_none() {
            entry.0 += 1;
        }
    }
    println!(
        "conformance: {} cases from {}",
        outcomes.len(),
        dir.display()
    );
    for (category, (passed, total)) in &by_category {
        println!("  {category:<60} {passed:>4}/{total:<4}");
    }
    let passed = outcomes.iter().filter(|o| o.failure.is_none()).count();
    println!("  {:<60} {passed:>4}/{:<4}", "total", outcomes.len());
    for (reason, count) in &skipped {
        println!("  not answered yet: {count} ({reason})");
    }

    let mut problems = Vec::new();
    let seen: BTreeSet<&str> = outcomes.iter().map(|o| o.id.as_str()).collect();
    for o in &outcomes {
        match (&o.failure, known.contains_key(o.id.as_str())) {
            (Some(why), false) => problems.push(format!("REGRESSION {}\n    {why}", o.id)),
            (None, true) => problems.push(format!("STALE known failure now passes: {}", o.id)),
            _ => {}
        }
    }
    for id in known.keys() {
        if !seen.contains(id.as_str()) {
            problems.push(format!("STALE known failure not in the corpus: {id}"));
        }
    }
    let known_failing = outcomes
        .iter()
        .filter(|o| o.failure.is_some() && known.contains_key(&o.id))
        .count();
    println!("  known failures (listed with reasons in known-failures.tsv): {known_failing}");
    if problems.is_empty() {
        println!("conformance: ok");
        ExitCode::SUCCESS
    } else {
        for p in &problems {
            println!("{p}");
        }
        println!("conformance: {} problem(s)", problems.len());
        ExitCode::FAILURE
    }
}

fn corpus_dir() -> PathBuf {
    match std::env::var_os("ASL_CONFORMANCE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance"),
    }
}

/// `id<TAB>reason` lines; `#` starts a comment line.
fn known_failures() -> BTreeMap<String, String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/known-failures.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('\t') {
            Some((id, reason)) => (id.to_string(), reason.to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}
