// Running an execution in the browser: the Run button and Ctrl/Cmd+Enter, the outcome, and the
// history table with the retries and the catch called out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

test("a Retry + Catch run shows every attempt and the caught error in the history", async () => {
  const ui = await PlaygroundPage.open();
  try {
    // The opening template charges a card with Retry (3 attempts) and Catch → PaymentFailed; the
    // shipped mocks throttle the charge every time in this test case.
    await ui.openTab("run");
    await ui.page.getByTestId("test-case").selectOption("ThrottledUntilCaught");
    await ui.page.getByTestId("run-button").click();
    const status = ui.page.getByTestId("run-status");
    await status.waitFor();
    assert.match(await status.textContent(), /^FAILED/);
    assert.equal(
      await ui.page.getByTestId("run-error").textContent(),
      "PaymentFailed: The card could not be charged.",
    );
    const types = await ui.page.getByTestId("history-row").evaluateAll((rows) => rows.map((r) => r.dataset.type));
    assert.deepEqual(types, [
      "ExecutionStarted", "TaskStateEntered",
      "TaskScheduled", "TaskStarted", "TaskFailed",
      "TaskScheduled", "TaskStarted", "TaskFailed",
      "TaskScheduled", "TaskStarted", "TaskFailed",
      "TaskScheduled", "TaskStarted", "TaskFailed",
      "TaskStateExited", "FailStateEntered", "ExecutionFailed",
    ]);
    const notes = await ui.page.getByTestId("history-note").allTextContents();
    assert.equal(notes.filter((n) => n.startsWith("↻ retry")).length, 3, notes.join(" | "));
    assert.deepEqual(notes.filter((n) => n.startsWith("⤷")), [
      "⤷ caught by ChargeCard (Catch[0]) → PaymentFailed: Lambda.TooManyRequestsException",
    ]);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("Ctrl+Enter runs; selecting an event shows it and reveals its state", async () => {
  const ui = await PlaygroundPage.open();
  try {
    const before = await ui.definition();
    await ui.focusEditor();
    await ui.page.keyboard.press("Control+Enter");
    await ui.page.getByTestId("run-status").filter({ hasText: "SUCCEEDED" }).waitFor();
    const output = JSON.parse(await ui.page.getByTestId("run-output").textContent());
    assert.deepEqual(output.charge, { chargeId: "ch_42" });
    assert.equal(await ui.definition(), before, "Ctrl+Enter in the editor runs, it adds no line");
    await ui.page.locator('[data-testid="history-row"][data-type="ChoiceStateEntered"]').click();
    const details = JSON.parse(await ui.page.getByTestId("event-details").textContent());
    assert.equal(details.type, "ChoiceStateEntered");
    assert.equal(details.stateEnteredEventDetails.name, "IsLargeOrder");
    assert.match(await ui.revealedText(), /^"IsLargeOrder": \{/);
    assert.equal(await ui.selectedText(), "");
    // An event without a state name of its own belongs to the state up its causal chain.
    await ui.page.locator('[data-testid="history-row"][data-type="TaskScheduled"]').first().click();
    assert.match(await ui.revealedText(), /^"ChargeCard": \{/);
  } finally {
    await ui.close();
  }
});

test("an input that is not JSON is reported with its position, and nothing runs", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.openTab("run");
    await ui.page.getByTestId("execution-input").fill('{"orderId": }');
    await ui.page.getByTestId("run-in-panel").click();
    const problem = ui.page.getByTestId("run-problem");
    await problem.waitFor();
    assert.match(await problem.textContent(), /^The input \(line 1, column 13\): Unexpected character/);
    assert.equal(await ui.page.getByTestId("execution-input").inputValue(), '{"orderId": }');
  } finally {
    await ui.close();
  }
});
