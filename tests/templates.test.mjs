// The template gallery: every template opens from the picker, explains itself, and its success
// and failure paths run to the outcome its meta.json documents.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PlaygroundPage } from "./support/playground_page.mjs";

const gallery = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "web", "templates", "gallery");
const templates = fs.readdirSync(gallery).sort()
  .map((id) => JSON.parse(fs.readFileSync(path.join(gallery, id, "meta.json"), "utf8")));

test("each template's success and failure paths run as documented", async () => {
  assert.ok(templates.length >= 9, `${templates.length} templates`);
  const ui = await PlaygroundPage.open();
  try {
    for (const meta of templates) {
      await ui.pickTemplate(meta.id);
      if (meta.type === "EXPRESS") {
        await ui.machineType.selectOption("EXPRESS");
      } else {
        await ui.machineType.selectOption("STANDARD");
      }
      await ui.openTab("run");
      const notes = ui.page.getByTestId("template-notes");
      assert.match(await notes.textContent(), new RegExp(meta.title.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
      for (const which of ["success", "failure"]) {
        const expected = meta[which];
        await ui.page.getByTestId(`run-${which}-path`).click();
        const status = ui.page.getByTestId("run-status");
        await status.filter({ hasText: expected.status }).waitFor({ timeout: 5000 });
        if (expected.error) {
          assert.match(await ui.page.getByTestId("run-error").textContent(), new RegExp(`^${expected.error}:`), `${meta.id} ${which}`);
        }
      }
    }
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("the gallery is fetched when a template is picked, and a failed fetch keeps the work", async () => {
  const ui = await PlaygroundPage.open();
  try {
    const fetched = () =>
      ui.page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.includes("/gallery/")));
    assert.deepEqual(await fetched(), [], "the first screen loads no template");
    await ui.pickTemplate("saga");
    assert.deepEqual((await fetched()).sort(), [
      "/gallery/saga/definition.asl.json", "/gallery/saga/input.json", "/gallery/saga/meta.json", "/gallery/saga/mocks.json",
    ]);
    assert.match(await ui.definition(), /"StartAt": "BookFlight"/);

    // The site unreachable: the picked template says so, and the definition stays.
    const before = await ui.definition();
    await ui.page.route("**/gallery/**", (route) => route.abort());
    await ui.page.getByTestId("template").selectOption("callback");
    await ui.openTab("run");
    await ui.page.getByTestId("run-message").filter({ hasText: /could not be opened/ }).waitFor();
    assert.equal(await ui.definition(), before);
    assert.equal(await ui.page.getByTestId("template").inputValue(), "saga", "the picker shows the open template again");
    assert.equal(await ui.page.getByTestId("run-button").isEnabled(), true);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
