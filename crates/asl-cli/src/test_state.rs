//! `asl test-state`.

use crate::aws_shapes;
use crate::identity::IdentityArgs;
use crate::input;
use crate::output::outln;
use asl_core::test_state::{AwsShapes, TestStateOptions, sdk_service, test_state};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `asl test-state`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The TestState request, as AWS's API takes it (JSON); `-` reads standard input.
    request: PathBuf,
    #[command(flatten)]
    identity: IdentityArgs,
}

pub(crate) fn run(args: &Args) -> ExitCode {
    let bytes = match input::read(&args.request) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("asl: {message}");
            return ExitCode::from(2);
        }
    };
    let request: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(request) => request,
        Err(e) => {
            eprintln!(
                "asl: {}: the request is not JSON: {e}",
                input::display_name(&args.request)
            );
            return ExitCode::from(2);
        }
    };
    let options = TestStateOptions {
        identity: args.identity.identity(),
        start_millis: args.identity.start_millis(),
        seed: args.identity.seed(),
        shapes: shapes(&request),
    };
    match test_state(&request, &options) {
        Ok(response) => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&response).unwrap_or_default()
            );
            match response["status"].as_str() {
                Some("SUCCEEDED" | "CAUGHT_ERROR") => ExitCode::SUCCESS,
                _ => ExitCode::FAILURE,
            }
        }
        Err(error) => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&error.to_json()).unwrap_or_default()
            );
            ExitCode::from(2)
        }
    }
}

/// The embedded table of the AWS SDK service the request's mocked result is checked against.
fn shapes(request: &serde_json::Value) -> AwsShapes {
    let mut shapes = AwsShapes::default();
    match sdk_service(request).and_then(|service| aws_shapes::table(&service)) {
        Some(Ok(table)) => shapes.insert(table),
        Some(Err(why)) => eprintln!("asl: the mocked result is not checked: {why}"),
        None => {}
    }
    shapes
}
