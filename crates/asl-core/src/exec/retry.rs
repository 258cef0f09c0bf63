//! Retry and Catch: which retrier or catcher handles an error, and how long a retry waits.

use super::error::{StatesError, names};
use super::rng::Rng;
use crate::model::Retrier;

/// True when an `ErrorEquals` list handles `error`. `States.ALL` matches everything but
/// `States.Runtime`; `States.TaskFailed` matches every error but `States.Timeout` (⚠ AWS's
/// exact set is not documented); `States.HeartbeatTimeout` matches a heartbeat timeout.
pub fn matches(error_equals: &[String], error: &StatesError) -> bool {
    if error.is_runtime() {
        return false;
    }
    let name = error.name();
    error_equals.iter().any(|e| {
        e == name
            || e == names::ALL
            || (e == names::TASK_FAILED && name != names::TIMEOUT && !name.is_empty())
            || (e == names::HEARTBEAT_TIMEOUT && error.heartbeat)
    })
}

/// The first handler (retrier or catcher) whose `ErrorEquals` matches.
pub fn first_match<'a, T>(
    handlers: &'a [T],
    error_equals: impl Fn(&T) -> &[String],
    error: &StatesError,
) -> Option<(usize, &'a T)> {
    handlers
        .iter()
        .enumerate()
        .find(|(_, h)| matches(error_equals(h), error))
}

/// The wait before retry number `attempt` (0 for the first retry) of a retrier:
/// `IntervalSeconds × BackoffRate^attempt`, capped by `MaxDelaySeconds`; with FULL jitter, a
/// uniform draw in `[0, that]`. In seconds.
pub fn backoff_seconds(retrier: &Retrier, attempt: u64, rng: &mut Rng) -> f64 {
    let exponent = i32::try_from(attempt).unwrap_or(i32::MAX);
    let mut delay = retrier.interval_seconds as f64 * retrier.backoff_rate.powi(exponent);
    if let Some(max) = retrier.max_delay_seconds {
        delay = delay.min(max as f64);
    }
    if retrier.full_jitter {
        delay *= rng.next_f64();
    }
    delay
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retrier(interval: u64, rate: f64, max_delay: Option<u64>) -> Retrier {
        Retrier {
            error_equals: vec!["States.ALL".into()],
            interval_seconds: interval,
            max_attempts: 3,
            backoff_rate: rate,
            max_delay_seconds: max_delay,
            full_jitter: false,
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let mut rng = Rng::new(0);
        let r = retrier(3, 2.0, None);
        assert_eq!(
            (
                backoff_seconds(&r, 0, &mut rng),
                backoff_seconds(&r, 1, &mut rng)
            ),
            (3.0, 6.0)
        );
        let r = retrier(3, 2.0, Some(4));
        assert_eq!(
            (
                backoff_seconds(&r, 0, &mut rng),
                backoff_seconds(&r, 1, &mut rng)
            ),
            (3.0, 4.0)
        );
        assert_eq!(backoff_seconds(&retrier(3, 1.5, None), 1, &mut rng), 4.5);
        let jittered = Retrier {
            full_jitter: true,
            ..retrier(10, 2.0, None)
        };
        let d = backoff_seconds(&jittered, 1, &mut rng);
        assert!((0.0..=20.0).contains(&d));
    }

    #[test]
    fn error_names_match_as_aws_matches_them() {
        let all = vec!["States.ALL".to_string()];
        assert!(matches(&all, &StatesError::new("Lambda.Unknown", "x")));
        assert!(!matches(&all, &StatesError::runtime("x")));
        let task = vec!["States.TaskFailed".to_string()];
        assert!(matches(&task, &StatesError::new("MyError", "x")));
        assert!(!matches(&task, &StatesError::new("States.Timeout", "")));
        assert!(!matches(&["A".to_string()], &StatesError::new("B", "")));
    }
}
