// The graph tab draws the machine: boxes for the states (Parallel branches and the Map processor
// inside their state), Choice edges labelled with their rule and Default, Catch edges with their
// errors; clicking a state reveals it in the editor. Every template's graph is drawn with its
// texts inside their boxes (Chromium's fonts, not the layout's estimates) and left in
// screenshots/graph-<id>.png; a legend explains the colours; Copy gives Mermaid and DOT text, and
// the SVG file, exactly as `asl graph` prints them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PlaygroundPage } from "./support/playground_page.mjs";

const MACHINE = JSON.stringify({
  StartAt: "Route",
  States: {
    Route: {
      Type: "Choice",
      Choices: [{ Variable: "$.items", IsPresent: true, Next: "Fan" }],
      Default: "Both",
    },
    Fan: {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: { StartAt: "Work", States: { Work: { Type: "Pass", End: true } } },
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }],
      Next: "Done",
    },
    Both: {
      Type: "Parallel",
      Branches: [
        { StartAt: "Left", States: { Left: { Type: "Pass", End: true } } },
        { StartAt: "Right", States: { Right: { Type: "Pass", End: true } } },
      ],
      Next: "Done",
    },
    Done: { Type: "Succeed" },
    Failed: { Type: "Fail", Error: "Oops" },
  },
}, null, 2);

