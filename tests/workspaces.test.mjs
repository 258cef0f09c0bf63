// One workspace: your own work is never lost to a template or an import (it is set aside under
// Recent and opens again from there); the template's label goes once its definition is edited;
// a Task with no mock in the test case is offered "Add a mock", which writes the MockConfigFile
// entry with the result its resource returns, so that the next run goes through.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const MINE = JSON.stringify(
  {
    Comment: "Quote a price",
    StartAt: "Price",
    States: { Price: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", OutputPath: "$.StatusCode", End: true } },
  },
  null,
  2,
);

test("a template picked over your own work sets it aside under Recent, and it opens again", async () => {
  const ui = await PlaygroundPage.open();
  try {
    const picker = ui.page.getByTestId("template");
    assert.equal(await picker.inputValue(), "order");
    await ui.setDefinition(MINE);
    // Edited: the label no longer claims the template.
    await ui.page.waitForFunction(() => document.querySelector('[data-testid="template"]').value === "");
    assert.equal(await ui.page.getByTestId("recent-open").count(), 0, "nothing set aside yet");

    await ui.pickTemplate("saga");
    assert.match(await ui.definition(), /"StartAt": "BookFlight"/);
    const recent = ui.page.getByTestId("recent-open");
    assert.equal(await recent.textContent(), "Recent (1)");
    // A template over a template sets nothing aside.
    await ui.pickTemplate("try-catch");
    assert.equal(await recent.textContent(), "Recent (1)");

    await recent.click();
    const item = ui.page.getByTestId("recent-item");
    assert.match(await item.textContent(), /Quote a price/);
    await item.getByTestId("recent-reopen").click();
    assert.equal(await ui.definition(), MINE);
    assert.equal(await picker.inputValue(), "");
    // Kept across a reload, like the work itself.
    await ui.pickTemplate("saga");
    await ui.page.reload();
    await ui.editor.waitFor();
    await ui.page.getByTestId("recent-open").click();
    assert.match(await ui.page.getByTestId("recent-item").textContent(), /Quote a price/);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("an import over your own work sets it aside too", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MINE);
    await ui.page.waitForFunction(() => document.querySelector('[data-testid="template"]').value === "");
    await ui.page.getByTestId("import-open").click();
    await ui.page.getByTestId("import-definition").fill("StartAt: Hello\nStates:\n  Hello:\n    Type: Pass\n    End: true\n");
    await ui.page.getByTestId("import-origin").waitFor();
    await ui.page.getByTestId("import-apply").click();
    assert.equal(await ui.page.getByTestId("recent-open").textContent(), "Recent (1)");
  } finally {
    await ui.close();
  }
});

test("a Task with no mock is offered Add a mock, before the run and after it stops there", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MINE);
    await ui.openTab("run");
    // Before a run: listed, folded, with the test case the template left.
    const listed = ui.page.getByTestId("unmocked-tasks");
    await listed.waitFor();
    assert.match(await listed.locator("summary").textContent(), /1 Task state with no mock in test case 'ThrottledThenCharged'/);

    // The run stops there, and says so with the button at hand.
    await ui.page.getByTestId("run-button").click();
    await ui.page.getByTestId("run-status").filter({ hasText: "FAILED" }).waitFor();
    const stopped = ui.page.getByTestId("unmocked-stopped");
    await stopped.waitFor();
    assert.match(await stopped.locator("summary").textContent(), /stopped at 1 Task state with no mocked response in test case .ThrottledThenCharged./);
    await stopped.getByTestId("add-mock").click();

    // The entry is in the workspace's mocks, with Invoke's response shape.
    await stopped.waitFor({ state: "detached" });
    const mocks = JSON.parse(await ui.page.getByTestId("mock-config").inputValue());
    assert.equal(mocks.StateMachines.HelloWorld.TestCases.ThrottledThenCharged.Price, "PriceSucceeds");
    assert.equal(mocks.MockedResponses.PriceSucceeds["0"].Return.StatusCode, 200);
    assert.equal(await listed.count(), 0, "nothing left to mock");

    await ui.page.getByTestId("run-button").click();
    await ui.page.getByTestId("run-status").filter({ hasText: "SUCCEEDED" }).waitFor();
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
