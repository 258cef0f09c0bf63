// The definition editor (CodeMirror): problems are lint marks in the text and in the gutter, with
// their codes and messages, in the theme's colours; the JSON is coloured, the bracket at the
// cursor paired; Format pretty-prints.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PlaygroundPage } from "./support/playground_page.mjs";

const BROKEN = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}';

test("problems are lint marks with their codes and messages; Format pretty-prints", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition(BROKEN);
    const mark = ui.page.locator(".cm-lintRange-error", { hasText: '"Nowhere"' });
    await mark.waitFor();
    assert.equal(await mark.textContent(), '"Nowhere"');
    // Hovering the mark shows the code and the message.
    await mark.hover();
    const tooltip = ui.page.locator(".cm-tooltip-lint");
    await tooltip.waitFor();
    assert.match(await tooltip.textContent(), /Missing 'Next' target: Nowhere/);
    assert.match(await tooltip.textContent(), /MISSING_TRANSITION_TARGET/);
    // The gutter marks the line (one marker for all the line's problems).
    assert.equal(await ui.page.locator(".cm-lint-marker-error").count(), 1);

    await ui.page.getByTestId("format").click();
    assert.equal(
      await ui.definition(),
      '{\n  "StartAt": "A",\n  "States": {\n    "A": {\n      "Type": "Pass",\n      "Next": "Nowhere"\n    }\n  }\n}',
    );
    // After formatting, the marks follow the problem to its new line, the sixth.
    await ui.page.waitForFunction(() => {
      const six = [...document.querySelectorAll(".cm-lineNumbers .cm-gutterElement")].find((e) => e.textContent === "6");
      const markers = [...document.querySelectorAll(".cm-lint-marker-error")].map((m) => m.getBoundingClientRect().top);
      return six && markers.some((top) => Math.abs(top - six.getBoundingClientRect().top) < 4);
    });
    assert.equal(await mark.textContent(), '"Nowhere"');
    assert.deepEqual(ui.errors, []);
  } finally {
    await ui.close();
  }
});

test("warning marks take the theme's colours, light and dark", async () => {
  const ui = await PlaygroundPage.open();
  try {
    // Text after the definition is a warning.
    await ui.setDefinition('{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}} extra');
    const warning = ui.page.locator(".cm-lintRange-warning");
    await warning.first().waitFor();
    for (const scheme of ["light", "dark"]) {
      await ui.page.emulateMedia({ colorScheme: scheme });
      const { mark, theme } = await warning.first().evaluate((el) => {
        const probe = document.createElement("span");
        probe.style.color = "var(--warning)";
        document.body.append(probe);
        const theme = getComputedStyle(probe).color;
        probe.remove();
        return { mark: getComputedStyle(el).textDecorationColor, theme };
      });
      assert.equal(mark, theme, `${scheme}: the warning's underline is the theme's warning colour`);
      const background = await warning.first().evaluate((el) => getComputedStyle(el).backgroundImage);
      assert.equal(background, "none", `${scheme}: no stock underline image`);
    }
    assert.equal(await ui.page.locator('[data-testid="definition-editor"] mark').count(), 0, "no <mark> elements");
  } finally {
    await ui.close();
  }
});

test("the JSON is coloured and the bracket at the cursor is paired", async () => {
  const ui = await PlaygroundPage.open();
  try {
    await ui.setDefinition('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}');
    const keys = await ui.page.locator(".cm-content .tok-key").allTextContents();
    assert.deepEqual(keys, ['"StartAt"', '"States"', '"A"', '"Type"', '"End"']);
    assert.deepEqual(await ui.page.locator(".cm-content .tok-keyword").allTextContents(), ["true"]);
    // The cursor just after the opening brace of "States": it and its closing brace are marked.
    await ui.placeCursorAfter('"States": {');
    const pair = await ui.page.locator(".cm-matchingBracket").allTextContents();
    assert.deepEqual(pair, ["{", "}"]);
  } finally {
    await ui.close();
  }
});
