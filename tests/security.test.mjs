// Hostile text stays text: script and HTML payloads in state names, comments, outputs, error
// causes, a share link, an imported file and postMessage data are shown as typed and never run;
// the page's Content-Security-Policy allows nothing else to run either, and the page fetches
// nothing but its own files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";
import { serveHost } from "./support/server.mjs";

// Each payload, if it ever ran, would count itself in window.__ran.
const IMG = `<img src="x" onerror="window.__ran = (window.__ran || 0) + 1">`;
const SCRIPT = `<script>window.__ran = (window.__ran || 0) + 1</script>`;
const SVG = `<svg onload="window.__ran = (window.__ran || 0) + 1"></svg>`;
const LINK = `<a href="javascript:window.__ran=1">click</a>`;

const STATE = `Start ${IMG}`;
const FAILING = `Boom ${SVG}`;
const MACHINE = JSON.stringify(
  {
    Comment: `A machine ${SCRIPT}`,
    StartAt: STATE,
    States: {
      [STATE]: {
        Type: "Pass",
        Comment: `${SVG} ${LINK}`,
        Parameters: { "echo.$": "$.html", script: SCRIPT },
        Next: FAILING,
      },
      [FAILING]: { Type: "Fail", Error: `Err${IMG}`, Cause: `${SCRIPT} ${IMG}` },
    },
  },
  null,
  2,
);
const INPUT = JSON.stringify({ html: `${IMG}${SCRIPT}${LINK}` });

