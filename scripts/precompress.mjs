// Compressed copies of the playground's big files, made once at build time
// so that a server sends them with Content-Encoding instead of compressing
// on every request (scripts/serve.py does; docs/deploy.md says how other
// servers do): FILE.gz (gzip -9) and FILE.br (brotli), both with Node's
// own zlib, offline.
//
//   node scripts/precompress.mjs [--into DIR] FILE...
//
// --into DIR writes the copies into DIR (for files that are not ours to
// write beside: node_modules/pyodide's).  A file whose copies are newer
// than it is skipped; one that gzip does not shrink by a tenth (a zip of
// deflated files, a wheel) gets none, and a copy left from before is removed.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

// brotli's quality by size: 11 is slow on megabytes (the 31 MB snapshot:
// 5 takes ~1 s for 6.1 MB, 9 takes ~3 s for 5.8 MB)
export function brotliQuality(size) {
  return size > 4e6 ? 5 : size > 1e6 ? 9 : 11;
}

/** Writes <dir>/<name>.gz and .br for file; returns "made", "fresh" or "incompressible". */
export function precompress(file, into = null) {
  const base = path.join(into ?? path.dirname(file), path.basename(file));
  const st = fs.statSync(file);
  const fresh = (p) => fs.existsSync(p) && fs.statSync(p).mtimeMs >= st.mtimeMs;
  if (fresh(`${base}.gz`) && fresh(`${base}.br`)) return "fresh";
  const buf = fs.readFileSync(file);
  const gz = zlib.gzipSync(buf, { level: 9 });
  if (buf.length < 1024 || gz.length > buf.length * 0.9) {
    for (const ext of [".gz", ".br"]) fs.rmSync(`${base}${ext}`, { force: true });
    return "incompressible";
  }
  const br = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality(buf.length),
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
  // written beside, then renamed: a server never sends half a copy
  fs.writeFileSync(`${base}.gz.tmp`, gz);
  fs.writeFileSync(`${base}.br.tmp`, br);
  fs.renameSync(`${base}.gz.tmp`, `${base}.gz`);
  fs.renameSync(`${base}.br.tmp`, `${base}.br`);
  return "made";
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let into = null;
  const at = args.indexOf("--into");
  if (at >= 0) {
    into = args[at + 1];
    args.splice(at, 2);
    fs.mkdirSync(into, { recursive: true });
  }
  const made = [];
  for (const f of args) if (precompress(f, into) === "made") made.push(path.basename(f));
  if (made.length) console.error(`precompress: ${made.join(", ")} (.gz, .br)`);
}
