// The browser side of the benchmark suite: the engine as WebAssembly (asl-wasm, built with the
// site's size-first profile and wasm-opt, as the playground ships) and the peers' browser builds,
// on the workloads of /workloads/. bench/run.mjs opens this page in Chromium and calls
// `window.runBenchmarks()`.

import init, { Document, run, validate } from '/wasm/asl_wasm.js';
import { StateMachine } from '/node_modules/aws-local-stepfunctions/build/main.browser.esm.js';
import { JSONPath } from '/node_modules/jsonpath-plus/dist/index-browser-esm.js';
import { runPeers } from '/bench/peers.mjs';
import { measure, summary } from '/bench/timing.mjs';

const ENGINE = 'asl (wasm, Chromium)';

async function read(name) {
  const response = await fetch(`/workloads/${name}`);
  if (!response.ok) throw new Error(`/workloads/${name}: ${response.status}`);
  return response.text();
}

/** The engine's workloads, measured as natively (crates/asl-bench). */
async function ours(manifest) {
  const results = [];
  const push = (group, workload, timing) => results.push({ group, workload, engine: ENGINE, ...timing });

  for (const workload of manifest.executions) {
    const definition = await read(workload.definition);
    const options = {
      input: await read(workload.input),
      mockConfig: workload.mocks ? await read(workload.mocks) : undefined,
      testCase: workload.testCase,
      type: workload.type,
      // The outcome, not the history: aws-local-stepfunctions gives its caller the output only.
      history: false,
    };
    push('executions', workload.id, await measure(
      () => run(definition, options),
      ({ execution }) => (execution ? `${execution.status} ${summary(JSON.parse(execution.output ?? 'null'))}` : 'not run'),
    ));
  }

  const document = new Document(await read(manifest.jsonpath.document));
  for (const query of manifest.jsonpath.queries) {
    push('jsonpath', query.id, await measure(() => document.evaluate(query.path), (r) => summary(r.value)));
  }
  document.free();

  const input = new Document(await read(manifest.jsonata.input));
  for (const expression of manifest.jsonata.expressions) {
    const text = `{% ${expression.expression} %}`;
    push('jsonata', expression.id, await measure(() => input.evaluate(text), (r) => summary(r.value)));
  }
  input.free();

  for (const workload of manifest.validation) {
    const text = await read(workload.definition);
    push('validation', workload.id, await measure(() => validate(text), (r) => `valid: ${r.result === 'OK'}`));
  }
  return results;
}

window.runBenchmarks = async () => {
  await init();
  const manifest = JSON.parse(await read('manifest.json'));
  const mine = await ours(manifest);
  const peers = await runPeers({ StateMachine, JSONPath, jsonata: window.jsonata }, 'Chromium', read, manifest);
  return [...mine, ...peers];
};
window.benchmarksReady = true;
