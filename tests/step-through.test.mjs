// Stepping through a run: forward, back and jump to the failure that decided the outcome; the
// history, the graph and the data-flow panel follow the current event.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

test("step forward, back and to the deciding failure, with the graph following", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.run("ThrottledUntilCaught", "FAILED");
    const position = ui.page.getByTestId("step-position");
    assert.equal(await position.textContent(), "all 17 events");
    await ui.page.getByTestId("step-first").click();
    assert.equal(await position.textContent(), "event 1 of 17");
    await ui.page.getByTestId("step-forward").click();
    await ui.page.getByTestId("step-forward").click();
    assert.equal(await position.textContent(), "event 3 of 17");
    assert.equal(await ui.page.locator(".history__row--future").count(), 14);
    await ui.page.getByTestId("step-back").click();
    assert.equal(await position.textContent(), "event 2 of 17");
    // Not the first, retried TaskFailed (event 5): the last attempt's, which was caught.
    await ui.page.getByTestId("step-failure").click();
    assert.equal(await position.textContent(), "event 14 of 17");
    const selected = ui.page.locator(".history__row--selected");
    assert.equal(await selected.getAttribute("data-type"), "TaskFailed");
    // The graph shows the run as it stood then: ChargeCard's last attempt failed and was
    // caught; PaymentFailed is not entered yet.
    await ui.openTab("graph");
    const charge = ui.page.locator('[data-testid="graph-state"][data-state="ChargeCard"]');
    assert.equal(await charge.getAttribute("data-status"), "caught");
    assert.match(await charge.getAttribute("class"), /graph__state--current/);
    assert.equal(await ui.page.locator('[data-testid="graph-state"][data-state="PaymentFailed"]').getAttribute("data-status"), "");
    // The data-flow panel follows the current event's state.
    await ui.openTab("data-flow");
    assert.equal(await ui.page.getByTestId("state-picker").inputValue(), "ChargeCard");
    // The whole run again.
    await ui.openTab("run");
    await ui.page.getByTestId("step-all").click();
    await ui.openTab("graph");
    assert.equal(await charge.getAttribute("data-status"), "caught");
  } finally {
    await ui.close();
  }
});
