// A 10 MB paste: the page neither crashes nor loses the text. The definition is longer than AWS
// accepts, which is said at once without reading it; the text is shown plain (no colours, marks
// or line numbers) and checked when typing pauses.
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

test("a 10 MB paste is kept, refused as AWS would, and the page goes on working", async () => {
  assert.ok(BIG.length > 9_500_000);
  const ui = await PlaygroundPage.open();
  try {
    // As a paste does: the whole text at once, then an input event.
    await ui.editor.evaluate((el, text) => {
      el.value = text;
      el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    }, BIG);
    const tooLarge = ui.diagnostic("DEFINITION_TOO_LARGE");
    await tooLarge.waitFor({ timeout: 60_000 });
    assert.match(await tooLarge.textContent(), /is \d+ characters long: AWS accepts at most 1048576/);
    await ui.page.getByTestId("gutter-large").waitFor();
    assert.equal(await ui.editor.evaluate((el) => el.value.length), BIG.length, "the text is all there");

    // Typing on works, and a return to an ordinary text brings the colours back.
    await ui.setDefinition('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}');
    await ui.page.getByTestId("no-diagnostics").waitFor({ timeout: 60_000 });
    assert.equal(await ui.page.getByTestId("gutter-large").count(), 0);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
