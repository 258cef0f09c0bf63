// The tools users would pick instead, on the same workloads: aws-local-stepfunctions for
// executions, jsonpath-plus for JSONPath, jsonata (the reference implementation) for JSONata and
// asl-validator for validation. Runs in Node (bench/run.mjs) and in Chromium (bench/page/) alike;
// the caller passes the libraries it loaded and a way to read the workload files.

import { measure, summary } from './timing.mjs';
import { flakyAnswer } from './flaky.mjs';

/** The task of the Retry/Catch loop, answering as the MockConfigFile does: `flakyAnswer`. */
function flakyHandler() {
  const attempts = new Map();
  return (input) => {
    const attempt = attempts.get(input.turn) ?? 0;
    attempts.set(input.turn, attempt + 1);
    const answer = flakyAnswer(input.turn, attempt);
    if (answer.error) {
      const error = new Error(answer.cause);
      error.name = answer.error;
      throw error;
    }
    return answer.value;
  };
}

/**
 * Every peer workload the given libraries can run: `{group, workload, engine, ms, runs, check}`.
 * `libs`: `{StateMachine, JSONPath, jsonata, aslValidator}` (any may be missing); `where`: "Node"
 * or "Chromium"; `read(name)`: a workload file's text.
 */
export async function runPeers(libs, where, read, manifest) {
  const results = [];
  const push = (group, workload, tool, timing) => results.push({ group, workload, engine: `${tool} (${where})`, ...timing });

  if (libs.StateMachine) {
    for (const workload of manifest.executions) {
      const definitionText = await read(workload.definition);
      const inputText = await read(workload.input);
      const timing = await measure(async () => {
        // From the texts to the outcome, as the engine is measured.
        const machine = new libs.StateMachine(JSON.parse(definitionText));
        const execution = machine.run(JSON.parse(inputText), {
          overrides: {
            taskResourceLocalHandlers: { Work: flakyHandler() },
            retryIntervalOverrides: { Work: 0 },
          },
        });
        try {
          return { status: 'SUCCEEDED', output: await execution.result };
        } catch (error) {
          return { status: 'FAILED', output: { error: error.name, cause: error.message } };
        }
      }, ({ status, output }) => `${status} ${summary(output)}`);
      push('executions', workload.id, 'aws-local-stepfunctions', timing);
    }
  }

  if (libs.JSONPath) {
    const document = JSON.parse(await read(manifest.jsonpath.document));
    for (const query of manifest.jsonpath.queries) {
      const timing = await measure(() => libs.JSONPath({ path: query.path, json: document, wrap: true }), summary);
      push('jsonpath', query.id, 'jsonpath-plus', timing);
    }
  }

  if (libs.jsonata) {
    const input = JSON.parse(await read(manifest.jsonata.input));
    for (const expression of manifest.jsonata.expressions) {
      // Parsing the expression included, as the engine is measured.
      const timing = await measure(() => libs.jsonata(expression.expression).evaluate({}, { states: { input } }), summary);
      push('jsonata', expression.id, 'jsonata-js', timing);
    }
  }

  if (libs.aslValidator) {
    for (const workload of manifest.validation) {
      const text = await read(workload.definition);
      const timing = await measure(() => libs.aslValidator(JSON.parse(text)), (r) => `valid: ${r.isValid}`);
      push('validation', workload.id, 'asl-validator', timing);
    }
  }
  return results;
}
