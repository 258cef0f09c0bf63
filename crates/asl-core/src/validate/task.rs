//! Task states.

use super::graph::StateNode;
use super::state::Ctx;
use super::values::PathRule;
use super::{Checker, messages};
use crate::json::Member;

impl<'a> Checker<'a> {
    pub(super) fn task(&mut self, ctx: &Ctx<'a, '_>, node: &mut StateNode<'a>) {
        let (object, at) = (ctx.object, ctx.at);
        self.require(object, &["Resource"], at, ctx.head);
        if let Some(m) = object.member("Resource") {
            self.resource(m, ctx);
        }
        self.result_fields(ctx, "Parameters");
        let timeout = self.seconds(ctx, "TimeoutSeconds");
        let heartbeat = self.seconds(ctx, "HeartbeatSeconds");
        if let (Some(timeout), Some((heartbeat, member))) = (timeout, heartbeat)
            && heartbeat >= timeout.0
        {
            self.schema(
                "heartbeat-not-below-timeout",
                messages::HEARTBEAT_NOT_BELOW_TIMEOUT,
                &at.key("HeartbeatSeconds"),
                member.value.span,
            );
        }
        if let Some(m) = object.member("Credentials") {
            self.credentials(m, ctx);
        }
        self.handlers(ctx, node);
    }

    /// `TimeoutSeconds`/`HeartbeatSeconds` and their `…Path` twin (only one of the two).
    fn seconds(&mut self, ctx: &Ctx<'a, '_>, field: &str) -> Option<(i64, &'a Member)> {
        let path_field = format!("{field}Path");
        self.at_most_one(ctx.object, &[field, &path_field], ctx.at);
        if let Some(m) = ctx.object.member(&path_field) {
            self.path_field(m, &ctx.at.key(&path_field), PathRule::Numeric);
        }
        let m = ctx.object.member(field)?;
        let value = self.integer(m, &ctx.at.key(field), (1, 99_999_999), ctx.lang)?;
        Some((value, m))
    }

    /// `Credentials`: `RoleArn` (or, in JSONPath, `RoleArn.$`) is required.
    fn credentials(&mut self, member: &'a Member, ctx: &Ctx<'a, '_>) {
        let at = ctx.at.key("Credentials");
        let Some(object) = self.object(member, &at) else {
            return;
        };
        if !object.contains("RoleArn") && !object.contains("RoleArn.$") {
            self.schema(
                "missing-field",
                messages::required_but_missing("RoleArn"),
                &at,
                member.key.span,
            );
        }
        if ctx.lang == super::fields::QueryLanguage::JsonPath {
            self.template(member, &at);
        }
    }
}
