#!/usr/bin/env node
// Trunk hook (pre_build): bundles the definition editor (web/editor/src/editor.js and the
// CodeMirror packages pinned by web/editor/package-lock.json) with esbuild into one minified ES
// module, web/editor/dist/editor.js, which web/index.html hands to Trunk (hashed into dist/).
// Does nothing when the bundle is newer than its sources, the lockfile and this script.
// scripts/setup.sh installs the packages (npm ci in web/editor).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const home = path.join(root, "web/editor");
const entry = path.join(home, "src/editor.js");
const out = path.join(home, "dist/editor.js");
const esbuild = path.join(home, "node_modules/.bin/esbuild");

const walk = (folder) =>
  fs.readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(folder, e.name)) : [path.join(folder, e.name)],
  );
const sources = [...walk(path.join(home, "src")), path.join(home, "package-lock.json"), fileURLToPath(import.meta.url)];
const newest = Math.max(...sources.map((file) => fs.statSync(file).mtimeMs));
if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest) process.exit(0);

if (!fs.existsSync(esbuild)) {
  throw new Error(`${esbuild} is missing: install the editor's packages (scripts/setup.sh, or npm ci in web/editor)`);
}
const done = spawnSync(
  esbuild,
  [entry, "--bundle", "--format=esm", "--minify", "--target=es2022", "--charset=utf8", `--outfile=${out}`, "--log-level=warning"],
  { stdio: "inherit", cwd: home },
);
if (done.error) throw new Error(`esbuild: ${done.error.message}`);
if (done.status !== 0) process.exit(done.status ?? 1);
