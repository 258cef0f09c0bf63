// JSONata's wasm module (crates/asl-jsonata-wasm, built into dist/jsonata/), fetched the first
// time the engine asks for it rather than with the page. scripts/jsonata-module.mjs writes the
// module's content hash into the page (<meta name="asl-jsonata-module">), and the module is
// fetched under it, so that a browser never pairs a new page with a stale module.
const VERSION = document.querySelector('meta[name="asl-jsonata-module"]')?.content ?? "";

let serve; // the module's `serve`, once it is ready
let failure; // why it could not be loaded
let loading = false;
let listener = () => {};

/** The module's answer to a request, or undefined while it is loading (the first call starts
 * loading it). */
export function jsonataServe(request) {
  if (serve) return serve(request);
  if (failure === undefined && !loading) load();
  return undefined;
}

/** Why the module could not be loaded, if it could not. */
export function jsonataFailure() {
  return failure;
}

/** `callback(state)` is called, outside the engine's calls, with "loading", "ready" or "failed". */
export function jsonataListen(callback) {
  listener = callback;
}

function load() {
  loading = true;
  queueMicrotask(() => listener("loading"));
  const base = new URL("jsonata/", document.baseURI);
  import(new URL(`asl_jsonata_wasm.js?v=${VERSION}`, base).href)
    .then(async (module) => {
      await module.default({ module_or_path: new URL(`asl_jsonata_wasm_bg.wasm?v=${VERSION}`, base) });
      serve = module.serve;
      listener("ready");
    })
    .catch((error) => {
      failure = `JSONata could not be loaded: ${error}`;
      listener("failed");
    })
    .finally(() => {
      loading = false;
    });
}
