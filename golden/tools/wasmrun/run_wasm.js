// Runs a Go 1.19 js/wasm module under Node 20 with Go's own wasm_exec.js:
//   node run_wasm.js module.wasm [args...]
// (wasm_exec.js from $GOROOT/misc/wasm, GOROOT defaulting to /usr/lib/go-1.19).
// Go 1.19's wasm_exec_node.js assigns globalThis.crypto and performance, which
// Node 20 already provides (read-only), so this only fills what is missing.
"use strict";
const fs = require("fs");
const path = require("path");
const goroot = process.env.GOROOT || "/usr/lib/go-1.19";
if (!globalThis.fs) globalThis.fs = fs;
if (!globalThis.TextEncoder) globalThis.TextEncoder = require("util").TextEncoder;
if (!globalThis.TextDecoder) globalThis.TextDecoder = require("util").TextDecoder;
if (!globalThis.crypto) globalThis.crypto = require("crypto").webcrypto;
require(path.join(goroot, "misc/wasm/wasm_exec.js"));
const go = new Go();
go.argv = process.argv.slice(2);
go.env = Object.assign({ TMPDIR: require("os").tmpdir() }, process.env);
go.exit = process.exit;
WebAssembly.instantiate(fs.readFileSync(process.argv[2]), go.importObject).then((result) => {
  process.on("exit", (code) => {
    if (code === 0 && !go.exited) {
      go._pendingEvent = { id: 0 };
      go._resume();
    }
  });
  return go.run(result.instance);
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
