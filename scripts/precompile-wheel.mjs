// Adds Python 3.14 bytecode to pylua's wheel, so that Pyodide imports pylua
// without compiling its sources (a quarter of a second of the page's load).
// The bytecode is compiled by Pyodide's own Python (in node), as unchecked
// hash-based .pyc files under __pycache__ (PEP 552: used as they are; the
// wheel is rebuilt whenever a source changes), and listed in RECORD.
//
//
// --split PREFIX ZIP takes the files under PREFIX (a folder of the wheel,
// e.g. pylua/redis/) out of the wheel, with their bytecode, into the zip
// ZIP (paths as in site-packages; not in RECORD): the playground unpacks it
// only when it needs them (Redis mode), so the wheel stays as small as
// what every page needs.
//
//   node scripts/precompile-wheel.mjs <wheel> [<snapshot>] [--split PREFIX ZIP]
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const argv = process.argv.slice(2);
let split = null;
const at = argv.indexOf("--split");
if (at >= 0) {
  split = { prefix: argv[at + 1], zip: argv[at + 2] };
  argv.splice(at, 3);
  if (!split.prefix || !split.zip) throw new Error("--split needs a PREFIX and a ZIP");
}
const [wheel, snapshot] = argv;
if (!wheel) throw new Error("usage: node scripts/precompile-wheel.mjs <wheel> [<snapshot>] [--split PREFIX ZIP]");
const indexURL = fileURLToPath(new URL("../node_modules/pyodide/", import.meta.url));
const options = { indexURL, stdout: () => {}, stderr: (s) => console.error(s) };
if (snapshot && existsSync(snapshot)) options._loadSnapshot = readFileSync(snapshot);
const py = await loadPyodide(options);
py.FS.writeFile("/tmp/in.whl", readFileSync(wheel));
py.globals.set("split_prefix", split ? split.prefix : null);
const added = py.runPython(`
import base64, hashlib, importlib.util, marshal, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

tag = sys.implementation.cache_tag
with zipfile.ZipFile("/tmp/in.whl") as src:
    items = [(i, src.read(i.filename)) for i in src.infolist()]
record_name = next(i.filename for i, _ in items if i.filename.endswith(".dist-info/RECORD"))
out, record, added = [], [], 0
for info, data in items:
    if info.filename == record_name:
        record = data.decode().splitlines()
        continue
    out.append((info.filename, data))
    if info.filename.endswith(".py") and "__pycache__" not in info.filename:
        code = compile(data, info.filename, "exec", dont_inherit=True)
        pyc = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
        folder, _, name = info.filename.rpartition("/")
        out.append((f"{folder}/__pycache__/{name[:-3]}.{tag}.pyc", pyc))
        added += 1
taken = []
if split_prefix:
    taken = [(n, d) for n, d in out if n.startswith(split_prefix)]
    out = [(n, d) for n, d in out if not n.startswith(split_prefix)]
    record = [r for r in record if not r.startswith(split_prefix)]
    with zipfile.ZipFile("/tmp/split.zip", "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in taken:
            dst.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
lines = [r for r in record if r and not r.startswith(record_name)]
for name, data in out:
    if "__pycache__" in name:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(data)}")
lines.append(f"{record_name},,")
out.append((record_name, ("\\n".join(lines) + "\\n").encode()))
with zipfile.ZipFile("/tmp/out.whl", "w", zipfile.ZIP_DEFLATED) as dst:
    for name, data in out:
        dst.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
added
`);
writeFileSync(wheel, py.FS.readFile("/tmp/out.whl"));
console.error(`precompile-wheel: ${added} modules compiled for Pyodide's Python into ${wheel}`);
if (split) {
  writeFileSync(split.zip, py.FS.readFile("/tmp/split.zip"));
  const n = py.runPython("len(taken)");
  console.error(`precompile-wheel: ${n} files under ${split.prefix} moved into ${split.zip}`);
}
