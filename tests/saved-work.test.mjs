// Never losing work: a save that cannot be read and a broken share fragment are reported in
// plain words; the work is restored from the save before it, or the damaged save is kept where
// no autosave overwrites it (and offered for download).
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const KEY = "asl-playground.workspace";
const SPARE = "asl-playground.workspace.previous";
const DAMAGED = "asl-playground.workspace.damaged";
const MINE = JSON.stringify({ Comment: "my work", StartAt: "Mine", States: { Mine: { Type: "Pass", End: true } } }, null, 2);

/**
 * Make a change and wait for the autosave to write it (a moment after the last change): the
 * stored save differs and no save is pending, so no later save (such as the one made when the
 * page is left) can overwrite what the test does to the storage next.
 */
async function changeAndSave(ui, change) {
  const before = await ui.page.evaluate((key) => localStorage.getItem(key), KEY);
  await change();
  await ui.page.waitForFunction(
    ([key, before]) => localStorage.getItem(key) !== before && document.documentElement.dataset.autosave === "saved",
    [KEY, before],
  );
}

test("a damaged save and a broken share fragment are reported, and no work is lost", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await changeAndSave(ui, () => ui.setDefinition(MINE));
    const base = ui.page.url().replace(/[?#].*$/, "");

    // The main save damaged; the spare one intact. The fragment is broken too.
    const good = await ui.page.evaluate(([key, spare]) => {
      localStorage.setItem(key, `${localStorage.getItem(key).slice(0, 30)}<<damaged>>`);
      return localStorage.getItem(spare);
    }, [KEY, SPARE]);
    assert.ok(good);
    await ui.page.goto(`${base}?again#v1.not-base64!!`);
    await ui.editor.waitFor();
    const banner = ui.page.getByTestId("save-damaged");
    await banner.waitFor();
    assert.match(await banner.textContent(), /could not be read: .*The save before it was restored\..*'asl-playground\.workspace\.damaged'/);
    assert.match(await ui.page.getByTestId("link-damaged").textContent(), /damaged.*Your own work is unchanged/);
    assert.equal(await ui.definition(), MINE, "the work is back");
    // …and saved again in a moment, mending the main save.
    await ui.page.waitForFunction((key) => !localStorage.getItem(key).includes("<<damaged>>"), KEY);

    // Both saves damaged: a fresh page, the damaged save kept aside and offered for download.
    const broken = await ui.page.evaluate(([key, spare]) => {
      localStorage.setItem(key, "v1.AAAA-cut-short");
      localStorage.setItem(spare, "garbage");
      return localStorage.getItem(key);
    }, [KEY, SPARE]);
    await ui.page.goto(`${base}?once-more`);
    await banner.waitFor();
    assert.match(await banner.textContent(), /could not be read: .*fresh workspace\..*kept in this browser's storage/);
    const href = await ui.page.getByTestId("save-damaged-download").getAttribute("href");
    assert.equal(decodeURIComponent(href.slice(href.indexOf(",") + 1)), broken);
    // Typing on does not overwrite the damaged save.
    await changeAndSave(ui, () => ui.setDefinition(MINE.replace("my work", "new work")));
    assert.equal(await ui.page.evaluate((key) => localStorage.getItem(key), DAMAGED), broken);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("a change is saved when the page is left, even within the autosave's delay", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MINE);
    // Reload at once: the page-hide flush writes the save.
    await ui.page.reload();
    await ui.editor.waitFor();
    assert.equal(await ui.definition(), MINE);
  } finally {
    await ui.close();
  }
});
