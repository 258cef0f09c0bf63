// The playground page's own timings, in Chromium: from navigation to an editor that takes input
// (a fresh profile each time, so nothing is cached), from a keystroke to the diagnostics and the
// graph updated, on a long definition, and a 10 MB paste and keystrokes in it.

const LOADS = 7;
const KEYSTROKES = 40;

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

/** Navigation → the definition editor in the page: a MutationObserver, installed before any of
 * the page's scripts, notes the time (since navigation started) the editor appears. */
async function interactive(browser, url) {
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="definition-editor"]')) {
          window.__interactive = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    loads.push(await page.waitForFunction(() => window.__interactive).then((h) => h.jsonValue()));
    await context.close();
  }
  return loads;
}

/**
 * Keystroke → updated diagnostics and graph: with the Graph tab open, an "x" is typed after a
 * state's name and deleted again, by turns (renamed, its predecessor's Next points nowhere and
 * the graph gains an unreachable box). The time runs until every task the keystroke queued has
 * run and the page is laid out again (painting is not counted), and each keystroke is checked to
 * have reached the editor's lint gutter and the graph.
 */
async function keystrokes(browser, url, definition) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const editor = page.getByTestId('definition-editor');
  await editor.waitFor();
  await editor.evaluate((el, text) => {
    const view = window.aslEditor.viewOf(el);
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }, definition);
  await page.getByTestId('tab-graph').click();
  await page.locator('[data-testid="graph-state"][data-state="Step7"]').waitFor();
  const times = await page.evaluate(
    async ({ definition, count }) => {
      const view = window.aslEditor.viewOf(document.querySelector('[data-testid="definition-editor"]'));
      view.focus();
      const at = definition.indexOf('"Step7": {') + '"Step7'.length;
      view.dispatch({ selection: { anchor: at } });
      const times = [];
      for (let i = 0; i < count; i++) {
        const typed = i % 2 === 0;
        const start = performance.now();
        // What a keystroke does: the browser edits the text at the caret (CodeMirror takes
        // the edit from its beforeinput event).
        document.execCommand(typed ? 'insertText' : 'delete', false, 'x');
        // A message task runs after every microtask the edit queued (a timer would do too, but
        // nested timers are clamped to 4 ms); reading a box's size then makes the browser
        // restyle and lay out the page, so that is counted too.
        await new Promise((done) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = done;
          channel.port2.postMessage(0);
        });
        document.body.getBoundingClientRect();
        times.push(performance.now() - start);
        const renamed = document.querySelector('[data-testid="graph-state"][data-state="Step7x"]') !== null;
        const problems = document.querySelectorAll('.cm-lint-marker-error').length > 0;
        if (renamed !== typed || problems !== typed) {
          throw new Error(`edit ${i} did not reach the graph (${renamed}) or the gutter (${problems}) at once`);
        }
      }
      return times;
    },
    { definition, count: KEYSTROKES },
  );
  await context.close();
  return times;
}

/**
 * A 10 MB definition pasted (made in the page, so that no time goes to carrying it there), then
 * keystrokes in its middle: each timed like `keystrokes`, until the queued tasks ran and the page
 * is laid out again. Checked: the editor draws only the lines around the screen, and each edit
 * reached it.
 */
async function largePaste(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('definition-editor').waitFor();
  const result = await page.evaluate(async (count) => {
    const settle = async () => {
      await new Promise((done) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = done;
        channel.port2.postMessage(0);
      });
      document.body.getBoundingClientRect();
    };
    const rows = Array.from({ length: 64_000 }, (_, i) => ({ id: i, name: `row ${i}`, tags: ['a', 'b'] }));
    const big = JSON.stringify({ StartAt: 'Big', States: { Big: { Type: 'Pass', Result: { rows }, End: true } } }, null, 2);
    const content = document.querySelector('[data-testid="definition-editor"]');
    const view = window.aslEditor.viewOf(content);
    view.focus();
    view.dispatch({ selection: { anchor: 0, head: view.state.doc.length } });
    const data = new DataTransfer();
    data.setData('text/plain', big);
    const start = performance.now();
    content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    await settle();
    const paste = performance.now() - start;
    const drawn = document.querySelectorAll('.cm-line').length;
    if (view.state.doc.length !== big.length || drawn > 1_000) {
      throw new Error(`the paste gave ${view.state.doc.length} characters, ${drawn} lines drawn`);
    }
    const at = Math.floor(big.length / 2);
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    await settle();
    const times = [];
    for (let i = 0; i < count; i++) {
      const typed = i % 2 === 0;
      const before = view.state.doc.length;
      const start = performance.now();
      document.execCommand(typed ? 'insertText' : 'delete', false, 'x');
      await settle();
      times.push(performance.now() - start);
      if (view.state.doc.length !== before + (typed ? 1 : -1)) throw new Error(`edit ${i} did not reach the editor`);
    }
    return { paste, times, length: big.length };
  }, KEYSTROKES);
  await context.close();
  return result;
}

/** `{loads, interactive, keystrokes, keystroke, lines, large}`: each measure's runs and their
 * stats. */
export async function measurePage(browser, url, definition) {
  const loads = await interactive(browser, url);
  const edits = await keystrokes(browser, url, definition);
  const large = await largePaste(browser, url);
  return {
    loads,
    interactive: stats(loads),
    keystrokes: edits,
    keystroke: stats(edits),
    lines: definition.split('\n').length,
    large: { paste: large.paste, length: large.length, keystrokes: large.times, keystroke: stats(large.times) },
  };
}
