// Typing an invalid definition shows AWS's diagnostics, and a click selects the offending text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const WITH_TYPO = `{
  "StartAt": "FetchOrder",
  "States": {
    "FetchOrder": {
      "Type": "Pass",
      "Next": "ChargeCrad"
    },
    "ChargeCard": {
      "Type": "Succeed"
    }
  }
}`;

test("the sample definition is valid", async () => {
  const ui = await PlaygroundPage.open();
  try {
    assert.equal(await ui.result.textContent(), "OK");
    assert.equal(await ui.diagnostics.count(), 0);
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("a missing transition target is reported and selected on click", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(WITH_TYPO);
    const missing = ui.diagnostic("MISSING_TRANSITION_TARGET").filter({ hasText: "Missing 'Next' target: ChargeCrad" });
    await missing.waitFor();
    assert.equal(await ui.result.textContent(), "FAIL");
    assert.match(await missing.textContent(), /\/States\/FetchOrder\/Next/);
    assert.match(await missing.textContent(), /Did you mean 'ChargeCard'\?/);
    await missing.click();
    assert.equal(await ui.selectedText(), '"ChargeCrad"');
    assert.equal(await ui.editor.evaluate((el) => document.activeElement === el), true);
    // The unreachable state is reported too: every problem, not only the first.
    await ui.diagnostic("MISSING_TRANSITION_TARGET").filter({ hasText: 'State "ChargeCard" is not reachable.' }).waitFor();
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("diagnostics follow the text as the user types", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,}}}');
    const syntax = ui.diagnostic("INVALID_JSON_DESCRIPTION");
    await syntax.waitFor();
    assert.match(await syntax.textContent(), /was expecting double-quote to start field name/);
    await syntax.click();
    assert.equal(await ui.selectedText(), "}");
    await ui.setDefinition('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}');
    await ui.page.getByTestId("no-diagnostics").waitFor();
    assert.equal(await ui.result.textContent(), "OK");
  } finally {
    await ui.close();
  }
});

test("switching to Express reports the integrations Express cannot use", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(JSON.stringify({
      StartAt: "Wait",
      States: { Wait: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", End: true } },
    }, null, 2));
    assert.equal(await ui.result.textContent(), "OK");
    await ui.machineType.selectOption("EXPRESS");
    const express = ui.diagnostic("SCHEMA_VALIDATION_FAILED").filter({ hasText: "Express state machine does not support '.waitForTaskToken'" });
    await express.waitFor();
    await express.click();
    assert.equal(await ui.selectedText(), '"arn:aws:states:::sqs:sendMessage.waitForTaskToken"');
  } finally {
    await ui.close();
  }
});
