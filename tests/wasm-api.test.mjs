// The JavaScript API (crates/asl-wasm) answers exactly what `asl validate --format json` prints.
// scripts/test.sh builds it for Node into target/asl-wasm-node first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const { validate, run, evaluate, Document, testState, testStateService } = require(join(ROOT, "target/asl-wasm-node/asl_wasm.js"));
const ASL = process.env.ASL_BIN ?? join(ROOT, "target/debug/asl");
const CASES = join(ROOT, "crates/asl-core/tests/cases/validate");

function cli(file, args) {
  try {
    return JSON.parse(execFileSync(ASL, ["validate", file, "--format", "json", ...args], { encoding: "utf8" }));
  } catch (e) {
    if (e.status === 1) return JSON.parse(e.stdout);
    throw e;
  }
}

test("validate() agrees with the CLI on every case of the corpus", () => {
  let compared = 0;
  for (const dir of readdirSync(CASES)) {
    for (const name of readdirSync(join(CASES, dir))) {
      const file = join(CASES, dir, name);
      const text = readFileSync(file, "utf8");
      const format = name.endsWith(".yaml") ? "yaml" : undefined;
      const type = dir === "express" ? "EXPRESS" : "STANDARD";
      assert.deepEqual(validate(text, { type, format }), cli(file, ["--type", type]), file);
      compared++;
    }
  }
  assert.ok(compared >= 150, `only ${compared} cases`);
});

test("testState() checks an aws-sdk result against the table its caller fetched, as `asl test-state` does", () => {
  const dir = join(ROOT, "crates/asl-core/tests/cases/test_state");
  let checked = 0;
  for (const name of readdirSync(dir).filter((n) => n.startsWith("sdk-mock-"))) {
    const { request } = JSON.parse(readFileSync(join(dir, name), "utf8"));
    request.definition = JSON.stringify(request.definition);
    const service = testStateService(request);
    const table = join(ROOT, "aws-shapes", `${service}.json`);
    const shapes = service && existsSync(table) ? [readFileSync(table, "utf8")] : undefined;
    let answer;
    try {
      answer = testState(request, shapes);
    } catch (e) {
      answer = JSON.parse(e.message);
    }
    let printed;
    try {
      printed = execFileSync(ASL, ["test-state", "-"], { input: JSON.stringify(request), encoding: "utf8" });
    } catch (e) {
      printed = e.stdout;
    }
    assert.deepEqual(answer, JSON.parse(printed), name);
    checked += 1;
  }
  assert.ok(checked >= 9, `${checked} cases`);
});

test("validate() takes AWS's request options", () => {
  const text = JSON.stringify({
    StartAt: "A",
    States: { A: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:f", End: true } },
  });
  assert.equal(validate(text).diagnostics[0].code, "UNQUALIFIED_LAMBDA_ARN");
  assert.deepEqual(validate(text, { severity: "ERROR" }), { result: "OK", diagnostics: [], truncated: false });
  const many = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true, X: 1, Y: 2 } } });
  assert.deepEqual(validate(many, { maxResults: 1 }).truncated, true);
  assert.throws(() => validate(text, { type: "LAMBDA" }), /not a machine type/);
});

test("run() gives what `asl run --format json` prints", () => {
  const templates = join(ROOT, "web/templates");
  const definition = join(templates, "hello-world.asl.json");
  const input = join(templates, "hello-world.input.json");
  const mocks = join(templates, "hello-world.mocks.json");
  let printed;
  try {
    printed = execFileSync(ASL, ["run", definition, "--input", input, "--mock-config", mocks,
      "--test-case", "ThrottledUntilCaught", "--seed", "3", "--format", "json"], { encoding: "utf8" });
  } catch (e) {
    assert.equal(e.status, 1, "the execution fails: the card is never charged");
    printed = e.stdout;
  }
  const response = run(readFileSync(definition, "utf8"), {
    input: readFileSync(input, "utf8"),
    mockConfig: readFileSync(mocks, "utf8"),
    testCase: "ThrottledUntilCaught",
    seed: 3,
  });
  assert.deepEqual(response.execution, JSON.parse(printed));
  assert.equal(response.execution.status, "FAILED");
  assert.equal(response.execution.retries.length, 3);
  const problem = run(readFileSync(definition, "utf8"), { input: "[1,", mockConfig: "" }).problem;
  assert.equal(problem.source, "input");
  assert.equal(problem.line, 1);
  const outcome = run(readFileSync(definition, "utf8"), {
    input: readFileSync(input, "utf8"),
    mockConfig: readFileSync(mocks, "utf8"),
    testCase: "ThrottledUntilCaught",
    seed: 3,
    history: false,
  }).execution;
  assert.equal(outcome.events, undefined, "history: false leaves the history out");
  assert.equal(outcome.retries, undefined);
  const { events, retries, catches, ...described } = response.execution;
  assert.ok(events.length > 0 && retries && catches);
  assert.deepEqual(outcome, described, "and keeps DescribeExecution's fields");
});

test("a Document answers as evaluate() does, query after query", () => {
  const data = { orders: [{ id: "a", total: 600 }, { id: "b", total: 20 }], name: "Ada" };
  const doc = new Document(JSON.stringify(data), { variables: { limit: 100 } });
  for (const expression of [
    "$.orders[?(@.total > 500)].id",
    "$..id",
    "States.ArrayLength($.orders)",
    "{% $sum($states.input.orders.total) %}",
    "{% $states.input.orders[total > $limit].id %}",
    "{% $states.input.nope.nope %}",
    "$.nope",
    "{% 1 + %}",
  ]) {
    const once = evaluate(expression, { input: data, variables: { limit: 100 } });
    assert.deepEqual(doc.evaluate(expression), once, expression);
    assert.deepEqual(doc.evaluate(expression), once, `${expression}, asked again`);
  }
  assert.deepEqual(doc.evaluate("{% $states.input.orders[total > $limit].id %}"), { value: "a" });
  assert.throws(() => new Document("{\"orders\": [1,"), /The document is not JSON: .*line 1/);
  doc.free();
});
