// A state picked in the history or on the graph is shown in the editor, scrolled to and marked,
// without a selection that typing would replace: a keystroke after the click changes nothing,
// and the cursor waits at the state's start.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

// Twelve Pass states of fifteen lines each in a row: the last ones are far below the editor's
// first screen.
const STATES = Array.from({ length: 12 }, (_, i) => `Step${i + 1}`);
const RESULT = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`field${i}`, i]));
const MACHINE = JSON.stringify(
  {
    StartAt: STATES[0],
    States: Object.fromEntries(
      STATES.map((name, i) => [name, { Type: "Pass", Result: RESULT, ...(i + 1 < STATES.length ? { Next: STATES[i + 1] } : { End: true }) }]),
    ),
  },
  null,
  2,
);

/** Whether the revealed state's first line is inside the editor's visible area. */
function revealedOnScreen(ui) {
  return ui.page.evaluate(() => {
    const mark = document.querySelector('[data-testid="revealed-state"]')?.getBoundingClientRect();
    const screen = document.querySelector(".cm-scroller").getBoundingClientRect();
    return Boolean(mark) && mark.top >= screen.top && mark.bottom <= screen.bottom;
  });
}

test("a history row click then a keystroke leaves the definition unchanged", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.page.getByTestId("no-diagnostics").waitFor();
    await ui.openTab("run");
    await ui.page.getByTestId("run-button").click();
    await ui.page.getByTestId("run-status").filter({ hasText: "SUCCEEDED" }).waitFor();
    const before = await ui.definition();
    const row = ui.page.locator('[data-testid="history-row"][data-type="PassStateEntered"]').last();
    await row.click();
    await ui.page.keyboard.press("x");
    assert.equal(await ui.definition(), before, "the keystroke replaced nothing");
    assert.match(await ui.revealedText(), /^"Step12": \{\n {6}"Type": "Pass",/);
    assert.equal(await ui.selectedText(), "", "nothing is selected");
    assert.equal(await revealedOnScreen(ui), true, "the state is scrolled into view");
    assert.equal(await ui.editorHasFocus(), false, "the focus stays with the history");

    // Back in the editor, typing goes in at the state's start, and the state stays whole.
    await ui.focusEditor();
    await ui.page.keyboard.type("x");
    const at = before.indexOf('"Step12": {');
    assert.equal(await ui.definition(), `${before.slice(0, at)}x${before.slice(at)}`);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("a graph node click reveals its state without selecting it", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.openTab("graph");
    const before = await ui.definition();
    await ui.page.locator('[data-testid="graph-state"][data-state="Step10"]').click({ position: { x: 12, y: 8 } });
    await ui.page.keyboard.press("y");
    assert.equal(await ui.definition(), before, "the keystroke replaced nothing");
    assert.match(await ui.revealedText(), /^"Step10": \{/);
    assert.equal(await ui.selectedText(), "");
    assert.equal(await revealedOnScreen(ui), true);
    // Moving the cursor in the editor lets the mark go.
    await ui.placeCursorAfter('"Step2": {');
    assert.equal(await ui.page.getByTestId("revealed-state").count(), 0);
  } finally {
    await ui.close();
  }
});