/** Before any page script: count the payloads that run, the policy's refusals, and requests. */
function watch() {
  window.__ran = 0;
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

/** Nothing ran, nothing was refused, and no payload became an element, in the page and its frames. */
async function assertInert(page) {
  for (const frame of page.frames()) {
    const state = await frame.evaluate(() => ({
      ran: window.__ran,
      violations: window.__violations ?? [],
      planted: document.querySelectorAll('img[src="x"], svg[onload], a[href^="javascript:"], [onerror]').length,
      scripts: [...document.scripts].filter((s) => !s.src && !s.textContent.includes("wasmBindings")).length,
    }));
    assert.equal(state.ran ?? 0, 0, `a payload ran in ${frame.url()}`);
    assert.deepEqual(state.violations, [], `the policy refused something in ${frame.url()}`);
    assert.equal(state.planted, 0, `a payload became an element in ${frame.url()}`);
    assert.equal(state.scripts, 0, `an inline script appeared in ${frame.url()}`);
  }
}

test("script and HTML in a definition, its input and its run are shown as text and never run", async () => {
  const ui = await PlaygroundPage.open({ init: watch });
  const requests = [];
  ui.page.on("request", (r) => requests.push(r.url()));
  try {
    // A diagnostic that quotes a hostile name.
    await ui.setDefinition(MACHINE.replace(`"Next": ${JSON.stringify(FAILING)}`, `"Next": ${JSON.stringify(`Nowhere ${IMG}`)}`));
    const missing = ui.diagnostic("MISSING_TRANSITION_TARGET").filter({ hasText: "Missing 'Next' target" });
    await missing.waitFor();
    assert.ok((await missing.textContent()).includes(`Nowhere ${IMG}`));

    await ui.setDefinition(MACHINE);
    await ui.openTab("run");
    await ui.page.getByTestId("execution-input").fill(INPUT);
    await ui.openTab("graph");
    const node = ui.page.locator('[data-testid="graph-state"]').filter({ hasText: "Start <img" });
    await node.waitFor();
    assert.ok((await node.textContent()).includes("Start <img"), "the name is drawn as typed (maybe cut short)");

    await ui.openTab("run");
    await ui.page.getByTestId("run-button").click();
    await ui.page.getByTestId("run-status").filter({ hasText: "FAILED" }).waitFor();
    const error = await ui.page.getByTestId("run-error").textContent();
    assert.ok(error.includes(`Err${IMG}`) && error.includes(SCRIPT), `the error and cause as typed: ${error}`);
    const rows = ui.page.getByTestId("history-row");
    await rows.nth(2).click();
    const details = await ui.page.getByTestId("event-details").textContent();
    assert.ok(details.includes("<img src=\\\"x\\\""), `the event's JSON as text: ${details}`);

    await ui.openTab("data-flow");
    await ui.page.getByTestId("state-input").fill(INPUT);
    await ui.page.getByTestId("stage-json").first().waitFor();
    const stages = (await ui.page.getByTestId("stage-json").allTextContents()).join("\n");
    assert.ok(stages.includes("<script>"), `the data flow's JSON as text: ${stages}`);

    // A YAML import carrying the same payloads.
    await ui.page.getByTestId("import-open").click();
    await ui.page.getByTestId("import-definition").fill(`StartAt: "${SCRIPT}"\nStates:\n  "${SCRIPT}":\n    Type: Pass\n    Comment: '${IMG}'\n    End: true\n`);
    await ui.page.getByTestId("import-origin").filter({ hasText: "ASL (YAML)" }).waitFor();
    await ui.page.getByTestId("import-apply").click();
    assert.ok((await ui.definition()).includes(SCRIPT));

    await assertInert(ui.page);
    const origin = new URL(ui.page.url()).origin;
    assert.deepEqual(requests.filter((url) => !url.startsWith(origin)), [], "no request leaves the page's origin");
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("a hostile share link, a damaged one, and postMessage data stay text", async () => {
  let link;
  const first = await PlaygroundPage.open({ init: watch });
  try {
    await first.setDefinition(MACHINE);
    await first.openTab("run");
    await first.page.getByTestId("execution-input").fill(INPUT);
    await first.page.getByTestId("share").click();
    link = await first.page.getByTestId("share-link").inputValue();
  } finally {
    await first.close();
  }

  // The shared workspace, opened in a fresh profile.
  const shared = await PlaygroundPage.open({ hash: link.slice(link.indexOf("#")), init: watch });
  try {
    assert.equal(await shared.definition(), MACHINE);
    await shared.openTab("graph");
    await shared.page.locator('[data-testid="graph-state"]').filter({ hasText: "Boom <svg" }).waitFor();
    await assertInert(shared.page);
  } finally {
    await shared.close();
  }

  // A fragment that is not a workspace, made of HTML.
  const damaged = await PlaygroundPage.open({ hash: `#${encodeURIComponent(IMG + SCRIPT)}`, init: watch });
  try {
    await damaged.page.getByTestId("link-damaged").waitFor();
    await assertInert(damaged.page);
  } finally {
    await damaged.close();
  }

  // The embed, sent hostile definitions and messages by its host.
  const host = await PlaygroundPage.open({ init: watch });
  try {
    const url = host.page.url().replace(/[?#].*$/, "");
    // The host is another site (another origin): the playground's own policy allows no frames
    // and no inline scripts in its pages.
    const hostSite = await serveHost(`<!doctype html><body>
      <iframe id="widget" src="${url}?embed" style="width:900px;height:600px;border:0"></iframe>
      <script>window.got = []; window.addEventListener("message", (e) => window.got.push(JSON.parse(e.data)));</script>
    </body>`);
    await host.page.goto(hostSite.url);
    const widget = host.page.frameLocator("#widget");
    await widget.getByTestId("embed-run").waitFor();
    const post = (message) => host.page.evaluate((m) => document.getElementById("widget").contentWindow.postMessage(m, "*"), message);
    await post({ type: "asl-playground:set", definition: { toString: null }, input: IMG });
    await post({ type: "asl-playground:set", definition: MACHINE, input: INPUT });
    await post({ type: "asl-playground:run" });
    await widget.getByTestId("embed-status").filter({ hasText: "FAILED" }).waitFor();
    assert.ok((await widget.getByTestId("embed-status").textContent()).includes(SCRIPT));
    await widget.locator('[data-testid="graph-state"]').filter({ hasText: "Start <img" }).waitFor();
    // Another window of the host's page (a sibling frame) is not the widget's parent: ignored.
    await host.page.evaluate(() => {
      const sibling = document.createElement("iframe");
      sibling.srcdoc = `<script>parent.frames[0].postMessage({type: "asl-playground:set",
        definition: JSON.stringify({StartAt: "Sibling", States: {Sibling: {Type: "Succeed"}}})}, "*");</script>`;
      document.body.append(sibling);
    });
    await new Promise((done) => setTimeout(done, 500));
    assert.equal(await widget.locator('[data-testid="graph-state"][data-state="Sibling"]').count(), 0);
    const frame = host.page.frames().find((f) => f.url().includes("?embed"));
    const inFrame = await frame.evaluate(() => ({ ran: window.__ran, violations: window.__violations }));
    assert.deepEqual(inFrame, { ran: 0, violations: [] });
    assert.equal(await frame.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload]').length), 0);
  } finally {
    await host.close();
  }
});
