// npm run build: the playground as a self-contained static site in dist/,
// for any static host (docs/deploy.md):
//   dist/index.html, embed.html     the pages, pointing at the hashed assets
//   dist/styles.<hash>.css
//   dist/dist/main.<hash>.js, worker.<hash>.js (+ their source maps)
//   dist/dist/manifest.json, wheels/  what the worker installs (fetched with ?v=<stamp>)
//   dist/pyodide/                   the Pyodide runtime, micropip and the memory snapshot
//   dist/src/bridge.py              the worker's Python side
//   dist/dev/fixtures/              the recorded sessions (?fixture=<name>)
// Every file over 1 KB that compresses (by a tenth at least) also as .gz and .br beside it
// (a host that serves precompressed files sends them; others ignore them).
// Runs scripts/build-web first (which skips what is up to date).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const OUT = path.join(ROOT, "dist");
const WEB = path.join(ROOT, "web");
const PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", "pyodide.js"];
const COMPRESS = /\.(html|css|js|mjs|json|wasm|bin|py|map|svg|txt|zip)$/;

execFileSync("bash", [path.join(ROOT, "scripts", "build-web")], { stdio: "inherit", cwd: ROOT });

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(path.join(OUT, "dist"), { recursive: true });
const copy = (from, to) => {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
};
const hash = (buf) => createHash("sha256").update(buf).digest("hex").slice(0, 10);

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

// what the worker fetches by fixed names
copy(path.join(WEB, "dist", "manifest.json"), path.join(OUT, "dist", "manifest.json"));
copy(path.join(WEB, "dist", "wheels"), path.join(OUT, "dist", "wheels"));
for (const f of fs.readdirSync(path.join(OUT, "dist", "wheels"), { recursive: true })) {
  if (path.basename(f) === ".stamp") fs.rmSync(path.join(OUT, "dist", "wheels", f));
}
copy(path.join(WEB, "src", "bridge.py"), path.join(OUT, "src", "bridge.py"));
if (fs.existsSync(path.join(WEB, "dev", "fixtures"))) copy(path.join(WEB, "dev", "fixtures"), path.join(OUT, "dev", "fixtures"));
for (const f of PYODIDE_FILES) copy(path.join(ROOT, "node_modules", "pyodide", f), path.join(OUT, "pyodide", f));
for (const f of fs.readdirSync(path.join(WEB, "dist", "pyodide"))) {
  if (!f.startsWith(".")) copy(path.join(WEB, "dist", "pyodide", f), path.join(OUT, "pyodide", f));
}

// precompressed copies
let n = 0;
for (const rel of fs.readdirSync(OUT, { recursive: true })) {
  const file = path.join(OUT, rel);
  if (!COMPRESS.test(rel) || !fs.statSync(file).isFile()) continue;
  const buf = fs.readFileSync(file);
  if (buf.length < 1024) continue;
  const gz = zlib.gzipSync(buf, { level: 9 });
  if (gz.length > buf.length * 0.9) continue; // (already compressed: a zip of deflated files)
  fs.writeFileSync(`${file}.gz`, gz);
  const quality = buf.length > 4e6 ? 5 : buf.length > 1e6 ? 9 : 11;
  fs.writeFileSync(
    `${file}.br`,
    zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }),
  );
  n++;
}
console.log(`build-site: ${path.relative(process.cwd(), OUT) || "."}/ written (index.html, ${mainName}, ${workerName}, ${renamed.slice(1).map((r) => r[1]).join(", ")}; ${n} files also as .gz and .br)`);
