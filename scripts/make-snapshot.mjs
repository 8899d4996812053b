// Makes a memory snapshot of Pyodide's Python, started, for the worker to
// restore instead of starting Python again (scripts/build-web runs this
// when the snapshot is missing or one of its inputs changed).  Starting
// Python from a snapshot skips the interpreter's start-up, most of the
// page's load.
//
// With --pylua WHEEL BRIDGE, the snapshot also holds pylua started: the
// wheel's modules (all of them: pylua/redis/ is not in the web's wheel)
// and the worker's bridge imported, the parser's stepped variant made
// (parser.compile_steps builds it from parser.py's source, which the page
// does not have: a snapshot keeps what was imported, not the files), and
// a first session run.  A worker that restores it installs nothing and
// imports nothing: it is ready when Python is.
//
//   node scripts/make-snapshot.mjs <out-file> [--pylua <wheel> <bridge.py>]
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);
let pylua = null;
const at = argv.indexOf("--pylua");
if (at >= 0) {
  pylua = { wheel: argv[at + 1], bridge: argv[at + 2] };
  argv.splice(at, 3);
  if (!pylua.wheel || !pylua.bridge) throw new Error("--pylua needs a WHEEL and a BRIDGE");
}
const out = argv[0];
if (!out) throw new Error("usage: node scripts/make-snapshot.mjs <out-file> [--pylua <wheel> <bridge.py>]");
const indexURL = fileURLToPath(new URL("../node_modules/pyodide/", import.meta.url));
const py = await loadPyodide({ indexURL, _makeSnapshot: true, stdout: () => {}, stderr: (s) => console.error(s) });
// the standard modules the worker uses anyway (zipfile unpacks wheels; pylua
// imports what it needs below; fakeredis and redis, when Redis mode is
// chosen, import the rest), and nothing of the machine that made it
// (Emscripten's "_" names this script)
py.runPython(`
import os
os.environ["_"] = "./this.program"
import json, zipfile
import concurrent.futures.thread, datetime, email.message, email.parser, email.utils, fractions
import hashlib, hmac, importlib.metadata, ipaddress, pickle, queue, secrets, socketserver
import urllib.parse, uuid
`);
if (pylua) {
  // (written to the file system, which the snapshot does not keep: only
  // the modules imported from them are)
  py.FS.writeFile("/tmp/pylua.whl", new Uint8Array(readFileSync(pylua.wheel)));
  const site = py.runPython("import site; site.getsitepackages()[0]");
  py.FS.writeFile(`${site}/pylua_bridge.py`, readFileSync(pylua.bridge, "utf8"));
  const n = py.runPython(`
import importlib, pkgutil, zipfile
zipfile.ZipFile("/tmp/pylua.whl").extractall(${JSON.stringify(site)})
importlib.invalidate_caches()
import pylua
names = sorted(m.name for m in pkgutil.walk_packages(pylua.__path__, "pylua."))
for name in names:
    importlib.import_module(name)
import pylua.parser
pylua.parser._stepping()
import pylua_bridge
pylua_bridge.first_session()
len(names) + 1
`);
  console.error(`make-snapshot: pylua's ${n} modules and the bridge imported`);
}
const snapshot = py.makeMemorySnapshot();
writeFileSync(out, snapshot);
console.error(`make-snapshot: ${out} (${(snapshot.length / 1e6).toFixed(1)} MB)`);
