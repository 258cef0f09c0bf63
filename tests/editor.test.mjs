// The definition editor: problems are marked in the text and in the gutter (hover shows the
// message), and Format pretty-prints the definition.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

test("problems are marked inline and in the gutter; Format pretty-prints", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}');
    const marker = ui.page.getByTestId("gutter-problem");
    await marker.first().waitFor();
    assert.match(await marker.first().getAttribute("title"), /MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere/);
    assert.ok((await ui.page.getByTestId("mark-error").count()) >= 1);
    await ui.page.getByTestId("format").click();
    assert.equal(
      await ui.editor.inputValue(),
      '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Pass",\n      "Next": "Nowhere"\n    }\n  }\n}',
    );
    // After formatting, the marker follows the problem to its new line.
    await ui.page.locator('[data-testid="gutter-problem"]').filter({ hasText: "6" }).waitFor();
  } finally {
    await ui.close();
  }
});

test("the JSON is coloured and the bracket at the cursor is paired", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}');
    const keys = await ui.page.locator(".editor__marks .tok-key").allTextContents();
    assert.deepEqual(keys, ['"StartAt"', '"States"', '"A"', '"Type"', '"End"']);
    assert.deepEqual(await ui.page.locator(".editor__marks .tok-keyword").allTextContents(), ["true"]);
    // The cursor just after the opening brace of "States": it and its closing brace are marked.
    await ui.placeCursorAfter('"States": {');
    const pair = await ui.page.getByTestId("mark-bracket").allTextContents();
    assert.deepEqual(pair, ["{", "}"]);
  } finally {
    await ui.close();
  }
});
