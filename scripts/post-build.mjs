// Trunk's one post-build hook (Trunk.toml). Trunk starts the hooks of a stage at the same time,
// and both steps below rewrite the staged index.html, so they run here one after the other:
// JSONata's module first (it adds a <meta> to the page), then the Content-Security-Policy (which
// hashes the page's inline script as it finally is).
await import("./jsonata-module.mjs");
await import("./csp.mjs");
