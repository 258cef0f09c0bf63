// One execution input: the start state's data flow runs on the execution input itself (an edit
// in either place is an edit of both); after a run, a state's data flow runs on the input that
// state received, and the panel says which input it shows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

test("Data flow and Run share the execution input, and a run gives each state its own", async () => {
  const ui = await PlaygroundPage.open();
  try {
    const stateInput = ui.page.getByTestId("state-input");
    const source = ui.page.getByTestId("state-input-source");
    const executionInput = ui.page.getByTestId("execution-input");

    // The start state's input is the execution input, edited from either side.
    await ui.openTab("data-flow");
    assert.equal(await ui.page.getByTestId("state-picker").inputValue(), "ChargeCard");
    assert.match(await source.textContent(), /The execution input/);
    await stateInput.fill('{"orderId": "B-7", "total": 99}');
    await ui.openTab("run");
    assert.equal(await executionInput.inputValue(), '{"orderId": "B-7", "total": 99}');
    await executionInput.fill('{"orderId": "C-9", "total": 5000}');
    await ui.openTab("data-flow");
    assert.equal(await stateInput.inputValue(), '{"orderId": "C-9", "total": 5000}');

    // After a run: a later state shows what it received, and says from which event.
    await ui.run("HappyPath", "SUCCEEDED");
    await ui.openTab("data-flow");
    await ui.page.getByTestId("state-picker").selectOption("IsLargeOrder");
    assert.match(await source.textContent(), /received in the last run \(playground-run-1, event \d+\)/);
    const received = JSON.parse(await stateInput.inputValue());
    assert.equal(received.orderId, "C-9", "the execution's data, as ChargeCard passed it on");
    assert.ok(received.charge?.chargeId, `ChargeCard's result at $.charge: ${JSON.stringify(received)}`);
    // Edited, it says so.
    await stateInput.fill('{"total": 1}');
    assert.match(await source.textContent(), /Edited here/);

    // A state the run did not reach runs on an input of the user's own.
    await ui.page.getByTestId("state-picker").selectOption("PaymentFailed");
    assert.match(await source.textContent(), /did not reach this state/);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
