// The graph tab draws the machine: boxes for the states (Parallel branches and the Map processor
// inside their state), Choice edges labelled with their rule and Default, Catch edges with their
// errors; clicking a state selects it in the editor.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const MACHINE = JSON.stringify({
  StartAt: "Route",
  States: {
    Route: {
      Type: "Choice",
      Choices: [{ Variable: "$.items", IsPresent: true, Next: "Fan" }],
      Default: "Both",
    },
    Fan: {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: { StartAt: "Work", States: { Work: { Type: "Pass", End: true } } },
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }],
      Next: "Done",
    },
    Both: {
      Type: "Parallel",
      Branches: [
        { StartAt: "Left", States: { Left: { Type: "Pass", End: true } } },
        { StartAt: "Right", States: { Right: { Type: "Pass", End: true } } },
      ],
      Next: "Done",
    },
    Done: { Type: "Succeed" },
    Failed: { Type: "Fail", Error: "Oops" },
  },
}, null, 2);

test("the graph shows states, containers and labelled edges", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.openTab("graph");
    const states = await ui.page.getByTestId("graph-state").evaluateAll((gs) => gs.map((g) => g.dataset.state));
    assert.deepEqual(states.sort(), ["Both", "Done", "Failed", "Fan", "Left", "Right", "Route", "Work"]);
    const labels = await ui.page.getByTestId("graph-edge-label").allTextContents();
    assert.deepEqual(labels.sort(), ["$.items is present", "Default", "States.ALL"]);
    // Branch states sit inside the Parallel's box, side by side.
    const box = async (name) => ui.page.locator(`[data-testid="graph-state"][data-state="${name}"] rect`).evaluate((r) => {
      const b = r.getBBox();
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    });
    const [both, left, right] = [await box("Both"), await box("Left"), await box("Right")];
    for (const inner of [left, right]) {
      assert.ok(inner.x >= both.x && inner.x + inner.w <= both.x + both.w, "inside horizontally");
      assert.ok(inner.y >= both.y && inner.y + inner.h <= both.y + both.h, "inside vertically");
    }
    assert.equal(left.y, right.y);
    assert.ok(left.x + left.w <= right.x);
    const catchEdges = await ui.page.locator(".graph__edge--catch").count();
    assert.equal(catchEdges, 1);
    await ui.page.locator('[data-testid="graph-state"][data-state="Fan"]').click({ position: { x: 12, y: 8 } });
    const selected = await ui.selectedText();
    assert.ok(selected.startsWith('"Fan": {') && selected.includes('"Type": "Map"'), selected);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("after a run each state is coloured by what happened, with its attempts", async () => {
  const ui = await PlaygroundPage.open();
  try {
    // The opening template: ChargeCard retries three times, then its Catch sends the execution
    // to PaymentFailed; the states after a successful charge are not reached.
    await ui.run("ThrottledUntilCaught", "FAILED");
    await ui.openTab("graph");
    const status = (name) => ui.page.locator(`[data-testid="graph-state"][data-state="${name}"]`).getAttribute("data-status");
    assert.equal(await status("ChargeCard"), "caught");
    assert.equal(await status("PaymentFailed"), "failed");
    const charge = ui.page.locator('[data-testid="graph-state"][data-state="ChargeCard"]');
    assert.equal(await charge.getByTestId("graph-badge").textContent(), "4 attempts");
    const notReached = await ui.page.locator(".graph__state--not-reached").count();
    assert.ok(notReached >= 1, `${notReached} states not reached`);
  } finally {
    await ui.close();
  }
});
