#!/usr/bin/env node
// Trunk hook (post_build): builds JSONata's own wasm module (crates/asl-jsonata-wasm) into the
// site's jsonata/ folder. The page's engine is built without JSONata; the page fetches this
// module the first time a definition needs JSONata (crates/asl-web/src/jsonata.js), which finds
// it by the content hash written here in place of its placeholder (the snippet's integrity hash
// in index.html is written again to match).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("scripts/jsonata-module.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)");
const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(root, "target");
const out = path.join(staging, "jsonata");

function run(command, args) {
  const done = spawnSync(command, args, { stdio: "inherit", cwd: root });
  if (done.error) throw new Error(`${command}: ${done.error.message}`);
  if (done.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${done.status})`);
}

run("cargo", ["build", "--profile", "web", "--locked", "-p", "asl-jsonata-wasm", "--target", "wasm32-unknown-unknown"]);
fs.rmSync(out, { recursive: true, force: true });
run("wasm-bindgen", [
  "--target", "web", "--no-typescript", "--out-dir", out,
  path.join(target, "wasm32-unknown-unknown/web/asl_jsonata_wasm.wasm"),
]);
const wasm = path.join(out, "asl_jsonata_wasm_bg.wasm");
if (process.env.TRUNK_PROFILE === "release") {
  // As Trunk optimises the page's own wasm (data-wasm-opt="z").
  run("wasm-opt", [
    "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
    "--enable-mutable-globals", "-o", wasm, wasm,
  ]);
}

const version = createHash("sha256").update(fs.readFileSync(wasm)).digest("hex").slice(0, 16);
const html = path.join(staging, "index.html");
let page = fs.readFileSync(html, "utf8");
const snippets = path.join(staging, "snippets");
const found = fs.readdirSync(snippets, { recursive: true }).filter((f) => f.endsWith("jsonata.js"));
if (found.length === 0) throw new Error("no jsonata.js snippet in the build: is asl-web's jsonata module gone?");
for (const file of found) {
  const full = path.join(snippets, file);
  const text = fs.readFileSync(full, "utf8").replace("__JSONATA_MODULE_VERSION__", version);
  fs.writeFileSync(full, text);
  const href = `snippets/${file.split(path.sep).join("/")}`;
  const integrity = `sha384-${createHash("sha384").update(text).digest("base64")}`;
  page = page.replace(new RegExp(`(href="[^"]*${href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*integrity=")[^"]*`), `$1${integrity}`);
}
fs.writeFileSync(html, page);
