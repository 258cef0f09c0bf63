// Timing the way crates/asl-bench/src/timing.rs times the native side: a warm-up run, then
// samples until both a minimum count and a minimum total time are reached; the median sample is
// reported. Work faster than a millisecond is timed in batches (a sample is a batch's time divided
// by its size), since browsers round performance.now() to 0.1 ms. Runs in Node and in the page.

const MIN_SAMPLES = 5;
const MIN_TOTAL_MS = 1000;
const MAX_SAMPLES = 200;
const MIN_SAMPLE_MS = 2;
const MAX_BATCH = 1 << 16;

/** `{ms, runs, check}`: the median time of `work` (which may be async), the number of timed runs,
 * and `check(what the last run returned)`, computed outside the timed runs. */
export async function measure(work, check = (result) => result) {
  // Synchronous work is not awaited: an await costs more than the fastest workloads.
  const once = async () => {
    const result = work();
    return result instanceof Promise ? await result : result;
  };
  // Warm up, and find the batch size: doubled until a batch lasts a sample's minimum.
  let last = await once();
  let batch = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) last = await once();
    if (performance.now() - start >= MIN_SAMPLE_MS || batch >= MAX_BATCH) break;
    batch *= 2;
  }
  const samples = [];
  let total = 0;
  while (samples.length < MIN_SAMPLES || (total < MIN_TOTAL_MS && samples.length < MAX_SAMPLES)) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) {
      const result = work();
      last = result instanceof Promise ? await result : result;
    }
    const ms = performance.now() - start;
    total += ms;
    samples.push(ms / batch);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], runs: samples.length * batch, check: check(last) };
}

/** A short, comparable summary of a result: its JSON when short, else its length. */
export function summary(value) {
  const text = JSON.stringify(value);
  return text.length <= 100 ? text : `${text.length} chars of JSON`;
}
