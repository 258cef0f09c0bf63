// A 10 MB paste: the page takes it at once, keeps every character, and editing goes on. The
// definition is longer than AWS accepts, which is said without reading it. The editor draws only
// the lines on the screen; select-all, copy and typing act on the whole text, and Ctrl+Z undoes a
// replacement of it all.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const BIG = JSON.stringify(
  {
    StartAt: "Big",
    States: {
      Big: {
        Type: "Pass",
        Result: { rows: Array.from({ length: 64_000 }, (_, i) => ({ id: i, name: `row ${i}`, tags: ["a", "b"] })) },
        End: true,
      },
    },
  },
  null,
  2,
);
const LINES = BIG.split("\n");

/** Dispatch a copy on the editor; resolves to what the page put on the clipboard. */
function copy(editor) {
  return editor.evaluate((el) => {
    const data = new DataTransfer();
    el.dispatchEvent(new ClipboardEvent("copy", { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData("text/plain");
  });
}

/** The line (from 1) and column (from 1) of the editor's cursor. */
function cursor(editor) {
  return editor.evaluate((el) => {
    const { state } = window.aslEditor.viewOf(el);
    const head = state.selection.main.head;
    const line = state.doc.lineAt(head);
    return { line: line.number, column: head - line.from + 1, at: head, length: state.doc.length };
  });
}

test("a 10 MB paste is kept whole, refused as AWS would, stays editable, and Ctrl+Z undoes a replacement", async () => {
  assert.ok(BIG.length > 9_500_000);
  const ui = await PlaygroundPage.open();
  try {
    const opening = await ui.definition();
    await ui.setDefinition(BIG);
    const tooLarge = ui.diagnostic("DEFINITION_TOO_LARGE");
    await tooLarge.waitFor();
    assert.match(await tooLarge.textContent(), /is \d+ characters long: AWS accepts at most 1048576/);
    assert.ok((await ui.definition()) === BIG, "every character is kept");
    // The cursor after the paste: the text's end, on its last line, which is on the screen.
    assert.deepEqual(await cursor(ui.editor), { line: LINES.length, column: LINES.at(-1).length + 1, at: BIG.length, length: BIG.length });
    await ui.page.locator(".cm-lineNumbers .cm-gutterElement", { hasText: new RegExp(`^${LINES.length}$`) }).waitFor();
    // Only the lines around the screen are drawn, plain: the text is too large to parse on
    // every keystroke.
    const drawn = await ui.page.locator(".cm-line").count();
    assert.ok(drawn < 500, `${drawn} lines drawn`);
    assert.equal(await ui.page.locator(".cm-content .tok-key").count(), 0);

    // A problem clicked scrolls to its place and selects it.
    const [, line, column] = (await tooLarge.locator(".diagnostic__position").textContent()).match(/^(\d+):(\d+)/).map(Number);
    await tooLarge.click();
    const selected = await cursor(ui.editor);
    assert.deepEqual([selected.line, selected.column], [line, column + 1], "the selection ends one character after the place");
    assert.equal((await ui.selectedText()).length, 1);
    await ui.page.locator(".cm-lineNumbers .cm-gutterElement", { hasText: new RegExp(`^${line}$`) }).waitFor();

    // Typing edits the whole text: a line at the very end, then a character at the start.
    await ui.page.keyboard.press("Control+End");
    await ui.page.keyboard.insertText("\n// end");
    await ui.page.keyboard.press("Control+Home");
    assert.deepEqual(await cursor(ui.editor), { line: 1, column: 1, at: 0, length: BIG.length + 7 });
    const started = Date.now();
    for (const key of "xyz") await ui.page.keyboard.press(key);
    const perKey = (Date.now() - started) / 3;
    assert.ok(perKey < 1_000, `${perKey} ms a keystroke`);
    await ui.page.keyboard.press("Backspace");
    await ui.page.keyboard.press("Backspace");
    assert.equal(await ui.definition(), `x${BIG}\n// end`);

    // Moving by pages and lines goes through the whole text.
    for (let i = 0; i < 40; i++) await ui.page.keyboard.press("PageDown");
    const paged = (await cursor(ui.editor)).line;
    assert.ok(paged > 400, `40 PageDowns reached line ${paged}`);
    for (let i = 0; i < 1_000; i++) await ui.page.keyboard.press("ArrowDown");
    assert.equal((await cursor(ui.editor)).line, paged + 1_000);
    await ui.page.keyboard.press("Control+End");
    assert.equal((await cursor(ui.editor)).line, LINES.length + 1, 'the last line, "// end"');

    // Select-all selects the whole text: a copy gives it all.
    await ui.page.keyboard.press("Control+a");
    assert.equal(await copy(ui.editor), `x${BIG}\n// end`);

    // Typing over it all leaves an ordinary text, checked at once; Ctrl+Z brings the large one
    // back whole, Ctrl+Z again the text before the paste.
    await ui.page.keyboard.insertText('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}');
    await ui.page.getByTestId("no-diagnostics").waitFor();
    assert.equal(await ui.definition(), '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}');
    await ui.page.locator(".cm-content .tok-key").first().waitFor();
    await ui.page.keyboard.press("Control+z");
    assert.equal(await ui.definition(), `x${BIG}\n// end`);
    await tooLarge.waitFor();
    for (let i = 0; i < 10 && (await ui.definition()) !== opening; i++) await ui.page.keyboard.press("Control+z");
    assert.equal(await ui.definition(), opening, "undo goes back to the text before the paste");
    await ui.page.getByTestId("no-diagnostics").waitFor();
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
