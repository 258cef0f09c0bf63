// What a code editor does, as a person at the keyboard finds it: undo by typing group, search and
// replace on Ctrl+F, auto-indent, bracket closing, folding, multiple selections, Tab that indents
// and Esc then Tab that leaves, and a visible focus ring.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const MACHINE = JSON.stringify(
  {
    Comment: "orders",
    StartAt: "First",
    States: {
      First: { Type: "Pass", Next: "Second" },
      Second: { Type: "Pass", End: true },
    },
  },
  null,
  2,
);

test("Ctrl+Z after three typed characters removes all three", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.placeCursorAfter('"Comment": "orders');
    await ui.page.keyboard.type("abc", { delay: 30 });
    assert.equal(await ui.definition(), MACHINE.replace('"orders"', '"ordersabc"'));
    await ui.page.keyboard.press("Control+z");
    assert.equal(await ui.definition(), MACHINE);
    await ui.page.keyboard.press("Control+y");
    assert.equal(await ui.definition(), MACHINE.replace('"orders"', '"ordersabc"'));
  } finally {
    await ui.close();
  }
});

test("Ctrl+F opens the editor's search panel, which replaces", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.placeCursorAfter('"StartAt": ');
    await ui.page.keyboard.press("Control+f");
    const panel = ui.page.locator(".cm-search");
    await panel.waitFor();
    const field = panel.locator('input[name="search"]');
    assert.equal(await field.evaluate((el) => document.activeElement === el), true, "the search field has the focus");
    await field.fill('"Pass"');
    await panel.locator('input[name="replace"]').fill('"Succeed"');
    await panel.locator('button[name="replaceAll"]').click();
    assert.equal(await ui.definition(), MACHINE.replaceAll('"Pass"', '"Succeed"'));
    await field.press("Escape");
    await panel.waitFor({ state: "detached" });
    assert.equal(await ui.editorHasFocus(), true, "Esc closes the panel and goes back to the text");
  } finally {
    await ui.close();
  }
});

test("Enter indents the new line; brackets and quotes close themselves", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.placeCursorAfter('"First": {');
    await ui.page.keyboard.press("Enter");
    assert.equal(await ui.definition(), MACHINE.replace('"First": {', '"First": {\n      '));
    await ui.page.keyboard.type('"Items": [');
    assert.equal(await ui.definition(), MACHINE.replace('"First": {', '"First": {\n      "Items": []'));
    await ui.page.keyboard.type('{');
    assert.equal(await ui.definition(), MACHINE.replace('"First": {', '"First": {\n      "Items": [{}]'));
    assert.equal(await ui.selectedText(), "");
  } finally {
    await ui.close();
  }
});

test("a block folds and unfolds from the gutter", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    const lines = () => ui.page.locator(".cm-line").count();
    const all = await lines();
    assert.equal(all, MACHINE.split("\n").length);
    // The fold marker beside the line of "States": {, the fourth.
    const number = await ui.page.locator(".cm-lineNumbers .cm-gutterElement", { hasText: /^4$/ }).boundingBox();
    const gutter = await ui.page.locator(".cm-foldGutter").boundingBox();
    await ui.page.mouse.click(gutter.x + gutter.width / 2, number.y + number.height / 2);
    const placeholder = ui.page.locator(".cm-foldPlaceholder");
    await placeholder.waitFor();
    // Lines 5 to 12 are hidden, and line 13's closing brace joins line 4.
    assert.equal(await lines(), all - 9);
    assert.match(await ui.page.locator(".cm-line").nth(3).textContent(), /^ {2}"States": \{.*\}$/);
    assert.equal(await ui.definition(), MACHINE, "folding changes nothing in the text");
    await placeholder.click();
    await placeholder.waitFor({ state: "detached" });
    assert.equal(await lines(), all);
  } finally {
    await ui.close();
  }
});

test("Ctrl+D adds the next occurrence to the selection; typing changes both", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.placeCursorAfter('"Type": "Pa');
    await ui.page.keyboard.press("Control+d");
    await ui.page.keyboard.press("Control+d");
    assert.equal((await ui.selections()).length, 2);
    await ui.page.keyboard.type("Succeed");
    assert.equal(await ui.definition(), MACHINE.replaceAll('"Pass"', '"Succeed"'));
  } finally {
    await ui.close();
  }
});

test("Tab indents; Esc then Tab leaves the editor, whose focus ring shows", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    const ring = () =>
      ui.page.locator(".cm-editor").evaluate((el) => {
        const style = getComputedStyle(el);
        return `${style.outlineStyle} ${style.outlineWidth}`;
      });
    await ui.placeCursorAfter('"Comment": "orders",\n');
    assert.equal(await ring(), "solid 2px", "the focused editor has a ring");
    await ui.page.keyboard.press("Tab");
    assert.equal(await ui.definition(), MACHINE.replace('  "StartAt"', '    "StartAt"'));
    assert.equal(await ui.editorHasFocus(), true, "Tab indented and stayed");
    await ui.page.keyboard.press("Escape");
    await ui.page.keyboard.press("Tab");
    assert.equal(await ui.editorHasFocus(), false, "Esc then Tab moves the focus on");
    assert.equal(await ui.definition(), MACHINE.replace('  "StartAt"', '    "StartAt"'));
    assert.notEqual(await ring(), "solid 2px", "no ring once the focus is elsewhere");
    // Shift+Tab comes back, and Tab indents again.
    await ui.page.keyboard.press("Shift+Tab");
    assert.equal(await ui.editorHasFocus(), true);
    // Any other key ends the Esc's effect.
    await ui.page.keyboard.press("ArrowRight");
    await ui.page.keyboard.press("Tab");
    assert.equal(await ui.definition(), MACHINE.replace('  "StartAt"', '      "StartAt"'));
  } finally {
    await ui.close();
  }
});
