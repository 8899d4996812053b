// Makes a memory snapshot of Pyodide's Python, started, for the worker to
// restore instead of starting Python again (scripts/build-web runs this
// when the snapshot is missing or Pyodide changed).  Starting Python from
// a snapshot skips the interpreter's start-up, most of the page's load.
// micropip and pylua are not in it: the worker installs them as before.
//
//   node scripts/make-snapshot.mjs <out-file>
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const out = process.argv[2];
if (!out) throw new Error("usage: node scripts/make-snapshot.mjs <out-file>");
const indexURL = fileURLToPath(new URL("../node_modules/pyodide/", import.meta.url));
const py = await loadPyodide({ indexURL, _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
// the standard modules micropip's install and pylua import anyway
// (and nothing of the machine that made it: Emscripten's "_" names this script)
py.runPython(`
import os
os.environ["_"] = "./this.program"
import email, email.message, email.parser, hashlib, html.parser, importlib.metadata
import ipaddress, json, platform, sysconfig, tarfile, urllib.parse, zipfile
`);
const snapshot = py.makeMemorySnapshot();
writeFileSync(out, snapshot);
console.error(`make-snapshot: ${out} (${(snapshot.length / 1e6).toFixed(1)} MB)`);
