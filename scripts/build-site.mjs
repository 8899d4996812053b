// npm run build: the playground as a self-contained static site in dist/,
// for any static host (docs/deploy.md):
//   dist/index.html, embed.html     the pages, pointing at the hashed assets
//   dist/styles.<hash>.css
//   dist/dist/main.<hash>.js, worker.<hash>.js (+ their source maps)
//   dist/dist/manifest.json         what the worker loads, by the versioned names below
//   dist/dist/wheels/<hash>/        pylua's wheel, Redis mode's wheels (<hash>: their stamp)
//   dist/pyodide/<hash>/            the Pyodide runtime and the memory snapshot
//   dist/src/bridge.py              the worker's Python side (used when the snapshot is not)
//   dist/dev/fixtures/              the recorded sessions (?fixture=<name>)
// A name or folder with a hash changes with the content: a host serves those
// immutable (docs/deploy.md), and a repeat visit loads them from the cache.
// Every file over 1 KB that compresses (by a tenth at least) also as .gz and .br beside it
// (scripts/precompress.mjs; a host that serves precompressed files sends them; others ignore them).
// Runs scripts/build-web first (which skips what is up to date).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { precompress } from "./precompress.mjs";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const OUT = path.join(ROOT, "dist");
const WEB = path.join(ROOT, "web");
const PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
const COMPRESS = /\.(html|css|js|mjs|json|wasm|bin|py|map|svg|txt|zip)$/;

execFileSync("bash", [path.join(ROOT, "scripts", "build-web")], { stdio: "inherit", cwd: ROOT });

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(path.join(OUT, "dist"), { recursive: true });
const copy = (from, to) => {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
};
const hash = (buf) => createHash("sha256").update(buf).digest("hex").slice(0, 10);
// a big file with the compressed copies scripts/build-web made of it (in
// variants, beside it by default), when they are fresh: not compressed again
const copyBig = (from, to, variants = path.dirname(from)) => {
  copy(from, to);
  const st = fs.statSync(from);
  for (const ext of [".gz", ".br"]) {
    const v = path.join(variants, path.basename(from) + ext);
    if (fs.existsSync(v) && fs.statSync(v).mtimeMs >= st.mtimeMs) copy(v, to + ext);
  }
};

// the assets under names that change with their content
const worker = fs.readFileSync(path.join(WEB, "dist", "worker.js"), "utf8");
const workerName = `worker.${hash(worker)}.js`;
fs.writeFileSync(path.join(OUT, "dist", workerName), worker);
let main = fs.readFileSync(path.join(WEB, "dist", "main.js"), "utf8");
const workerRef = /(["'])worker\.js\1/g;
if (!workerRef.test(main)) throw new Error("build-site: the bundle does not name worker.js");
main = main.replace(workerRef, `"${workerName}"`);
const mainName = `main.${hash(main)}.js`;
fs.writeFileSync(path.join(OUT, "dist", mainName), main);
for (const map of ["main.js.map", "worker.js.map"]) {
  const from = path.join(WEB, "dist", map);
  if (fs.existsSync(from)) copy(from, path.join(OUT, "dist", map));
}
const renamed = [["dist/main.js", `dist/${mainName}`]];
for (const sheet of ["styles.css", "layout.css"]) {
  const css = fs.readFileSync(path.join(WEB, sheet));
  const name = `${sheet.replace(/\.css$/, "")}.${hash(css)}.css`;
  fs.writeFileSync(path.join(OUT, name), css);
  renamed.push([sheet, name]);
}
for (const page of ["index.html", "embed.html"]) {
  let html = fs.readFileSync(path.join(WEB, page), "utf8");
  for (const [from, to] of renamed) {
    if (!html.includes(`"${from}"`)) throw new Error(`build-site: ${page} does not name ${from}`);
    html = html.replaceAll(`"${from}"`, `"${to}"`);
  }
  fs.writeFileSync(path.join(OUT, page), html);
}

// what the worker loads, in folders named by their version (the manifest says which)
const manifest = JSON.parse(fs.readFileSync(path.join(WEB, "dist", "manifest.json"), "utf8"));
const version = (rel) => {
  const m = /^pyodide\/([0-9a-f]{16})\/$/.exec(rel);
  if (!m) throw new Error(`build-site: the manifest's pyodide folder is not versioned: ${rel}`);
  return m[1];
};
const pyodideDir = path.join(OUT, "pyodide", version(manifest.pyodide));
for (const f of PYODIDE_FILES) {
  copyBig(path.join(ROOT, "node_modules", "pyodide", f), path.join(pyodideDir, f), path.join(WEB, "dist", "pyodide"));
}
if (manifest.snapshot) copyBig(path.join(WEB, "dist", "pyodide", manifest.snapshot), path.join(pyodideDir, manifest.snapshot));
const wheel = (rel, stamp) => {
  const to = `wheels/${stamp}/${rel.replace(/^wheels\//, "")}`;
  copy(path.join(WEB, "dist", rel), path.join(OUT, "dist", to));
  return to;
};
manifest.pylua = wheel(manifest.pylua, manifest.stamp);
if (manifest.pyluaRedis) manifest.pyluaRedis = wheel(manifest.pyluaRedis, manifest.stamp);
manifest.redis = (manifest.redis || []).map((w) => wheel(w, manifest.redisStamp));
fs.writeFileSync(path.join(OUT, "dist", "manifest.json"), JSON.stringify(manifest) + "\n");
copy(path.join(WEB, "src", "bridge.py"), path.join(OUT, "src", "bridge.py"));
if (fs.existsSync(path.join(WEB, "dev", "fixtures"))) copy(path.join(WEB, "dev", "fixtures"), path.join(OUT, "dev", "fixtures"));

// precompressed copies
let n = 0;
for (const rel of fs.readdirSync(OUT, { recursive: true })) {
  const file = path.join(OUT, rel);
  if (!COMPRESS.test(rel) || !fs.statSync(file).isFile()) continue;
  if (precompress(file) === "made") n++;
}
console.log(`build-site: ${path.relative(process.cwd(), OUT) || "."}/ written (index.html, ${mainName}, ${workerName}, ${renamed.slice(1).map((r) => r[1]).join(", ")}, pyodide/${version(manifest.pyodide)}/; ${n} files also as .gz and .br)`);
