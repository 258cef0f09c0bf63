// A long execution runs in slices between frames: the page stays responsive, shows how far the
// run got, and its Stop button stops it; left alone, an endless loop ends with the limit's
// message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

// An endless loop whose every turn does some work (a thousand numbers hashed, six times).
const HASH = "States.Hash(States.JsonToString(States.ArrayRange(1, 1000, 1)), 'SHA-256')";
const ENDLESS = JSON.stringify(
  {
    StartAt: "Again",
    States: {
      Again: {
        Type: "Pass",
        Parameters: {
          "n.$": "States.MathAdd($.n, 1)",
          ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`h${i}.$`, HASH])),
        },
        Next: "Check",
      },
      Check: { Type: "Choice", Default: "Again", Choices: [{ Variable: "$.n", NumericLessThan: 0, Next: "Done" }] },
      Done: { Type: "Succeed" },
    },
  },
  null,
  2,
);

/** Frames the page paints in `ms` milliseconds. */
function framesIn(page, ms) {
  return page.evaluate(
    (ms) =>
      new Promise((done) => {
        let frames = 0;
        const start = performance.now();
        const frame = () => {
          frames += 1;
          if (performance.now() - start < ms) requestAnimationFrame(frame);
          else done(frames);
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

test("an endless loop runs without freezing the page, stops on Stop, and ends at the limit", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.machineType.selectOption("EXPRESS");
    await ui.setDefinition(ENDLESS);
    await ui.openTab("run");
    await ui.page.getByTestId("execution-input").fill('{"n": 0}');
    const progress = ui.page.getByTestId("run-progress");
    const entered = async () => Number((await progress.textContent()).match(/(\d+) state transitions/)[1]);

    await ui.page.getByTestId("run-in-panel").click();
    await progress.waitFor();
    const first = await entered();
    // The page keeps painting and takes input while the execution runs.
    const frames = await framesIn(ui.page, 500);
    assert.ok(frames >= 10, `only ${frames} frames in half a second while running`);
    await ui.page.getByTestId("execution-name").fill("typed-while-running");
    assert.equal(await ui.page.getByTestId("execution-name").inputValue(), "typed-while-running");
    const later = await entered();
    assert.ok(later > first, `the run goes on (${first} then ${later} transitions)`);

    await ui.page.getByTestId("run-stop").click();
    await ui.page.getByTestId("run-status").filter({ hasText: "ABORTED" }).waitFor();
    assert.equal(await progress.count(), 0);
    assert.match(await ui.page.getByTestId("run-error").textContent(), /Stopped in the playground after \d+ state transitions/);

    // Left alone, it runs until the playground's limit stops it, with the limit's message.
    await ui.page.getByTestId("execution-name").fill("");
    await ui.page.getByTestId("run-in-panel").click();
    await progress.waitFor();
    await ui.page.getByTestId("run-status").filter({ hasText: "ABORTED" }).waitFor({ timeout: 120_000 });
    assert.match(
      await ui.page.getByTestId("run-error").textContent(),
      /Playground\.HistoryLimitExceeded.*at most 100000 events.*it looks endless/,
    );
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});
