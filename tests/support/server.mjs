// Static file servers on free ports of 127.0.0.1: dist/ for the browser tests, and a host page on
// another origin for the embed.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("../../dist", import.meta.url)));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".cjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Serve dist/ until `close()`; resolves to `{ url, close }`. */
export async function serveDist() {
  await stat(join(ROOT, "index.html")).catch(() => {
    throw new Error(`no ${ROOT}/index.html: build the site first (scripts/test.sh does)`);
  });
  return serveFolders([["/", ROOT]]);
}

/**
 * Serve folders under URL prefixes (`[prefix, folder]`, the first prefix that matches wins; a
 * path ending in `/` serves its index.html) on a free port of 127.0.0.1 until `close()`;
 * resolves to `{ url, close }`. The benchmark suite (bench/run.mjs) serves its page with it too.
 */
export async function serveFolders(mounts) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    const mount = mounts.find(([prefix]) => path.startsWith(prefix));
    if (!mount) {
      response.writeHead(404).end("not found");
      return;
    }
    const [prefix, folder] = mount;
    const rest = path.slice(prefix.length);
    const file = normalize(join(folder, rest === "" || rest.endsWith("/") ? `${rest}index.html` : rest));
    if (!file.startsWith(folder)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** A page of another site (another port, so another origin) that embeds the playground: serves
 * `html` at its root until `close()`; resolves to `{ url, close }`. */
export async function serveHost(html) {
  const server = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  // It never keeps the test process alive on its own.
  server.unref();
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}
