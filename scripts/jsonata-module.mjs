#!/usr/bin/env node
// Trunk hook (post_build): builds JSONata's own wasm module (crates/asl-jsonata-wasm) into the
// site's jsonata/ folder. The page's engine is built without JSONata; the page fetches this
// module the first time a definition needs JSONata (crates/asl-web/src/jsonata.js), under the
// content hash written here into the page (<meta name="asl-jsonata-module">): the page is never
// cached for long, so a page never pairs with a stale module.
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
const page = fs.readFileSync(html, "utf8").replace(/\s*<meta name="asl-jsonata-module"[^>]*>/, "");
if (!page.includes("</head>")) throw new Error("index.html has no </head>");
fs.writeFileSync(html, page.replace("</head>", `  <meta name="asl-jsonata-module" content="${version}" />\n  </head>`));
