//! Task resources: Lambda functions, activities, optimized integrations, AWS SDK integrations.

use super::fields::QueryLanguage;
use super::state::Ctx;
use super::{Checker, is_jsonata, messages};
use crate::diag::{Code, Diagnostic};
use crate::json::Member;

/// How a Task waits for its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// Call the API and move on.
    RequestResponse,
    /// `.sync`: run a job and wait for it.
    Sync,
    /// `.sync:2`: as `.sync`, with the nested output as JSON.
    Sync2,
    /// `.waitForTaskToken`: wait for a callback.
    WaitForTaskToken,
}

impl Pattern {
    fn parse(suffix: &str) -> Option<Pattern> {
        match suffix {
            "" => Some(Pattern::RequestResponse),
            ".sync" => Some(Pattern::Sync),
            ".sync:2" => Some(Pattern::Sync2),
            ".waitForTaskToken" => Some(Pattern::WaitForTaskToken),
            _ => None,
        }
    }
}

/// A Task's `Resource`, understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Resource<'r> {
    /// `arn:aws:lambda:region:account:function:name[:qualifier]`.
    Lambda { qualified: bool },
    /// `arn:aws:states:region:account:activity:name`.
    Activity,
    /// `arn:aws:states:::service:api[.pattern]` (optimized) or `…:::aws-sdk:service:action`.
    Integration {
        service: &'r str,
        api: &'r str,
        pattern: Pattern,
        sdk: bool,
    },
}

/// An API of an optimized integration, and the patterns it supports besides request-response.
struct Api {
    name: &'static str,
    sync: bool,
    callback: bool,
}

impl Api {
    /// Request-response only.
    const fn rr(name: &'static str) -> Api {
        Api {
            name,
            sync: false,
            callback: false,
        }
    }
    /// Also `.sync`.
    const fn sync(name: &'static str) -> Api {
        Api {
            name,
            sync: true,
            callback: false,
        }
    }
    /// Also `.waitForTaskToken`.
    const fn callback(name: &'static str) -> Api {
        Api {
            name,
            sync: false,
            callback: true,
        }
    }
    /// Also `.sync` and `.waitForTaskToken`.
    const fn all(name: &'static str) -> Api {
        Api {
            name,
            sync: true,
            callback: true,
        }
    }
}

/// The optimized integrations and their APIs.
const INTEGRATIONS: &[(&str, &[Api])] = &[
    ("lambda", &[Api::callback("invoke")]),
    ("states", &[Api::all("startExecution")]),
    ("sqs", &[Api::callback("sendMessage")]),
    ("sns", &[Api::callback("publish")]),
    ("events", &[Api::callback("putEvents")]),
    ("apigateway", &[Api::callback("invoke")]),
    ("http", &[Api::rr("invoke")]),
    (
        "dynamodb",
        &[
            Api::rr("getItem"),
            Api::rr("putItem"),
            Api::rr("updateItem"),
            Api::rr("deleteItem"),
        ],
    ),
    ("batch", &[Api::all("submitJob")]),
    ("ecs", &[Api::all("runTask")]),
    ("glue", &[Api::all("startJobRun")]),
    ("databrew", &[Api::sync("startJobRun")]),
    (
        "athena",
        &[
            Api::sync("startQueryExecution"),
            Api::rr("stopQueryExecution"),
            Api::rr("getQueryExecution"),
            Api::rr("getQueryResults"),
        ],
    ),
    (
        "codebuild",
        &[
            Api::sync("startBuild"),
            Api::rr("stopBuild"),
            Api::rr("batchDeleteBuilds"),
            Api::rr("batchGetReports"),
            Api::sync("startBuildBatch"),
            Api::rr("stopBuildBatch"),
            Api::sync("retryBuildBatch"),
            Api::rr("deleteBuildBatch"),
        ],
    ),
    (
        "eks",
        &[
            Api::sync("createCluster"),
            Api::sync("deleteCluster"),
            Api::sync("createFargateProfile"),
            Api::sync("deleteFargateProfile"),
            Api::sync("createNodegroup"),
            Api::sync("deleteNodegroup"),
            Api::sync("runJob"),
            Api::rr("call"),
        ],
    ),
    (
        "elasticmapreduce",
        &[
            Api::sync("createCluster"),
            Api::sync("terminateCluster"),
            Api::sync("addStep"),
            Api::rr("cancelStep"),
            Api::rr("setClusterTerminationProtection"),
            Api::rr("modifyInstanceFleetByName"),
            Api::rr("modifyInstanceGroupByName"),
        ],
    ),
    (
        "emr-containers",
        &[
            Api::sync("startJobRun"),
            Api::rr("createVirtualCluster"),
            Api::sync("deleteVirtualCluster"),
        ],
    ),
    (
        "emr-serverless",
        &[
            Api::sync("createApplication"),
            Api::sync("startApplication"),
            Api::sync("stopApplication"),
            Api::sync("deleteApplication"),
            Api::sync("startJobRun"),
            Api::sync("cancelJobRun"),
        ],
    ),
    (
        "sagemaker",
        &[
            Api::rr("createEndpoint"),
            Api::rr("createEndpointConfig"),
            Api::sync("createHyperParameterTuningJob"),
            Api::sync("createLabelingJob"),
            Api::rr("createModel"),
            Api::sync("createProcessingJob"),
            Api::sync("createTrainingJob"),
            Api::sync("createTransformJob"),
            Api::rr("updateEndpoint"),
        ],
    ),
    ("mediaconvert", &[Api::sync("createJob")]),
    (
        "bedrock",
        &[
            Api::rr("invokeModel"),
            Api::sync("createModelCustomizationJob"),
        ],
    ),
];

