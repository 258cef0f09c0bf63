//! Task resources: recognised by Step Functions, allowed in this kind of machine, and (a warning)
//! not an unqualified Lambda function. The classification itself is [`crate::resource`].

use super::fields::QueryLanguage;
use super::state::Ctx;
use super::{Checker, is_jsonata, messages};
use crate::diag::{Code, Diagnostic};
use crate::json::Member;
use crate::resource::{Integration, Pattern, Resource};

impl<'a> Checker<'a> {
    /// A Task's `Resource`: recognised, allowed in this kind of machine, and (a warning) not an
    /// unqualified Lambda function.
    pub(super) fn resource(&mut self, member: &'a Member, ctx: &Ctx<'a, '_>) {
        let at = ctx.at.key("Resource");
        let Some(text) = self.string(member, &at) else {
            return;
        };
        let span = member.value.span;
        if crate::placeholder::find(text).is_some() {
            // Reported as an unresolved placeholder, which says what to do.
            return;
        }
        let Some(resource) = Resource::parse(text).filter(Resource::is_supported) else {
            self.schema(
                "unknown-resource",
                messages::resource_not_recognized(text),
                &at,
                span,
            );
            return;
        };
        if ctx.scope.express {
            let problem = match resource {
                Resource::Activity { .. } => Some(messages::EXPRESS_ACTIVITY),
                Resource::Integration(Integration {
                    pattern: Pattern::Sync | Pattern::Sync2,
                    ..
                }) => Some(messages::EXPRESS_SYNC),
                Resource::Integration(Integration {
                    pattern: Pattern::WaitForTaskToken,
                    ..
                }) => Some(messages::EXPRESS_WAIT_FOR_TASK_TOKEN),
                _ => None,
            };
            if let Some(message) = problem {
                self.schema_help(
                    "express-unsupported-integration",
                    message,
                    &at,
                    span,
                    "Express workflows run for at most five minutes and cannot wait for jobs, \
                     callbacks or activity workers; use a Standard workflow",
                );
            }
        }
        match resource {
            Resource::LambdaFunction {
                qualified: false, ..
            } => self.unqualified_lambda(text, &at, span),
            Resource::Integration(Integration {
                service: "lambda",
                api: "invoke",
                sdk: false,
                ..
            }) => {
                self.invoked_function(ctx);
            }
            _ => {}
        }
    }

    /// `lambda:invoke` with a literal `FunctionName` that names no version or alias.
    fn invoked_function(&mut self, ctx: &Ctx<'a, '_>) {
        let field = match ctx.lang {
            QueryLanguage::JsonPath => "Parameters",
            QueryLanguage::Jsonata => "Arguments",
        };
        let Some(args) = ctx.object.get(field).and_then(|n| n.as_object()) else {
            return;
        };
        if args.contains("Qualifier") {
            return;
        }
        let Some(m) = args.member("FunctionName") else {
            return;
        };
        let Some(name) = m.value.as_str().filter(|s| !is_jsonata(s)) else {
            return;
        };
        let qualified = match name.strip_prefix("arn:") {
            Some(_) => name.split(':').count() > 7,
            // "123456789012:function:name" or "name", with ":qualifier" after.
            None if name.contains(":function:") => name.split(':').count() > 3,
            None => name.contains(':'),
        };
        if !qualified {
            let at = ctx.at.key(field).key("FunctionName");
            self.unqualified_lambda(name, &at, m.value.span);
        }
    }

    /// Advice (the lowest severity) to call a published version or an alias: once per function,
    /// and never for a name still to be substituted (`${Function}`).
    fn unqualified_lambda(
        &mut self,
        function: &'a str,
        at: &crate::json::pointer::Pointer,
        span: crate::text::Span,
    ) {
        if crate::placeholder::find(function).is_some()
            || !self.advised_functions.insert(function_name(function))
        {
            return;
        }
        self.push(
            Diagnostic::info(
                Code::UnqualifiedLambdaArn,
                "unqualified-lambda",
                "The Lambda function is called without a version or alias: executions that are \
                 already running will call whatever code is deployed next",
            )
            .at(at.as_str())
            .span(span)
            .help(format!(
                "Publish a version or point an alias at it, and call it by that name: \
                 {function}:1 or {function}:live"
            )),
        );
    }
}

/// The function a Lambda ARN or `FunctionName` names, whatever the form: `f` for `f`,
/// `123456789012:function:f` and `arn:aws:lambda:us-east-1:123456789012:function:f`.
fn function_name(function: &str) -> &str {
    let name = function
        .split_once(":function:")
        .map_or(function, |(_, name)| name);
    name.split(':').next().unwrap_or(name)
}
