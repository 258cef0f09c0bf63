// The Share and Import dialogs: they take the focus and keep it inside (Tab wraps), close with
// Esc or a click outside, and give the focus back to the button that opened them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

test("dialogs close with Esc and a click outside, and keep the focus inside", async () => {
  const ui = await PlaygroundPage.open();
  try {
    for (const [opener, name] of [["import-open", "import-dialog"], ["share", "share-dialog"]]) {
      const dialog = ui.page.getByTestId(name);
      const focusInside = () => dialog.evaluate((el) => el.contains(document.activeElement));
      await ui.page.getByTestId(opener).click();
      await dialog.waitFor();
      await ui.page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.contains(document.activeElement), name);
      for (let i = 0; i < 10; i++) {
        await ui.page.keyboard.press(i % 3 === 2 ? "Shift+Tab" : "Tab");
        assert.equal(await focusInside(), true, `${name}: the focus left the dialog after ${i + 1} Tab presses`);
      }
      await ui.page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      assert.equal(await ui.page.evaluate(() => document.activeElement?.dataset.testid), opener);

      await ui.page.getByTestId(opener).click();
      await dialog.waitFor();
      const box = await ui.page.getByTestId("validation-result").boundingBox();
      await ui.page.mouse.click(box.x + 2, box.y + 2);
      await dialog.waitFor({ state: "detached" });
    }
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
