//! What a Task's `Resource` is, as the history names it.

/// How a Task waits for its work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// Call the API and move on.
    RequestResponse,
    /// `.sync` / `.sync:2`: run a job and wait for it.
    Sync,
    /// `.waitForTaskToken`: wait for a callback.
    WaitForTaskToken,
}

/// A Task's resource, understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskResource<'r> {
    /// A Lambda function ARN (`LambdaFunction…` events; the result is the function's return).
    LambdaFunction(&'r str),
    /// An activity ARN (`Activity…` events).
    Activity(&'r str),
    /// `arn:aws:states:::service:api[.pattern]` or `…:::aws-sdk:service:action` (`Task…`
    /// events).
    Integration {
        /// `resourceType` in the history: `lambda`, `aws-sdk:dynamodb`.
        resource_type: &'r str,
        /// `resource` in the history: `invoke`, `sendMessage.waitForTaskToken`.
        resource: &'r str,
        /// The integration pattern.
        pattern: Pattern,
    },
}

impl<'r> TaskResource<'r> {
    /// Classify a (validated) resource string.
    pub fn parse(text: &'r str) -> TaskResource<'r> {
        let mut parts = text.splitn(6, ':');
        let service = parts.nth(2).unwrap_or_default();
        let rest = parts.nth(2).unwrap_or_default();
        match service {
            "lambda" => return TaskResource::LambdaFunction(text),
            "states" if rest.starts_with("activity:") => return TaskResource::Activity(text),
            _ => {}
        }
        let call = text.split_once(":::").map_or(text, |(_, call)| call);
        let split = match call.strip_prefix("aws-sdk:") {
            Some(sdk) => sdk.find(':').map(|i| i + "aws-sdk:".len()),
            None => call.find(':'),
        };
        let (resource_type, resource) = match split {
            Some(i) => (&call[..i], &call[i + 1..]),
            None => (call, ""),
        };
        let pattern = if resource.ends_with(".waitForTaskToken") {
            Pattern::WaitForTaskToken
        } else if resource.contains(".sync") {
            Pattern::Sync
        } else {
            Pattern::RequestResponse
        };
        TaskResource::Integration {
            resource_type,
            resource,
            pattern,
        }
    }

    /// The integration pattern (a Lambda function or an activity is request-response and
    /// callback respectively).
    pub fn pattern(&self) -> Pattern {
        match self {
            TaskResource::LambdaFunction(_) => Pattern::RequestResponse,
            TaskResource::Activity(_) => Pattern::WaitForTaskToken,
            TaskResource::Integration { pattern, .. } => *pattern,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ];
        for (text, ty, res) in cases {
            let TaskResource::Integration {
                resource_type,
                resource,
                ..
            } = TaskResource::parse(text)
            else {
                panic!("{text}");
            };
            assert_eq!((resource_type, resource), (ty, res));
        }
        assert_eq!(
            TaskResource::parse("arn:aws:lambda:us-east-1:111111111111:function:f"),
            TaskResource::LambdaFunction("arn:aws:lambda:us-east-1:111111111111:function:f")
        );
        assert_eq!(
            TaskResource::parse("arn:aws:states:us-east-1:111111111111:activity:a").pattern(),
            Pattern::WaitForTaskToken
        );
        assert_eq!(
            TaskResource::parse("arn:aws:states:::states:startExecution.sync").pattern(),
            Pattern::Sync
        );
    }
}
