// The data-flow panel shows what each stage of a state does to its JSON.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const MACHINE = JSON.stringify({
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Next: "ChargeCard" },
    ChargeCard: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "charge:live", "Payload.$": "$.order" },
      ResultSelector: { "chargeId.$": "$.Payload.id", "amount.$": "$.Payload.amount" },
      ResultPath: "$.charge",
      OutputPath: "$.charge",
      End: true,
    },
  },
}, null, 2);

test("every stage of a Parameters + ResultSelector + ResultPath + OutputPath task", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.openTab("data-flow");
    await ui.page.getByTestId("state-picker").selectOption("ChargeCard");
    await ui.page.getByTestId("state-input").fill('{"order": {"id": "A-1", "total": 30}, "customer": "ada"}');
    await ui.page.getByTestId("task-result").fill('{"Payload": {"id": "ch_1", "amount": 30}, "StatusCode": 200}');
    await ui.page.getByTestId("data-flow-status").filter({ hasText: "SUCCEEDED" }).waitFor();
    const input = { order: { id: "A-1", total: 30 }, customer: "ada" };
    assert.deepEqual(await ui.stage("input"), input);
    assert.deepEqual(await ui.stage("afterInputPath"), input);
    assert.deepEqual(await ui.stage("afterParameters"), { FunctionName: "charge:live", Payload: { id: "A-1", total: 30 } });
    assert.deepEqual(await ui.stage("result"), { Payload: { id: "ch_1", amount: 30 }, StatusCode: 200 });
    assert.deepEqual(await ui.stage("afterResultSelector"), { chargeId: "ch_1", amount: 30 });
    assert.deepEqual(await ui.stage("afterResultPath"), { ...input, charge: { chargeId: "ch_1", amount: 30 } });
    assert.deepEqual(await ui.stage("output"), { chargeId: "ch_1", amount: 30 });
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("placing the cursor in a state picks it", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.openTab("data-flow");
    await ui.placeCursorAfter('"Prepare": {');
    assert.equal(await ui.page.getByTestId("state-picker").inputValue(), "Prepare");
    await ui.placeCursorAfter('"ResultSelector"');
    assert.equal(await ui.page.getByTestId("state-picker").inputValue(), "ChargeCard");
    await ui.page.getByTestId("stage-afterResultSelector").waitFor();
  } finally {
    await ui.close();
  }
});

test("the stage that fails is marked, with AWS's error", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.openTab("data-flow");
    await ui.page.getByTestId("state-picker").selectOption("ChargeCard");
    await ui.page.getByTestId("state-input").fill('{"customer": "ada"}');
    const error = ui.page.getByTestId("data-flow-error");
    await error.waitFor();
    assert.equal(
      await error.textContent(),
      "States.Runtime: The JSONPath '$.order' specified for the field 'Payload.$' could not be found in the input '{\"customer\":\"ada\"}'",
    );
    assert.match(await ui.page.getByTestId("stage-afterParameters").getAttribute("class"), /stage--failed/);
  } finally {
    await ui.close();
  }
});
