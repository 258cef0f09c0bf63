// Waiting for the world in the browser: a callback task waits with its token, and the user
// answers it, or lets its heartbeat run out by moving the clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

async function startCallbackTemplate(ui) {
  await ui.pickTemplate("callback");
  await ui.page.getByTestId("run-button").click();
  await ui.page.getByTestId("run-status").filter({ hasText: "RUNNING" }).waitFor();
}

test("the callback template waits, and a success answer finishes it with that output", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await startCallbackTemplate(ui);
    const task = ui.page.getByTestId("waiting-task");
    assert.equal(await task.getAttribute("data-state"), "RequestApproval");
    const token = await task.getByTestId("task-token").textContent();
    assert.match(token, /^AQC[A-Za-z0-9+/]{20,}$/);
    await task.getByTestId("success-output").fill('{"approved": true, "by": "ada"}');
    await task.getByTestId("send-success").click();
    await ui.page.getByTestId("run-status").filter({ hasText: "SUCCEEDED" }).waitFor();
    const output = JSON.parse(await ui.page.getByTestId("run-output").textContent());
    assert.deepEqual(output, { orderId: "A-1002", total: 4800, approval: { approved: true, by: "ada" } });
    const types = await ui.page.getByTestId("history-row").evaluateAll((rows) => rows.map((r) => r.dataset.type));
    assert.deepEqual(types.slice(0, 6), [
      "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded",
    ]);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("a heartbeat that runs out is caught as States.HeartbeatTimeout", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await startCallbackTemplate(ui);
    await ui.page.getByTestId("advance-seconds").fill("61");
    await ui.page.getByTestId("advance").click();
    await ui.page.getByTestId("run-status").filter({ hasText: "SUCCEEDED" }).waitFor();
    const output = JSON.parse(await ui.page.getByTestId("run-output").textContent());
    assert.deepEqual(output.error, { Error: "States.Timeout", Cause: "" });
    assert.match(output.escalation, /went quiet/);
    const notes = await ui.page.getByTestId("history-note").allTextContents();
    assert.deepEqual(notes, ["⤷ caught by RequestApproval (Catch[0]) → EscalateToManager: States.Timeout"]);
    const timedOut = ui.page.locator('[data-testid="history-row"][data-type="TaskTimedOut"]');
    assert.match(await timedOut.textContent(), /\+60\.000s/);
  } finally {
    await ui.close();
  }
});

test("an answer AWS would refuse is shown with AWS's error", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await startCallbackTemplate(ui);
    const task = ui.page.getByTestId("waiting-task");
    await task.getByTestId("success-output").fill("{not json");
    await task.getByTestId("send-success").click();
    await ui.page.getByTestId("action-refused").filter({ hasText: "InvalidOutput" }).waitFor();
    await ui.page.getByTestId("stop").click();
    await ui.page.getByTestId("run-status").filter({ hasText: "ABORTED" }).waitFor();
  } finally {
    await ui.close();
  }
});
