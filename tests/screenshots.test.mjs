// Screenshots of the main view (light and dark), the graph after a failed Saga run, and the
// embed widget, written to screenshots/ (named in the README) for a person to look at.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PlaygroundPage } from "./support/playground_page.mjs";

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "screenshots");

test("screenshots of the main view, the graph after a failed Saga and the embed", async () => {
  fs.mkdirSync(out, { recursive: true });
  const ui = await PlaygroundPage.open();
  try {
    await ui.page.setViewportSize({ width: 1440, height: 900 });
    await ui.openTab("run");
    await ui.page.getByTestId("run-button").click();
    await ui.page.getByTestId("run-status").waitFor();
    await ui.page.screenshot({ path: path.join(out, "main-light.png") });
    await ui.page.emulateMedia({ colorScheme: "dark" });
    await ui.page.screenshot({ path: path.join(out, "main-dark.png") });
    await ui.page.emulateMedia({ colorScheme: "light" });

    await ui.pickTemplate("saga");
    await ui.openTab("run");
    await ui.page.getByTestId("run-failure-path").click();
    await ui.page.getByTestId("run-status").filter({ hasText: "FAILED" }).waitFor();
    await ui.openTab("graph");
    await ui.page.getByTestId("graph-fit").click();
    await ui.page.screenshot({ path: path.join(out, "graph-saga-failed.png") });

    await ui.page.getByTestId("share").click();
    const link = await ui.page.getByTestId("share-link").inputValue();
    const [base, fragment] = link.split("#");
    await ui.page.setViewportSize({ width: 900, height: 620 });
    await ui.page.goto(`${base}?embed#${fragment}`);
    await ui.page.getByTestId("embed-run").click();
    await ui.page.getByTestId("embed-status").filter({ hasText: /SUCCEEDED|FAILED/ }).waitFor();
    await ui.page.screenshot({ path: path.join(out, "embed.png") });
    for (const name of ["main-light", "main-dark", "graph-saga-failed", "embed"]) {
      assert.ok(fs.statSync(path.join(out, `${name}.png`)).size > 10_000, name);
    }
  } finally {
    await ui.close();
  }
});
