//! Task resources: what a `Resource` string names, classified in one place for validation, the
//! executor and TestState.
//!
//! - `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`: a Lambda function;
//! - `arn:aws:states:REGION:ACCOUNT:activity:NAME`: an activity;
//! - `arn:aws:states:::SERVICE:API[.sync|.sync:2|.waitForTaskToken]`: an optimized integration,
//!   and `arn:aws:states:::aws-sdk:SERVICE:ACTION[.waitForTaskToken]` an AWS SDK one. AWS also
//!   accepts both with the region and account written in
//!   (`arn:aws:states:us-east-1:123456789012:lambda:invoke`): the same integration.

/// How a Task waits for its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
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

    /// True for `.sync` and `.sync:2`: the task waits for a job.
    pub fn is_sync(self) -> bool {
        matches!(self, Pattern::Sync | Pattern::Sync2)
    }
}

/// A Task's `Resource`, understood.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource<'r> {
    /// A Lambda function ARN (`LambdaFunction…` events; the result is the function's return).
    LambdaFunction {
        /// The whole ARN.
        arn: &'r str,
        /// True when it names a version or an alias.
        qualified: bool,
    },
    /// An activity ARN (`Activity…` events).
    Activity {
        /// The whole ARN.
        arn: &'r str,
    },
    /// A service integration (`Task…` events).
    Integration(Integration<'r>),
}

/// A service integration: optimized (`lambda:invoke`) or AWS SDK (`aws-sdk:s3:getObject`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Integration<'r> {
    /// The service: `lambda`, `s3`.
    pub service: &'r str,
    /// The API without its pattern: `invoke`, `getObject`.
    pub api: &'r str,
    /// The integration pattern.
    pub pattern: Pattern,
    /// True for an AWS SDK integration.
    pub sdk: bool,
    /// `resourceType` in the history: `lambda`, `aws-sdk:dynamodb`.
    pub resource_type: &'r str,
    /// `resource` in the history: `invoke`, `sendMessage.waitForTaskToken`.
    pub resource: &'r str,
}

impl<'r> Resource<'r> {
    /// Classify a resource string by its form, or `None` when it has none Step Functions knows.
    /// An optimized integration's API is not checked against the ones AWS offers: that is
    /// [`Resource::is_supported`].
    pub fn parse(text: &'r str) -> Option<Resource<'r>> {
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
                if kind != "function" || !is_word(name) || function.next().is_some() {
                    return None;
                }
                if qualifier.is_some_and(str::is_empty) {
                    return None;
                }
                Some(Resource::LambdaFunction {
                    arn: text,
                    qualified: qualifier.is_some(),
                })
            }
            "states" if region.is_empty() && account.is_empty() => integration(rest),
            "states" if !region.is_empty() && account_ok => match rest.strip_prefix("activity:") {
                Some(name) => (!name.is_empty() && !name.contains(':'))
                    .then_some(Resource::Activity { arn: text }),
                None => integration(rest),
            },
            _ => None,
        }
    }

    /// True when Step Functions offers this resource: an optimized integration's API must be
    /// one of the service's, with a pattern it supports; AWS SDK integrations take any action,
    /// request-response or callback.
    pub fn is_supported(&self) -> bool {
        let Resource::Integration(integration) = self else {
            return true;
        };
        if integration.sdk {
            return matches!(
                integration.pattern,
                Pattern::RequestResponse | Pattern::WaitForTaskToken
            );
        }
        let Some((_, apis)) = INTEGRATIONS.iter().find(|(s, _)| *s == integration.service) else {
            return false;
        };
        let Some(api) = apis.iter().find(|a| a.name == integration.api) else {
            return false;
        };
        match integration.pattern {
            Pattern::RequestResponse => true,
            Pattern::Sync => api.sync,
            Pattern::Sync2 => api.sync && integration.service == "states",
            Pattern::WaitForTaskToken => api.callback,
        }
    }

    /// The integration pattern (a Lambda function is request-response, an activity waits for
    /// its worker as a callback does).
    pub fn pattern(&self) -> Pattern {
        match self {
            Resource::LambdaFunction { .. } => Pattern::RequestResponse,
            Resource::Activity { .. } => Pattern::WaitForTaskToken,
            Resource::Integration(integration) => integration.pattern,
        }
    }

    /// The integration, when it is one.
    pub fn integration(&self) -> Option<&Integration<'r>> {
        match self {
            Resource::Integration(integration) => Some(integration),
            _ => None,
        }
    }
}

impl<'r> Integration<'r> {
    /// A resource of no known form, named by its whole text.
    pub fn opaque(text: &'r str) -> Integration<'r> {
        Integration {
            service: text,
            api: text,
            pattern: Pattern::RequestResponse,
            sdk: false,
            resource_type: text,
            resource: "",
        }
    }

    /// The same integration called request-response: what the call that starts a job or hands
    /// out a token answers.
    pub fn request_response(&self) -> Integration<'r> {
        Integration {
            pattern: Pattern::RequestResponse,
            resource: self.api,
            ..*self
        }
    }
}

