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

  /** Replace the definition, as a user typing or pasting would. */
  async setDefinition(text) {
    await this.editor.fill(text);
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

  /** Put the cursor just after the first occurrence of `text` in the editor. */
  async placeCursorAfter(text) {
    await this.editor.evaluate((el, needle) => {
      const at = el.value.indexOf(needle) + needle.length;
      el.focus();
      el.setSelectionRange(at, at);
    }, text);
    await this.editor.press("ArrowRight");
    await this.editor.press("ArrowLeft");
  }

  /** The text currently selected in the editor. */
  async selectedText() {
    return this.editor.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  }

  async close() {
    await this.browser.close();
    await this.server.close();
  }
}
