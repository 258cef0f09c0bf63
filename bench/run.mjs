// The benchmark suite (scripts/bench.sh builds what it needs, then runs this): the same fixed
// workloads on the engine natively (target/release/asl-bench), on the engine as WebAssembly in
// headless Chromium, and on the tools users would pick instead, in Node and in Chromium; then the
// playground page itself (navigation to an interactive editor, keystroke to diagnostics and
// graph). Prints a table of the medians and the ratios; `--update` also writes it into
// BENCHMARKS.md, between its `bench:start` and `bench:end` markers.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWorkloads } from './workloads.mjs';
import { runPeers } from './peers.mjs';
import { launch } from '../tests/support/browser.mjs';
import { serveFolders } from '../tests/support/server.mjs';
import { measurePage } from './page-timings.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TARGET = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(ROOT, 'target');
const WORKLOADS = join(ROOT, 'target/bench/workloads');
const update = process.argv.includes('--update');
// `--only page` (or native, node, chromium): run that part alone, to iterate on it; nothing is
// written to BENCHMARKS.md then.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const part = (name) => only === undefined || only === name;

// aws-local-stepfunctions 3 needs Node 22's Promise.withResolvers; Debian's Node is 20.
Promise.withResolvers ??= function withResolvers() {
  let resolve, reject;
  const promise = new this((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
};

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

/** The engine natively: one JSON line per workload. */
function native() {
  log('the engine, natively');
  const bin = join(TARGET, 'release/asl-bench');
  const out = spawnSync(bin, [WORKLOADS], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0) throw new Error(`${bin} failed (${out.status}): ${out.stderr}`);
  return out.stdout.trim().split('\n').map((line) => JSON.parse(line));
}

/** The peers in Node. */
async function nodePeers(manifest) {
  log('the peers, in Node');
  const require = createRequire(join(ROOT, 'bench/'));
  const { StateMachine } = await import('aws-local-stepfunctions');
  const { JSONPath } = await import('jsonpath-plus');
  const jsonata = require('jsonata');
  const aslValidator = require('asl-validator');
  const read = (name) => readFileSync(join(WORKLOADS, name), 'utf8');
  return runPeers({ StateMachine, JSONPath, jsonata, aslValidator }, 'Node', read, manifest);
}

/** Serves the built site at `/`, and the benchmark page, its modules, the peers' browser builds,
 * the engine's wasm API and the workloads under their own prefixes. */
function serve() {
  return serveFolders([
    ['/bench/', join(ROOT, 'bench')],
    ['/node_modules/', join(ROOT, 'bench/node_modules')],
    ['/wasm/', join(ROOT, 'target/bench/wasm')],
    ['/workloads/', WORKLOADS],
    ['/', join(ROOT, 'dist')],
  ]);
}

/** The engine as wasm and the peers' browser builds, in one Chromium page. */
async function inChromium(browser, url) {
  log('the engine as wasm and the peers, in Chromium');
  const page = await browser.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  await page.goto(`${url}bench/page/`);
  await page.waitForFunction(() => window.benchmarksReady === true);
  const results = await page.evaluate(() => window.runBenchmarks());
  await page.close();
  return results;
}

function chromiumVersion(browser) {
  return `Chromium ${browser.version().split('.')[0]}`;
}

function machine(browserName) {
  const rustc = spawnSync('rustc', ['--version'], { encoding: 'utf8' }).stdout.split(' ')[1];
  const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Rust ${rustc}, Node ${process.versions.node}, ${browserName}`;
}

const fmt = (ms) => (ms === undefined ? '–' : ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`);
const ratio = (peer, ours) => (peer === undefined || ours === undefined ? '–' : `${(peer / ours).toFixed(peer / ours >= 10 ? 0 : 1)}×`);

/** The results as Markdown tables: per group, one row per workload. */
function tables(results, page) {
  const groups = [
    ['executions', 'aws-local-stepfunctions'],
    ['jsonpath', 'jsonpath-plus'],
    ['jsonata', 'jsonata-js'],
    ['validation', 'asl-validator'],
  ];
  const find = (group, workload, engine) => results.find((r) => r.group === group && r.workload === workload && r.engine === engine);
  const lines = [];
  const mismatches = [];
  for (const [group, peer] of groups) {
    const workloads = [...new Set(results.filter((r) => r.group === group).map((r) => r.workload))];
    const extra = group === 'jsonpath' ? ' | serde_json_path (native) | ÷ asl' : '';
    lines.push(`\n**${group}** (ratio: the peer's time ÷ ours; above 1× we are faster)\n`);
    lines.push(`| workload | asl native | ${peer} (Node) | ÷ asl native${extra} | asl wasm (Chromium) | ${peer} (Chromium) | ÷ asl wasm |`);
    lines.push(`|---|---|---|---|${extra ? '---|---|' : ''}---|---|---|`);
    for (const workload of workloads) {
      const native = find(group, workload, 'asl (native)');
      const nodePeer = find(group, workload, `${peer} (Node)`);
      const wasm = find(group, workload, 'asl (wasm, Chromium)');
      const browserPeer = find(group, workload, `${peer} (Chromium)`);
      const serde = find(group, workload, 'serde_json_path (native)');
      const cells = [workload, fmt(native?.ms), fmt(nodePeer?.ms), ratio(nodePeer?.ms, native?.ms)];
      if (extra) cells.push(fmt(serde?.ms), ratio(serde?.ms, native?.ms));
      cells.push(fmt(wasm?.ms), fmt(browserPeer?.ms), ratio(browserPeer?.ms, wasm?.ms));
      lines.push(`| ${cells.join(' | ')} |`);
      const checks = results.filter((r) => r.group === group && r.workload === workload);
      if (new Set(checks.map((r) => r.check)).size > 1) mismatches.push({ group, workload, checks: checks.map((r) => `${r.engine}: ${r.check}`) });
    }
  }
  if (!page) return { markdown: lines.join('\n'), mismatches };
  lines.push('\n**page** (the playground as built by `trunk build --release`, served from localhost)\n');
  lines.push('| measure | median | slowest | target |');
  lines.push('|---|---|---|---|');
  lines.push(`| navigation → interactive editor (fresh profile, ${page.loads.length} loads) | ${fmt(page.interactive.median)} | ${fmt(page.interactive.max)} | 500 ms |`);
  lines.push(`| keystroke → diagnostics and graph updated, ${page.lines}-line definition (${page.keystrokes.length} edits) | ${fmt(page.keystroke.median)} | ${fmt(page.keystroke.max)} | 16 ms |`);
  const mb = (page.large.length / 1e6).toFixed(1);
  lines.push(`| paste of a ${mb} MB definition → editor shows it (one paste) | ${fmt(page.large.paste)} | – | — |`);
  lines.push(`| keystroke in that ${mb} MB definition (${page.large.keystrokes.length} edits) | ${fmt(page.large.keystroke.median)} | ${fmt(page.large.keystroke.max)} | — |`);
  return { markdown: lines.join('\n'), mismatches };
}

async function main() {
  log('writing the workloads');
  const manifest = writeWorkloads(WORKLOADS);
  const results = part('native') ? native() : [];
  if (part('node')) results.push(...(await nodePeers(manifest)));
  const server = await serve();
  const browser = await launch();
  const browserName = chromiumVersion(browser);
  let page;
  try {
    if (part('chromium')) results.push(...(await inChromium(browser, server.url)));
    if (part('page')) {
      log('the page');
      page = await measurePage(browser, server.url, readFileSync(join(WORKLOADS, manifest.page.definition), 'utf8'));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const { markdown, mismatches } = tables(results, page);
  const when = new Date().toISOString().slice(0, 10);
  const report = `Measured ${when} on ${machine(browserName)} by \`scripts/bench.sh\`.\n${markdown}\n`;
  writeFileSync(join(ROOT, 'target/bench/results.json'), JSON.stringify({ results, page }, null, 1));
  process.stdout.write(`\n${report}`);
  for (const m of mismatches) {
    process.stdout.write(`\n⚠ the engines disagree on ${m.group} / ${m.workload}:\n  ${m.checks.join('\n  ')}\n`);
  }
  if (update && only === undefined) {
    const file = join(ROOT, 'BENCHMARKS.md');
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('<!-- bench:start -->');
    const end = text.indexOf('<!-- bench:end -->');
    if (start < 0 || end < start) throw new Error('BENCHMARKS.md has no <!-- bench:start --> … <!-- bench:end --> markers');
    writeFileSync(file, `${text.slice(0, start)}<!-- bench:start -->\n${report}<!-- bench:end -->${text.slice(end + '<!-- bench:end -->'.length)}`);
    log('BENCHMARKS.md updated');
  }
  if (mismatches.length) process.exitCode = 1;
}

await main();
