// The Retry/Catch loop's flaky task, shared by the MockConfigFile the engine reads
// (workloads.mjs) and the local handler aws-local-stepfunctions calls (peers.mjs).

/** How the flaky task answers attempt `attempt` (0-based) of loop turn `turn`: every third turn
 * succeeds at once, the next succeeds on its retry, the next fails both attempts and is caught. */
export function flakyAnswer(turn, attempt) {
  const failures = turn % 3;
  return attempt < failures ? { error: 'Flaky', cause: `turn ${turn} attempt ${attempt}` } : { value: { turn } };
}
