// The playground page, as the tests see it (page object).
import { launch } from "./browser.mjs";
import { serveDist } from "./server.mjs";

export class PlaygroundPage {
  /** Start a server, a browser (a fresh profile) and a page on the playground, at `hash` if
   * given, `init` run in every document before its own scripts; `close()` ends all three. */
  static async open({ hash = "", init } = {}) {
    const server = await serveDist();
    let browser;
    try {
      browser = await launch();
    } catch (e) {
      await server.close();
      throw e;
    }
    const page = await browser.newPage();
    if (init) await page.addInitScript(init);
    const errors = [];
    page.on("pageerror", (e) => errors.push(e));
    await page.goto(server.url + hash);
    const ui = new PlaygroundPage(page, server, browser, errors);
    await ui.editor.waitFor();
    return ui;
  }

  constructor(page, server, browser, errors) {
    this.page = page;
    this.server = server;
    this.browser = browser;
    this.errors = errors;
    this.editor = page.getByTestId("definition-editor");
    this.result = page.getByTestId("validation-result");
    this.diagnostics = page.getByTestId("diagnostic-item");
    this.machineType = page.getByTestId("machine-type");
  }

  /** Replace the definition, as a user pasting it over the whole text would. */
  async setDefinition(text) {
    await this.focusEditor();
    await this.page.keyboard.press("Control+a");
    if (text === "") {
      await this.page.keyboard.press("Delete");
    } else {
      await this.paste(text);
    }
  }

  /** Paste `text` where the editor's selection is, as the clipboard would. */
  async paste(text) {
    await this.editor.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** Give the editor the keyboard, its cursor where it was. */
  async focusEditor() {
    await this.editor.evaluate((el) => window.aslEditor.viewOf(el).focus());
  }

  /** The definition, as the editor holds it. */
  async definition() {
    return this.editor.evaluate((el) => window.aslEditor.viewOf(el).state.doc.toString());
  }

  /** Open a template from the picker, and wait until it is fetched and shown. */
  async pickTemplate(id) {
    await this.page.getByTestId("template").selectOption(id);
    await this.page.locator(`[data-testid="template"][data-loaded="${id}"]`).waitFor();
  }

  /** Run the execution with this test case of the mocks, and wait for its status. */
  async run(testCase, status) {
    await this.openTab("run");
    await this.page.getByTestId("test-case").selectOption(testCase);
    await this.page.getByTestId("run-button").click();
    await this.page.getByTestId("run-status").filter({ hasText: status }).waitFor();
  }

  /** The diagnostic items with this code. */
  diagnostic(code) {
    return this.page.locator(`[data-testid="diagnostic-item"][data-code="${code}"]`);
  }

  /** Open a side panel: "problems", "data-flow" or "scratchpad". */
  async openTab(name) {
    await this.page.getByTestId(`tab-${name}`).click();
  }

  /** The JSON a data-flow stage shows (`afterInputPath`, `output`, …), parsed. */
  async stage(key) {
    const text = await this.page.getByTestId(`stage-${key}`).getByTestId("stage-json").textContent();
    return JSON.parse(text);
  }

  /** Put the cursor just after the first occurrence of `text` in the editor, as the arrow keys
   * would. */
  async placeCursorAfter(text) {
    await this.editor.evaluate((el, needle) => {
      const view = window.aslEditor.viewOf(el);
      const found = view.state.doc.toString().indexOf(needle);
      if (found < 0) throw new Error(`${needle} is not in the editor`);
      view.focus();
      view.dispatch({ selection: { anchor: found + needle.length } });
    }, text);
    await this.page.keyboard.press("ArrowRight");
    await this.page.keyboard.press("ArrowLeft");
  }

  /** The text currently selected in the editor (the main selection). */
  async selectedText() {
    return this.editor.evaluate((el) => {
      const { state } = window.aslEditor.viewOf(el);
      return state.sliceDoc(state.selection.main.from, state.selection.main.to);
    });
  }

  /** The editor's selection: each range's `from` and `to`. */
  async selections() {
    return this.editor.evaluate((el) =>
      window.aslEditor.viewOf(el).state.selection.ranges.map(({ from, to }) => ({ from, to })),
    );
  }

  /** The text the editor shows revealed (a state picked in the history or on the graph). */
  async revealedText() {
    return this.editor.evaluate((el) => {
      const lines = new Map();
      for (const mark of el.querySelectorAll('[data-testid="revealed-state"]')) {
        const line = mark.closest(".cm-line");
        lines.set(line, (lines.get(line) ?? "") + mark.textContent);
      }
      return [...lines.values()].join("\n");
    });
  }

  /** Whether the keyboard focus is in the editor. */
  async editorHasFocus() {
    return this.editor.evaluate((el) => el.contains(document.activeElement));
  }

  async close() {
    await this.browser.close();
    await this.server.close();
  }
}
