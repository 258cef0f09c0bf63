// The path scratchpad evaluates a JSONPath or an intrinsic call against the input as the user types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

async function evaluate(ui, expression, input) {
  await ui.page.getByTestId("scratchpad-input").fill(input);
  await ui.page.getByTestId("scratchpad-expression").fill(expression);
}

test("a slice gives the matched elements", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.openTab("scratchpad");
    await evaluate(ui, "$.a[0:2]", '{"a":[1,2,3,4]}');
    const result = ui.page.getByTestId("scratchpad-result");
    await result.waitFor();
    assert.deepEqual(JSON.parse(await result.textContent()), [1, 2]);
  } finally {
    await ui.close();
  }
});

test("a path that matches nothing shows AWS's error", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.openTab("scratchpad");
    await evaluate(ui, "$.missing", '{"a":[1,2,3,4]}');
    const error = ui.page.getByTestId("scratchpad-error");
    await error.waitFor();
    assert.equal(await error.textContent(), "States.Runtime: Invalid path '$.missing' : No results for path: $['missing']");
  } finally {
    await ui.close();
  }
});

test("intrinsic calls are evaluated as the user types", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.openTab("scratchpad");
    await evaluate(ui, "States.Format('{} has {} items', $.name, States.ArrayLength($.a))", '{"name":"cart","a":[1,2,3]}');
    await ui.page.getByTestId("scratchpad-result").filter({ hasText: "cart has 3 items" }).waitFor();
    await ui.page.getByTestId("scratchpad-expression").fill("States.Format('{}'");
    await ui.page.getByTestId("scratchpad-error").filter({ hasText: "Syntax error" }).waitFor();
  } finally {
    await ui.close();
  }
});
