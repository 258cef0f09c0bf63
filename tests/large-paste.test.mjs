// A 10 MB paste: the page takes it at once, keeps every character, and editing goes on. The
// definition is longer than AWS accepts, which is said without reading it; the editor holds the
// lines around the screen (a text area of half a million lines takes the browser seconds a
// keystroke), while select-all, copy and typing over a selection act on the whole text.
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

/** Dispatch a clipboard event carrying (for a paste) `text`; resolves to what the page left on
 * the clipboard (for a copy or a cut). */
function clipboard(editor, type, text = "") {
  return editor.evaluate(
    (el, [type, text]) => {
      const data = new DataTransfer();
      if (text) data.setData("text/plain", text);
      el.dispatchEvent(new ClipboardEvent(type, { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData("text/plain");
    },
    [type, text],
  );
}

test("a 10 MB paste is kept whole, refused as AWS would, and stays editable", async () => {
  assert.ok(BIG.length > 9_500_000);
  const ui = await PlaygroundPage.open();
  try {
    await ui.editor.press("Control+a");
    await clipboard(ui.editor, "paste", BIG);
    const tooLarge = ui.diagnostic("DEFINITION_TOO_LARGE");
    await tooLarge.waitFor();
    assert.match(await tooLarge.textContent(), /is \d+ characters long: AWS accepts at most 1048576/);
    await ui.page.getByTestId("gutter-large").waitFor();

    // The text area holds the lines around the cursor, after the paste: the last ones.
    const shown = await ui.editor.inputValue();
    assert.ok(shown.length < 100_000, `${shown.length} characters in the text area`);
    assert.ok(BIG.endsWith(shown), JSON.stringify(shown.slice(-300)));
    const gutter = ui.page.getByTestId("gutter-large");
    assert.match(await gutter.textContent(), new RegExp(`\\n${LINES.length}$`));
    assert.equal(await ui.editor.evaluate((el) => el.selectionStart), shown.length);

    // A problem clicked brings its line into the text area, and selects its place.
    const [, line, column] = (await tooLarge.locator(".diagnostic__position").textContent()).match(/^(\d+):(\d+)/).map(Number);
    await tooLarge.click();
    await ui.page.waitForFunction(
      (line) => document.querySelector('[data-testid="gutter-large"]').textContent.split("\n").includes(String(line)),
      line,
    );
    const selected = await ui.editor.evaluate((el) => {
      const before = el.value.slice(0, el.selectionStart).split("\n");
      return { text: el.value.slice(el.selectionStart, el.selectionEnd), row: before.length, column: before.at(-1).length + 1 };
    });
    const firstShown = Number((await gutter.textContent()).split("\n")[0]);
    assert.equal(firstShown + selected.row - 1, line);
    assert.equal(selected.column, column);
    assert.equal(selected.text.length, 1);

    // Typing edits the whole text: a line at the very end, then, scrolled to the top, a
    // character at the start.
    const scroller = ui.page.locator(".editor__scroller");
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await ui.page.waitForFunction(
      (last) => document.querySelector('[data-testid="definition-editor"]').value.endsWith(last),
      LINES.slice(-3).join("\n"),
    );
    await ui.editor.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
    await ui.page.keyboard.insertText("\n// end");
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await ui.page.waitForFunction(
      (first) => document.querySelector('[data-testid="definition-editor"]').value.startsWith(first),
      LINES.slice(0, 3).join("\n"),
    );
    assert.match(await gutter.textContent(), /^1\n2\n3\n/);
    await ui.editor.evaluate((el) => el.setSelectionRange(0, 0));
    await ui.page.keyboard.insertText("x");

    // The keys that move by screens and to the text's ends go past the window.
    const cursorLine = () =>
      ui.editor.evaluate((el) => {
        const first = Number(document.querySelector('[data-testid="gutter-large"]').textContent.split("\n")[0]);
        return first + el.value.slice(0, el.selectionStart).split("\n").length - 1;
      });
    await ui.editor.evaluate((el) => el.setSelectionRange(0, 0));
    for (let i = 0; i < 40; i++) await ui.page.keyboard.press("PageDown");
    const paged = await cursorLine();
    assert.ok(paged > 400, `40 PageDowns reached line ${paged}`);
    for (let i = 0; i < 1_000; i++) await ui.page.keyboard.press("ArrowDown");
    assert.equal(await cursorLine(), paged + 1_000, "ArrowDown crosses the window's edge");
    await ui.page.keyboard.press("Control+End");
    assert.equal(await cursorLine(), LINES.length + 1, "the last line, \"// end\"");
    assert.ok(await ui.editor.evaluate((el) => el.selectionStart === el.value.length));
    await ui.page.keyboard.press("Control+Home");
    assert.equal(await cursorLine(), 1);
    assert.equal(await ui.editor.evaluate((el) => el.selectionStart), 0);

    // Select-all selects the whole text: a copy gives it all, typing replaces it all.
    await ui.editor.press("Control+a");
    await ui.page.getByTestId("all-selected").waitFor();
    const copied = await clipboard(ui.editor, "copy");
    assert.equal(copied.length, BIG.length + 8);
    assert.equal(copied, `x${BIG}\n// end`);

    // A paste over it all, of another large text (shorter: the window was at the old text's
    // end, past the new one's): the new text is shown, its end, with the cursor there.
    const SMALLER = BIG.replace(/,\s*\{\s*"id": 4\d{4}[\s\S]*(?=\n {8}\])/, "");
    assert.ok(SMALLER.length > 6_000_000 && SMALLER.length < BIG.length - 1_000_000, `${SMALLER.length}`);
    await ui.page.keyboard.press("Control+End");
    await ui.editor.press("Control+a");
    await clipboard(ui.editor, "paste", SMALLER);
    await ui.page.waitForFunction(
      (last) => document.querySelector('[data-testid="definition-editor"]').value.endsWith(last),
      SMALLER.slice(-200),
    );
    assert.match(await gutter.textContent(), new RegExp(`\\n${SMALLER.split("\n").length}$`));
    await ui.editor.press("Control+a");
    assert.equal(await clipboard(ui.editor, "copy"), SMALLER);
    await ui.page.keyboard.insertText('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}');
    await ui.page.getByTestId("no-diagnostics").waitFor();
    assert.equal(await ui.page.getByTestId("gutter-large").count(), 0, "an ordinary text is coloured again");
    assert.equal(await ui.editor.inputValue(), '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}');

    // The text area could not undo that; the editor's Undo brings the large text back.
    const replaced = ui.page.getByTestId("replaced");
    assert.match(await replaced.textContent(), new RegExp(`The whole text \\(${SMALLER.split("\n").length} lines\\) was replaced`));
    await ui.page.getByTestId("undo-replace").click();
    await ui.page.getByTestId("gutter-large").waitFor();
    assert.equal(await replaced.count(), 0);
    await ui.editor.press("Control+a");
    assert.equal(await clipboard(ui.editor, "copy"), SMALLER);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
