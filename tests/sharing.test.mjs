// Sharing and persistence: a share link opens the same workspace in a fresh browser, work is
// saved locally and restored on reload, and a damaged link is reported without losing work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const MACHINE = JSON.stringify({ Comment: "shared ✓", StartAt: "Hello", States: { Hello: { Type: "Pass", Result: "hi", End: true } } }, null, 2);

test("a share link opens the same workspace in a fresh browser profile", async () => {
  const first = await PlaygroundPage.open();
  let link;
  try {
    await first.setDefinition(MACHINE);
    await first.openTab("run");
    await first.page.getByTestId("execution-input").fill('{"who": "ada"}');
    await first.page.getByTestId("share").click();
    link = await first.page.getByTestId("share-link").inputValue();
    assert.match(link, /#v1\.[A-Za-z0-9_-]+$/);
  } finally {
    await first.close();
  }
  const second = await PlaygroundPage.open({ hash: link.slice(link.indexOf("#")) });
  try {
    assert.equal(await second.definition(), MACHINE);
    await second.openTab("run");
    assert.equal(await second.page.getByTestId("execution-input").inputValue(), '{"who": "ada"}');
    assert.deepEqual(second.errors, []);
  } finally {
    await second.close();
  }
});

test("work is saved locally and restored on reload; a shared link does not silently replace it", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.page.reload();
    await ui.editor.waitFor();
    assert.equal(await ui.definition(), MACHINE);
    // A link to other work: the user is asked, and keeping theirs keeps it.
    await ui.setDefinition(MACHINE.replace("hi", "mine"));
    await ui.page.getByTestId("share").click();
    const link = await ui.page.getByTestId("share-link").inputValue();
    await ui.setDefinition(MACHINE.replace("hi", "newer"));
    await ui.page.goto(link.replace(/#.*/, "") + "#" + link.split("#")[1]);
    await ui.page.reload();
    await ui.editor.waitFor();
    await ui.page.getByTestId("link-offer").waitFor();
    assert.match(await ui.definition(), /newer/);
    await ui.page.getByTestId("open-shared").click();
    assert.match(await ui.definition(), /mine/);
  } finally {
    await ui.close();
  }
});

test("a damaged link is reported and the saved work stays", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    const url = ui.page.url().replace(/#.*/, "");
    await ui.page.goto(url + "#v1.not-a-real-link");
    await ui.page.reload();
    await ui.editor.waitFor();
    const banner = ui.page.getByTestId("link-damaged");
    await banner.waitFor();
    assert.match(await banner.textContent(), /damaged/);
    assert.equal(await ui.definition(), MACHINE);
  } finally {
    await ui.close();
  }
});