test("the graph shows states, containers and labelled edges", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(MACHINE);
    await ui.openTab("graph");
    const states = await ui.page.getByTestId("graph-state").evaluateAll((gs) => gs.map((g) => g.dataset.state));
    assert.deepEqual(states.sort(), ["Both", "Done", "Failed", "Fan", "Left", "Right", "Route", "Work"]);
    const labels = await ui.page.getByTestId("graph-edge-label").allTextContents();
    assert.deepEqual(labels.sort(), ["$.items is present", "Default", "States.ALL"]);
    // Branch states sit inside the Parallel's box, side by side.
    const box = async (name) => ui.page.locator(`[data-testid="graph-state"][data-state="${name}"] rect`).evaluate((r) => {
      const b = r.getBBox();
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    });
    const [both, left, right] = [await box("Both"), await box("Left"), await box("Right")];
    for (const inner of [left, right]) {
      assert.ok(inner.x >= both.x && inner.x + inner.w <= both.x + both.w, "inside horizontally");
      assert.ok(inner.y >= both.y && inner.y + inner.h <= both.y + both.h, "inside vertically");
    }
    assert.equal(left.y, right.y);
    assert.ok(left.x + left.w <= right.x);
    const catchEdges = await ui.page.locator(".graph__edge--catch").count();
    assert.equal(catchEdges, 1);
    await ui.page.locator('[data-testid="graph-state"][data-state="Fan"]').click({ position: { x: 12, y: 8 } });
    const revealed = await ui.revealedText();
    assert.ok(revealed.startsWith('"Fan": {') && revealed.includes('"Type": "Map"'), revealed);
    assert.equal(await ui.selectedText(), "", "the state is shown, not selected");
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("after a run each state is coloured by what happened, with its attempts", async () => {
  const ui = await PlaygroundPage.open();
  try {
    // The opening template: ChargeCard retries three times, then its Catch sends the execution
    // to PaymentFailed; the states after a successful charge are not reached.
    await ui.run("ThrottledUntilCaught", "FAILED");
    await ui.openTab("graph");
    const status = (name) => ui.page.locator(`[data-testid="graph-state"][data-state="${name}"]`).getAttribute("data-status");
    assert.equal(await status("ChargeCard"), "caught");
    assert.equal(await status("PaymentFailed"), "failed");
    const charge = ui.page.locator('[data-testid="graph-state"][data-state="ChargeCard"]');
    assert.equal(await charge.getByTestId("graph-badge").textContent(), "4 attempts");
    const notReached = await ui.page.locator(".graph__state--not-reached").count();
    assert.ok(notReached >= 1, `${notReached} states not reached`);
  } finally {
    await ui.close();
  }
});

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ASL = process.env.ASL_BIN ?? path.join(ROOT, "target/debug/asl");
const GALLERY = path.join(ROOT, "web/templates/gallery");
const OUT = path.join(ROOT, "screenshots");

/** The graph's geometry as Chromium draws it: what sticks out of its box, what overlaps. */
async function drawnProblems(page) {
  return page.getByTestId("graph-canvas").evaluate((svg) => {
    const box = (e) => { const b = e.getBBox(); return { x: b.x, y: b.y, w: b.width, h: b.height }; };
    const inside = (b, r) => b.x >= r.x - 1 && b.x + b.w <= r.x + r.w + 1 && b.y >= r.y - 1 && b.y + b.h <= r.y + r.h + 1;
    const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const problems = [];
    for (const g of svg.querySelectorAll('[data-testid="graph-state"]')) {
      const r = box(g.querySelector(":scope > rect"));
      for (const t of g.querySelectorAll(":scope > text")) {
        if (!inside(box(t), r)) problems.push(`"${t.textContent}" sticks out of ${g.dataset.state}`);
      }
    }
    const labels = [...svg.querySelectorAll(".graph__label-bg")].map((bg) => ({ bg: box(bg), text: bg.nextElementSibling }));
    labels.forEach(({ bg, text }, i) => {
      if (!inside(box(text), bg)) problems.push(`label "${text.textContent}" sticks out of its background`);
      for (const other of labels.slice(i + 1)) {
        if (overlap(bg, other.bg)) problems.push(`labels "${text.textContent}" and "${other.text.textContent}" overlap`);
      }
    });
    return problems;
  });
}

test("every template's graph is drawn with its texts in their boxes, and left in screenshots/", async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const ids = ["order", ...fs.readdirSync(GALLERY).sort()];
  const ui = await PlaygroundPage.open();
  try {
    await ui.page.setViewportSize({ width: 1440, height: 900 });
    for (const id of ids) {
      if (id !== "order") await ui.pickTemplate(id);
      await ui.openTab("graph");
      await ui.page.getByTestId("graph-fit").click();
      assert.deepEqual(await drawnProblems(ui.page), [], id);
      await ui.page.getByTestId("graph").screenshot({ path: path.join(OUT, `graph-${id}.png`) });
      assert.ok(fs.statSync(path.join(OUT, `graph-${id}.png`)).size > 5_000, id);
    }
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("the legend explains the colours, and Copy gives the machine as Mermaid, DOT or an SVG file", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: ui.server.url.replace(/\/$/, "") });
    await ui.openTab("graph");
    const legend = await ui.page.getByTestId("graph-legend").textContent();
    for (const entry of ["Next", "Choice rule or Default", "Catch (errors caught)", "Succeed", "Fail", "Parallel or Map"]) {
      assert.ok(legend.includes(entry), entry);
    }
    const opening = path.join(ROOT, "web/templates/hello-world.asl.json");
    for (const [item, format] of [["graph-copy-mermaid", "mermaid"], ["graph-copy-dot", "dot"]]) {
      await ui.page.getByTestId("graph-copy").click();
      await ui.page.getByTestId(item).click();
      await ui.page.getByTestId("graph-copied").filter({ hasText: "Copied" }).waitFor();
      const copied = await ui.page.evaluate(() => navigator.clipboard.readText());
      const expected = execFileSync(ASL, ["graph", opening, "--format", format], { encoding: "utf8" });
      assert.equal(copied, expected, format);
    }
    await ui.page.getByTestId("graph-copy").click();
    const [download] = await Promise.all([
      ui.page.waitForEvent("download"),
      ui.page.getByTestId("graph-download-svg").click(),
    ]);
    assert.equal(download.suggestedFilename(), "state-machine.svg");
    const svg = fs.readFileSync(await download.path(), "utf8");
    assert.equal(svg, execFileSync(ASL, ["graph", opening, "--format", "svg"], { encoding: "utf8" }));
    assert.equal(await ui.page.getByTestId("graph-copy-menu").count(), 0, "the menu closes");
    // After a run, the legend says what the states' colours mean too.
    await ui.run("ThrottledUntilCaught", "FAILED");
    await ui.openTab("graph");
    assert.match(await ui.page.getByTestId("graph-legend").textContent(), /Failed, caught/);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
