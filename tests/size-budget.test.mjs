// The size report fails the build when a built file or a total grows past its budget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const script = path.join(root, "scripts", "size.mjs");

test("the shipped budget holds, and a smaller one fails the build", () => {
  const ok = spawnSync("node", [script], { encoding: "utf8" });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^total\s+[\d.]+\s+[\d.]+\s+[\d.]+$/m);
  const shipped = JSON.parse(fs.readFileSync(path.join(root, "size-budget.json"), "utf8"));
  const tight = { ...shipped, files: { ...shipped.files, "asl-web_bg.wasm": 1000 } };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "size-")), "budget.json");
  fs.writeFileSync(file, JSON.stringify(tight));
  const over = spawnSync("node", [script], { encoding: "utf8", env: { ...process.env, SIZE_BUDGET: file } });
  assert.equal(over.status, 1);
  assert.match(over.stderr, /asl-web-[0-9a-f]+_bg\.wasm: \d+ bytes brotli, budget 1000/);
});