/// Understand a resource string, or `None` when it is not one Step Functions recognises.
pub(crate) fn parse_resource(text: &str) -> Option<Resource<'_>> {
    let mut parts = text.splitn(6, ':');
    let (arn, partition, service, region, account, rest) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    if arn != "arn"
        || partition.is_empty()
        || !partition
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-')
    {
        return None;
    }
    let account_ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    match service {
        // AWS accepts a Lambda function ARN whose region and account are placeholders
        // (`arn:aws:lambda:your-region:your-account-id:function:f`, recorded in TestState).
        "lambda" if !region.is_empty() && !account.is_empty() => {
            let mut function = rest.split(':');
            let (kind, name) = (function.next()?, function.next()?);
            let qualifier = function.next();
            let valid_name = |s: &str| {
                !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            };
            if kind != "function" || !valid_name(name) || function.next().is_some() {
                return None;
            }
            if qualifier.is_some_and(|q| q.is_empty()) {
                return None;
            }
            Some(Resource::Lambda {
                qualified: qualifier.is_some(),
            })
        }
        "states" if region.is_empty() && account.is_empty() => integration(rest),
        "states" if !region.is_empty() && account_ok => {
            let name = rest.strip_prefix("activity:")?;
            (!name.is_empty() && !name.contains(':')).then_some(Resource::Activity)
        }
        _ => None,
    }
}

fn integration(rest: &str) -> Option<Resource<'_>> {
    let (sdk, rest) = match rest.strip_prefix("aws-sdk:") {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let (service, call) = rest.split_once(':')?;
    let split = call.find('.').unwrap_or(call.len());
    let (api, suffix) = call.split_at(split);
    let pattern = Pattern::parse(suffix)?;
    let word = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if !word(service) || !word(api) {
        return None;
    }
    if sdk {
        // AWS SDK integrations: any action, request-response or callback.
        return matches!(
            pattern,
            Pattern::RequestResponse | Pattern::WaitForTaskToken
        )
        .then_some(Resource::Integration {
            service,
            api,
            pattern,
            sdk,
        });
    }
    let (_, apis) = INTEGRATIONS.iter().find(|(s, _)| *s == service)?;
    let found = apis.iter().find(|a| a.name == api)?;
    let supported = match pattern {
        Pattern::RequestResponse => true,
        Pattern::Sync => found.sync,
        Pattern::Sync2 => found.sync && service == "states",
        Pattern::WaitForTaskToken => found.callback,
    };
    supported.then_some(Resource::Integration {
        service,
        api,
        pattern,
        sdk,
    })
}

impl<'a> Checker<'a> {
    /// A Task's `Resource`: recognised, allowed in this kind of machine, and (a warning) not an
    /// unqualified Lambda function.
    pub(super) fn resource(&mut self, member: &'a Member, ctx: &Ctx<'a, '_>) {
        let at = ctx.at.key("Resource");
        let Some(text) = self.string(member, &at) else {
            return;
        };
        let span = member.value.span;
        let Some(resource) = parse_resource(text) else {
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
                Resource::Activity => Some(messages::EXPRESS_ACTIVITY),
                Resource::Integration {
                    pattern: Pattern::Sync | Pattern::Sync2,
                    ..
                } => Some(messages::EXPRESS_SYNC),
                Resource::Integration {
                    pattern: Pattern::WaitForTaskToken,
                    ..
                } => Some(messages::EXPRESS_WAIT_FOR_TASK_TOKEN),
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
            Resource::Lambda { qualified: false } => self.unqualified_lambda(text, &at, span),
            Resource::Integration {
                service: "lambda",
                api: "invoke",
                sdk: false,
                ..
            } => {
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

    fn unqualified_lambda(
        &mut self,
        function: &str,
        at: &crate::json::pointer::Pointer,
        span: crate::text::Span,
    ) {
        self.push(
            Diagnostic::warning(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_resources() {
        use Resource::*;
        assert_eq!(
            parse_resource("arn:aws:lambda:us-east-1:123456789012:function:f"),
            Some(Lambda { qualified: false })
        );
        assert_eq!(
            parse_resource("arn:aws:lambda:us-east-1:123456789012:function:f:live"),
            Some(Lambda { qualified: true })
        );
        assert_eq!(
            parse_resource("arn:aws:states:us-east-1:123456789012:activity:a"),
            Some(Activity)
        );
        assert!(matches!(
            parse_resource("arn:aws:states:::states:startExecution.sync:2"),
            Some(Integration {
                pattern: Pattern::Sync2,
                ..
            })
        ));
        assert!(matches!(
            parse_resource("arn:aws:states:::aws-sdk:s3:listBuckets.waitForTaskToken"),
            Some(Integration {
                sdk: true,
                pattern: Pattern::WaitForTaskToken,
                ..
            })
        ));
        // AWS accepts placeholders for a function's region and account (recorded in TestState).
        assert!(matches!(
            parse_resource("arn:aws:lambda:your-region:your-account-id:function:f"),
            Some(Lambda { qualified: false })
        ));
        for bad in [
            "arn:aws:states:::dynamodb:query",
            "arn:aws:states:::dynamodb:putItem.sync",
            "arn:aws:states:::lambda:invoke.sync",
            "arn:aws:states:::sqs:sendMessage.sync:2",
            "arn:aws:states:::aws-sdk:s3:getObject.sync",
            "arn:aws:lambda:us-east-1::function:f",
            "not an arn",
            "arn:aws:states:::",
        ] {
            assert_eq!(parse_resource(bad), None, "{bad}");
        }
    }
}
