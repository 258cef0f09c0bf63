// The embeddable widget: a host page puts the playground in an iframe (`?embed`), sets a machine
// and its input with postMessage, runs it, and receives the result; other messages are ignored.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";
import { serveHost } from "./support/server.mjs";

const MACHINE = JSON.stringify({
  StartAt: "Greet",
  States: { Greet: { Type: "Pass", Parameters: { "greeting.$": "States.Format('Hello, {}!', $.name)" }, End: true } },
});

test("a host page drives the embed with postMessage", async () => {
  const ui = await PlaygroundPage.open();
  try {
    const url = ui.page.url().replace(/[?#].*$/, "");
    // The host is another site (another origin): the playground's own policy allows no frames
    // and no inline scripts in its pages.
    const hostSite = await serveHost(`<!doctype html><body style="margin:0">
      <iframe id="widget" src="${url}?embed" style="width:900px;height:600px;border:0"></iframe>
      <script>window.got = []; window.addEventListener("message", (e) => window.got.push(JSON.parse(e.data)));</script>
    </body>`);
    await ui.page.goto(hostSite.url);
    const messages = () => ui.page.evaluate(() => window.got);
    const waitFor = async (predicate) => {
      for (let i = 0; i < 100; i++) {
        const found = (await messages()).find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no such message in ${JSON.stringify(await messages())}`);
    };
    await waitFor((m) => m.type === "asl-playground:ready");
    const post = (message) => ui.page.evaluate((m) => document.getElementById("widget").contentWindow.postMessage(m, "*"), message);
    await post({ type: "something-else", definition: "<script>alert(1)</script>" });
    await post("not even an object");
    await post({ type: "asl-playground:set", definition: MACHINE, input: '{"name": "<b>Ada</b>"}' });
    await post({ type: "asl-playground:run" });
    const result = await waitFor((m) => m.type === "asl-playground:result");
    assert.equal(result.status, "SUCCEEDED");
    assert.deepEqual(result.output, { greeting: "Hello, <b>Ada</b>!" });
    const widget = ui.page.frameLocator("#widget");
    await widget.locator('[data-testid="graph-state"][data-state="Greet"]').waitFor();
    assert.match(await widget.getByTestId("embed-status").textContent(), /SUCCEEDED .*Hello, <b>Ada<\/b>!/);
    assert.equal(await widget.locator("b").count(), 0, "text stays text");
  } finally {
    await ui.close();
  }
});