/// `SERVICE:API[.pattern]` or `aws-sdk:SERVICE:ACTION[.pattern]`.
fn integration(rest: &str) -> Option<Resource<'_>> {
    let sdk = rest.starts_with("aws-sdk:");
    let after_prefix = if sdk { &rest["aws-sdk:".len()..] } else { rest };
    let (service, call) = after_prefix.split_once(':')?;
    let type_len = rest.len() - call.len() - 1;
    let split = call.find('.').unwrap_or(call.len());
    let (api, suffix) = call.split_at(split);
    let pattern = Pattern::parse(suffix)?;
    if !is_word(service) || !is_word(api) {
        return None;
    }
    Some(Resource::Integration(Integration {
        service,
        api,
        pattern,
        sdk,
        resource_type: &rest[..type_len],
        resource: call,
    }))
}

fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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

#[cfg(test)]
mod tests {
    use super::*;

    fn supported(text: &str) -> Option<Resource<'_>> {
        Resource::parse(text).filter(Resource::is_supported)
    }

    #[test]
    fn recognises_resources() {
        assert_eq!(
            supported("arn:aws:lambda:us-east-1:123456789012:function:f"),
            Some(Resource::LambdaFunction {
                arn: "arn:aws:lambda:us-east-1:123456789012:function:f",
                qualified: false
            })
        );
        assert!(matches!(
            supported("arn:aws:lambda:us-east-1:123456789012:function:f:live"),
            Some(Resource::LambdaFunction {
                qualified: true,
                ..
            })
        ));
        assert!(matches!(
            supported("arn:aws:states:us-east-1:123456789012:activity:a"),
            Some(Resource::Activity { .. })
        ));
        assert_eq!(
            supported("arn:aws:states:::states:startExecution.sync:2").map(|r| r.pattern()),
            Some(Pattern::Sync2)
        );
        assert!(matches!(
            supported("arn:aws:states:::aws-sdk:s3:listBuckets.waitForTaskToken"),
            Some(Resource::Integration(Integration {
                sdk: true,
                pattern: Pattern::WaitForTaskToken,
                ..
            }))
        ));
        // AWS accepts placeholders for a function's region and account (recorded in TestState).
        assert!(matches!(
            supported("arn:aws:lambda:your-region:your-account-id:function:f"),
            Some(Resource::LambdaFunction { .. })
        ));
        for bad in [
            "arn:aws:states:::dynamodb:query",
            "arn:aws:states:::dynamodb:putItem.sync",
            "arn:aws:states:::lambda:invoke.sync",
            "arn:aws:states:::sqs:sendMessage.sync:2",
            "arn:aws:states:::aws-sdk:s3:getObject.sync",
            "arn:aws:lambda:us-east-1::function:f",
            "arn:aws:states:us-east-1::lambda:invoke",
            "arn:aws:states::123456789012:lambda:invoke",
            "not an arn",
            "arn:aws:states:::",
        ] {
            assert_eq!(supported(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_integration_with_region_and_account_is_the_short_one() {
        for (long, short) in [
            (
                "arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject",
                "arn:aws:states:::aws-sdk:s3:getObject",
            ),
            (
                "arn:aws:states:us-east-1:123456789012:lambda:invoke",
                "arn:aws:states:::lambda:invoke",
            ),
            (
                "arn:aws-us-gov:states:us-gov-west-1:123456789012:athena:startQueryExecution.sync",
                "arn:aws:states:::athena:startQueryExecution.sync",
            ),
        ] {
            let (long, short) = (supported(long), supported(short));
            assert!(long.is_some());
            assert_eq!(long, short);
        }
    }

    #[test]
    fn resources_are_named_as_the_history_names_them() {
        let cases = [
            ("arn:aws:states:::lambda:invoke", "lambda", "invoke"),
            (
                "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "sqs",
                "sendMessage.waitForTaskToken",
            ),
            (
                "arn:aws:states:::states:startExecution.sync:2",
                "states",
                "startExecution.sync:2",
            ),
            (
                "arn:aws:states:::aws-sdk:dynamodb:putItem",
                "aws-sdk:dynamodb",
                "putItem",
            ),
            (
                "arn:aws:states:eu-west-1:123456789012:aws-sdk:dynamodb:putItem",
                "aws-sdk:dynamodb",
                "putItem",
            ),
        ];
        for (text, ty, res) in cases {
            let integration = *Resource::parse(text).unwrap().integration().unwrap();
            assert_eq!((integration.resource_type, integration.resource), (ty, res));
        }
    }
}
