// JSONata in the browser: the editor marks the expressions inside strings, the data-flow panel
// shows Arguments → result → Output and the variables, and a run evaluates them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const MACHINE = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "Charge",
  States: {
    Charge: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Arguments: { FunctionName: "charge", Payload: { total: "{% $sum($states.input.lines.price) %}" } },
      Assign: { charged: "{% $states.result.Payload.amount %}" },
      Output: { chargeId: "{% $states.result.Payload.id %}" },
      Next: "Done",
    },
    Done: { Type: "Pass", Output: { id: "{% $states.input.chargeId %}", amount: "{% $charged %}" }, End: true },
  },
}, null, 2);

test("JSONata expressions are marked in the editor and shown stage by stage", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.page.getByTestId("mark-jsonata").first().waitFor();
    const marks = await ui.page.getByTestId("mark-jsonata").allTextContents();
    assert.deepEqual(marks, [
      "{% $sum($states.input.lines.price) %}",
      "{% $states.result.Payload.amount %}",
      "{% $states.result.Payload.id %}",
      "{% $states.input.chargeId %}",
      "{% $charged %}",
    ]);
    await ui.openTab("data-flow");
    await ui.page.getByTestId("state-picker").selectOption("Charge");
    await ui.page.getByTestId("state-input").fill('{"lines": [{"price": 20}, {"price": 22}]}');
    await ui.page.getByTestId("task-result").fill('{"Payload": {"id": "ch_1", "amount": 42}}');
    await ui.page.getByTestId("data-flow-status").filter({ hasText: "SUCCEEDED" }).waitFor();
    assert.deepEqual(await ui.stage("afterArguments"), { FunctionName: "charge", Payload: { total: 42 } });
    assert.deepEqual(await ui.stage("result"), { Payload: { id: "ch_1", amount: 42 } });
    assert.deepEqual(await ui.stage("output"), { chargeId: "ch_1" });
    assert.deepEqual(await ui.stage("variables"), { charged: 42 });
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("a JSONata expression that does not parse is pointed at", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE.replace("$sum($states.input.lines.price)", "$sum($states.input.lines.price]"));
    const problem = ui.page.getByTestId("diagnostic-item").filter({ hasText: "INVALID_JSONATA_EXPRESSION" });
    await problem.waitFor();
    assert.match(await problem.textContent(), /Expected "\)", got "\]"/);
    await problem.click();
    assert.equal(await ui.selectedText(), "]");
  } finally {
    await ui.close();
  }
});

test("a JSONPath state converted to JSONata gives the same output", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(JSON.stringify({
      StartAt: "Charge",
      States: {
        Charge: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          InputPath: "$.order",
          Parameters: { FunctionName: "charge", "Payload.$": "$" },
          ResultSelector: { "total.$": "$.Payload.total" },
          ResultPath: "$.charge",
          End: true,
        },
      },
    }, null, 2));
    await ui.openTab("data-flow");
    await ui.page.getByTestId("state-picker").selectOption("Charge");
    await ui.page.getByTestId("state-input").fill('{"order": {"id": "A-1"}}');
    await ui.page.getByTestId("task-result").fill('{"Payload": {"total": 42}}');
    await ui.page.getByTestId("data-flow-status").filter({ hasText: "SUCCEEDED" }).waitFor();
    const before = await ui.stage("output");
    await ui.page.getByTestId("convert-to-jsonata").click();
    const definition = JSON.parse(await ui.definition());
    assert.equal(definition.States.Charge.QueryLanguage, "JSONata");
    assert.deepEqual(definition.States.Charge.Arguments, { FunctionName: "charge", Payload: "{% $states.input.order %}" });
    assert.equal(definition.States.Charge.InputPath, undefined);
    await ui.page.getByTestId("stage-afterArguments").waitFor();
    // JSONata's module may still be loading when the converted state is first shown.
    await ui.page.getByTestId("stage-output").getByTestId("stage-json")
      .filter({ hasNotText: "not reached" }).waitFor();
    assert.deepEqual(await ui.stage("output"), before);
    assert.deepEqual(before, { order: { id: "A-1" }, charge: { total: 42 } });
    // A state already in JSONata is not offered the conversion again.
    await ui.page.getByTestId("convert-to-jsonata").waitFor({ state: "hidden" });
  } finally {
    await ui.close();
  }
});

test("JSONata's module is fetched the first time a definition needs it, and once", async () => {
  const ui = await PlaygroundPage.open();
  try {
    const fetched = () =>
      ui.page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((entry) => new URL(entry.name).pathname)
          .filter((path) => path.startsWith("/jsonata/")),
      );
    // The opening template reads no JSONata: the first screen does not fetch it.
    await ui.result.filter({ hasText: "OK" }).waitFor();
    assert.deepEqual(await fetched(), []);
    const machine = (items) =>
      JSON.stringify({
        QueryLanguage: "JSONata",
        StartAt: "Sum",
        States: { Sum: { Type: "Pass", Output: { sum: `{% $sum(${items}) %}` }, End: true } },
      });
    await ui.setDefinition(machine("[1, 2, 3]"));
    await ui.openTab("run");
    // Pressed at once: the execution waits for the module, then runs.
    await ui.page.getByTestId("run-button").click();
    await ui.page.getByTestId("run-status").filter({ hasText: "SUCCEEDED" }).waitFor();
    assert.deepEqual(JSON.parse(await ui.page.getByTestId("run-output").textContent()), { sum: 6 });
    await ui.setDefinition(machine("[1, 2, 3, 4]"));
    await ui.page.getByTestId("run-button").click();
    await ui.page.getByTestId("run-output").filter({ hasText: "10" }).waitFor();
    assert.deepEqual((await fetched()).sort(), ["/jsonata/asl_jsonata_wasm.js", "/jsonata/asl_jsonata_wasm_bg.wasm"]);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
