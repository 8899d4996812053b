// Adds Python 3.14 bytecode to pylua's wheel, so that Pyodide imports pylua
// without compiling its sources (a quarter of a second of the page's load).
// The bytecode is compiled by Pyodide's own Python (in node), as unchecked
// hash-based .pyc files under __pycache__ (PEP 552: used as they are; the
// wheel is rebuilt whenever a source changes), and listed in RECORD.
//
//   node scripts/precompile-wheel.mjs <wheel> [<snapshot>]
import { loadPyodide } from "../node_modules/pyodide/pyodide.mjs";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const [wheel, snapshot] = process.argv.slice(2);
if (!wheel) throw new Error("usage: node scripts/precompile-wheel.mjs <wheel> [<snapshot>]");
const indexURL = fileURLToPath(new URL("../node_modules/pyodide/", import.meta.url));
const options = { indexURL, stdout: () => {}, stderr: (s) => console.error(s) };
if (snapshot && existsSync(snapshot)) options._loadSnapshot = readFileSync(snapshot);
const py = await loadPyodide(options);
py.FS.writeFile("/tmp/in.whl", readFileSync(wheel));
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
