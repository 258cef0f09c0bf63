// The graph's exports, in Chromium. `asl graph --format mermaid` renders with Mermaid itself (the
// npm package, loaded from tests/node_modules into a page served from disk: no CDN) for every
// template, each state's name drawn; `asl graph --format svg` is a picture Chromium draws whole,
// and its texts fit their boxes with Chromium's fonts. Screenshots of both for every template go
// to screenshots/ (export-<id>.png, mermaid-<id>.png) for a person to look at. DOT's syntax is
// checked in Rust (crates/asl-core/tests/graph_export.rs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./support/browser.mjs";
import { serveFolders } from "./support/server.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ASL = process.env.ASL_BIN ?? path.join(ROOT, "target/debug/asl");
const MERMAID = path.join(ROOT, "tests/node_modules/mermaid/dist");
const OUT = path.join(ROOT, "screenshots");
const GALLERY = path.join(ROOT, "web/templates/gallery");

/** Every template: the opening one ("order") and the gallery's. */
const TEMPLATES = [
  ["order", path.join(ROOT, "web/templates/hello-world.asl.json")],
  ...fs.readdirSync(GALLERY).sort().map((id) => [id, path.join(GALLERY, id, "definition.asl.json")]),
];

/** The names of a definition's states, nested ones included. */
function stateNames(file) {
  const names = [];
  const walk = (block) => {
    for (const [name, state] of Object.entries(block.States ?? {})) {
      names.push(name);
      for (const branch of state.Branches ?? []) walk(branch);
      if (state.ItemProcessor ?? state.Iterator) walk(state.ItemProcessor ?? state.Iterator);
    }
  };
  walk(JSON.parse(fs.readFileSync(file, "utf8")));
  return names;
}

function graphOf(file, format) {
  return execFileSync(ASL, ["graph", file, "--format", format], { encoding: "utf8" });
}

/** A page served from disk with Mermaid's bundle beside it; `close()` ends browser and server. */
async function mermaidPage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asl-mermaid-"));
  fs.writeFileSync(path.join(dir, "index.html"), `<!doctype html><html><head><meta charset="utf-8">
<style>body { margin: 0; background: #fff; font-family: sans-serif; } #out { display: inline-block; padding: 16px; }</style>
</head><body><div id="out"></div><script src="/mermaid/mermaid.min.js"></script>
<script>mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });</script></body></html>`);
  const server = await serveFolders([["/mermaid/", MERMAID], ["/", dir]]);
  const browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(server.url);
  await page.waitForFunction(() => typeof window.mermaid?.render === "function");
  return {
    page,
    errors,
    close: async () => {
      await browser.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

test("asl graph --format mermaid renders with Mermaid for every template", async () => {
  assert.ok(TEMPLATES.length >= 10, `${TEMPLATES.length} templates`);
  fs.mkdirSync(OUT, { recursive: true });
  const { page, errors, close } = await mermaidPage();
  try {
    for (const [id, file] of TEMPLATES) {
      const text = graphOf(file, "mermaid");
      const result = await page.evaluate(async ([id, text]) => {
        try {
          await mermaid.parse(text);
          const { svg } = await mermaid.render(`graph-${id}`, text);
          document.getElementById("out").innerHTML = svg;
          return { svg, text: document.getElementById("out").textContent };
        } catch (e) {
          return { error: String(e?.message ?? e) };
        }
      }, [id, text]);
      assert.equal(result.error, undefined, `${id}: Mermaid refused:\n${text}`);
      assert.doesNotMatch(result.svg, /Syntax error/, id);
      for (const name of stateNames(file)) {
        assert.ok(result.text.includes(name), `${id}: ${name} is not drawn`);
      }
      await page.locator("#out").screenshot({ path: path.join(OUT, `mermaid-${id}.png`) });
    }
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("asl graph --format svg is drawn whole, its texts inside their boxes", async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    for (const [id, file] of TEMPLATES) {
      const svg = graphOf(file, "svg");
      await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      const drawn = await page.evaluate(() => {
        const svg = document.querySelector("svg");
        const rects = [...svg.querySelectorAll("rect.box")].map((r) => r.getBBox());
        const inside = (b, r) => b.x >= r.x - 1 && b.x + b.width <= r.x + r.width + 1
          && b.y >= r.y - 1 && b.y + b.height <= r.y + r.height + 1;
        const stray = [];
        // Each state's name and type inside a box; each label's text inside its background.
        for (const t of svg.querySelectorAll("text.name, text.type")) {
          const b = t.getBBox();
          if (!rects.some((r) => inside(b, r))) stray.push(t.textContent);
        }
        for (const t of svg.querySelectorAll("text.label")) {
          const bg = t.previousElementSibling.getBBox();
          if (!inside(t.getBBox(), bg)) stray.push(t.textContent);
        }
        const texts = [...svg.querySelectorAll("text")].map((t) => t.textContent);
        return { stray, texts, width: svg.getBBox().width };
      });
      assert.deepEqual(drawn.stray, [], `${id}: texts outside their boxes`);
      for (const name of stateNames(file)) assert.ok(drawn.texts.includes(name), `${id}: ${name}`);
      assert.ok(drawn.texts.includes("Catch (errors caught)"), `${id}: the legend`);
      await page.locator("svg").first().screenshot({ path: path.join(OUT, `export-${id}.png`) });
    }
  } finally {
    await browser.close();
  }
});
