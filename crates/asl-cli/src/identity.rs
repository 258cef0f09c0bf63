//! The options that name a run: account, region, names, start time and seed.

use asl_core::exec::context::{Identity, default_role_arn, parse_timestamp};

/// Who runs, where and when.
#[derive(Debug, clap::Args)]
pub(crate) struct IdentityArgs {
    /// The AWS account id in ARNs.
    #[arg(long, default_value = "123456789012")]
    account: String,
    /// The region in ARNs.
    #[arg(long, default_value = "us-east-1")]
    region: String,
    /// The state machine's name.
    #[arg(long, default_value = "Playground")]
    state_machine_name: String,
    /// The execution's name.
    #[arg(long = "name", default_value = "playground-execution")]
    execution_name: String,
    /// The execution role's ARN (default: a role in the account).
    #[arg(long)]
    role_arn: Option<String>,
    /// When the execution starts (RFC 3339); the virtual clock starts there.
    #[arg(long, default_value = "2024-01-01T00:00:00Z", value_parser = start_time)]
    start_time: i64,
    /// The seed of the run's random numbers (States.UUID, States.MathRandom, jitter).
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

fn start_time(text: &str) -> Result<i64, String> {
    parse_timestamp(text).ok_or_else(|| format!("'{text}' is not an RFC 3339 timestamp"))
}

impl IdentityArgs {
    pub(crate) fn identity(&self) -> Identity {
        Identity {
            partition: "aws".into(),
            region: self.region.clone(),
            account: self.account.clone(),
            state_machine_name: self.state_machine_name.clone(),
            execution_name: self.execution_name.clone(),
            role_arn: self
                .role_arn
                .clone()
                .unwrap_or_else(|| default_role_arn(&self.account)),
        }
    }

    pub(crate) fn start_millis(&self) -> i64 {
        self.start_time
    }

    pub(crate) fn seed(&self) -> u64 {
        self.seed
    }
}
