// Nothing replaces the user's text for good: a template picked, an import, Format and a shared
// link opened over saved work each replace the definition as one step, and one Ctrl+Z in the
// editor gives the user's text back exactly (no trailing leftovers).
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const MINE = JSON.stringify(
  { Comment: "my own work", StartAt: "Mine", States: { Mine: { Type: "Pass", End: true } } },
  null,
  2,
);
const COMPACT = '{"Comment": "compact", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}';

test("a template picked over your own text is undone by one Ctrl+Z", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MINE);
    await ui.pickTemplate("saga");
    const saga = await ui.definition();
    assert.match(saga, /"StartAt": "BookFlight"/);
    await ui.focusEditor();
    await ui.page.keyboard.press("Control+z");
    assert.equal(await ui.definition(), MINE);
    await ui.page.getByTestId("no-diagnostics").waitFor();
    assert.equal(await ui.diagnostic("TRAILING_CONTENT").count(), 0);
    // And Ctrl+Y takes the template again.
    await ui.page.keyboard.press("Control+y");
    assert.equal(await ui.definition(), saga);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("Format and Import are each one undoable step", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(COMPACT);
    await ui.page.getByTestId("format").click();
    assert.equal(await ui.definition(), JSON.stringify(JSON.parse(COMPACT), null, 2));
    await ui.focusEditor();
    await ui.page.keyboard.press("Control+z");
    assert.equal(await ui.definition(), COMPACT);

    await ui.page.getByTestId("import-open").click();
    await ui.page.getByTestId("import-definition").fill("StartAt: Hello\nStates:\n  Hello:\n    Type: Pass\n    End: true\n");
    await ui.page.getByTestId("import-origin").filter({ hasText: "ASL (YAML)" }).waitFor();
    await ui.page.getByTestId("import-apply").click();
    assert.deepEqual(JSON.parse(await ui.definition()), { StartAt: "Hello", States: { Hello: { Type: "Pass", End: true } } });
    await ui.focusEditor();
    await ui.page.keyboard.press("Control+z");
    assert.equal(await ui.definition(), COMPACT);
  } finally {
    await ui.close();
  }
});

test("a shared link opened over saved work is undone by one Ctrl+Z", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MINE.replace("my own work", "shared work"));
    await ui.page.getByTestId("share").click();
    const link = await ui.page.getByTestId("share-link").inputValue();
    await ui.setDefinition(MINE);
    await ui.page.goto(link);
    await ui.page.reload();
    await ui.editor.waitFor();
    await ui.page.getByTestId("link-offer").waitFor();
    assert.equal(await ui.definition(), MINE, "the saved work first");
    await ui.page.getByTestId("open-shared").click();
    assert.match(await ui.definition(), /shared work/);
    await ui.focusEditor();
    await ui.page.keyboard.press("Control+z");
    assert.equal(await ui.definition(), MINE);
  } finally {
    await ui.close();
  }
});
