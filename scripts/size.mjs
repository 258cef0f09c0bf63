#!/usr/bin/env node
// The size report of the built site: every file of dist/ raw, gzip (level 9) and brotli
// (quality 11), the total, what the first screen loads (the files at dist/'s top and the
// script's snippets/; the gallery's templates under gallery/ are fetched when picked and
// JSONata's module under jsonata/ when a definition first needs it, each reported as one row),
// and the embed widget's own total (the files `?embed` loads: the same page, scripts, wasm and
// style). Each row
// and the totals are checked against size-budget.json (brotli bytes; SIZE_BUDGET names another
// file); the command fails when one grows past its budget.
//
//   node scripts/size.mjs [dist] [--json] [--rebase]
//
// --rebase writes the budget anew at the measured sizes plus 2% (every row and total; the
// comment is kept: say in it, and in the commit, why the sizes moved).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.resolve(process.argv.find((a, i) => i > 1 && !a.startsWith("--")) ?? path.join(root, "dist"));
const budgetFile = process.env.SIZE_BUDGET ?? path.join(root, "size-budget.json");
const budget = JSON.parse(fs.readFileSync(budgetFile, "utf8"));

// A file's budget key: its name without Trunk's content hash (asl-web-<hash>_bg.wasm).
const key = (name) => name.replace(/-[0-9a-f]{8,16}(?=[._])/, "");

const measure = (bytes) => ({
  raw: bytes.length,
  gzip: zlib.gzipSync(bytes, { level: 9 }).length,
  brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const sum = (list, field) => list.reduce((n, r) => n + r[field], 0);

// The files at the top, then one row per folder (its files' sums). Trunk's staging folder, left
// behind by a failed build, is not part of the site.
const entries = fs.readdirSync(dist, { withFileTypes: true }).filter((e) => e.name !== ".stage");
const walk = (folder) =>
  fs.readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(folder, e.name)) : [path.join(folder, e.name)],
  );
const top = entries.filter((e) => e.isFile()).map((e) => e.name).sort().map((name) => ({
  file: name,
  key: key(name),
  ...measure(fs.readFileSync(path.join(dist, name))),
}));
const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort().map((name) => {
  const parts = walk(path.join(dist, name)).map((file) => measure(fs.readFileSync(file)));
  return {
    file: `${name}/ (${parts.length} files)`,
    key: `${name}/`,
    raw: sum(parts, "raw"),
    gzip: sum(parts, "gzip"),
    brotli: sum(parts, "brotli"),
  };
});
const rows = [...top, ...folders];
// Folders the page fetches only when asked; the others (the script's snippets) load with it.
const later = new Set(["gallery/", "jsonata/"]);
const first = rows.filter((r) => !later.has(r.key));
const embedded = first.filter((r) => r.key.endsWith("/") || /\.(html|js|wasm|css)$/.test(r.file));
const totals = {
  total: { raw: sum(rows, "raw"), gzip: sum(rows, "gzip"), brotli: sum(rows, "brotli") },
  "first screen": { raw: sum(first, "raw"), gzip: sum(first, "gzip"), brotli: sum(first, "brotli") },
  embed: { raw: sum(embedded, "raw"), gzip: sum(embedded, "gzip"), brotli: sum(embedded, "brotli") },
};

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ files: rows, ...totals }, null, 2));
} else {
  const kb = (n) => (n / 1024).toFixed(1).padStart(8);
  console.log(`${"file".padEnd(36)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)} ${"brotli KB".padStart(9)}`);
  for (const r of rows) console.log(`${r.file.padEnd(36)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli).padStart(9)}`);
  for (const [name, t] of Object.entries(totals)) {
    console.log(`${name.padEnd(36)} ${kb(t.raw)} ${kb(t.gzip)} ${kb(t.brotli).padStart(9)}`);
  }
}

if (process.argv.includes("--rebase")) {
  const allow = (n) => Math.ceil(n * 1.02);
  const files = Object.fromEntries(rows.map((r) => [r.key, allow(r.brotli)]));
  const rebased = { _comment: budget._comment, files };
  for (const [name, t] of Object.entries(totals)) rebased[name] = allow(t.brotli);
  fs.writeFileSync(budgetFile, `${JSON.stringify(rebased, null, 2)}\n`);
  console.log(`${path.relative(root, budgetFile)}: set at the measured sizes plus 2%`);
  process.exit(0);
}

const over = [];
for (const r of rows) {
  const limit = budget.files[r.key];
  if (limit === undefined) over.push(`${r.key}: no budget in size-budget.json`);
  else if (r.brotli > limit) over.push(`${r.file}: ${r.brotli} bytes brotli, budget ${limit}`);
}
for (const name of Object.keys(totals)) {
  if (budget[name] === undefined) over.push(`${name}: no budget in size-budget.json`);
  else if (totals[name].brotli > budget[name]) over.push(`${name}: ${totals[name].brotli} bytes brotli, budget ${budget[name]}`);
}
if (over.length) {
  console.error(`size budget exceeded:\n  ${over.join("\n  ")}`);
  process.exit(1);
}
