// The Web Worker: Pyodide, pylua and src/bridge.py, from our own origin
// (restored from a memory snapshot that holds them all, when it can).  It answers the page's requests one at a time;
// "run" goes on in budgets of instructions and returns to the event loop
// between them, so Stop (a flag in shared memory, or a message) always gets
// through.  Protocol: see src/client.js.

import { EXAMPLES } from "./examples.js";

const DIST = new URL("./", self.location.href); // .../dist/
const ROOT = new URL("../", DIST);
const PYODIDE = new URL("pyodide/", ROOT);

let py = null;
let bridge = null;
let manifest = null;
let redisInfo = null; // Redis mode's modules, once installed (initRedis)
let control = null; // Int32Array over a SharedArrayBuffer: [0] = stop requested
let stopByMessage = false;
let queue = Promise.resolve();

const post = (msg) => self.postMessage(msg);

// a macrotask without setTimeout's 4 ms clamp
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()();
const yieldToEvents = () => new Promise((r) => (waiting.push(r), channel.port2.postMessage(0)));

function stopRequested() {
  return stopByMessage || (control !== null && Atomics.load(control, 0) === 1);
}

async function init(msg) {
  const t0 = performance.now();
  post({ type: "progress", text: "loading Python (Pyodide)…" });
  manifest = await (await fetch(new URL("manifest.json", DIST))).json();
  // the Pyodide runtime and the snapshot, in a folder whose URL names their
  // version (served immutable: a repeat visit takes them from the cache)
  const pyodideURL = manifest.pyodide ? new URL(manifest.pyodide, ROOT) : PYODIDE;
  // the snapshot (Python started, with pylua, the bridge and a first session
  // run in it: scripts/make-snapshot.mjs) comes while Pyodide's scripts load;
  // one made with another pylua than this build's wheel is not used
  const useSnapshot = manifest.snapshot && manifest.snapshotPylua === manifest.stamp;
  const snapshotP = useSnapshot ? fetchBytes(new URL(manifest.snapshot, pyodideURL)) : null;
  snapshotP?.catch(() => {});
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
  const options = { indexURL: pyodideURL.href, stdout: () => {}, stderr: (s) => console.warn(s) };
  let fromSnapshot = false;
  if (snapshotP) {
    // a few times quicker than starting Python; the slow way if it fails
    try {
      py = await loadPyodide({ ...options, _loadSnapshot: snapshotP });
      fromSnapshot = true;
    } catch (e) {
      console.warn(`starting Python without its snapshot: ${e}`);
    }
  }
  if (!py) py = await loadPyodide(options);
  const tPy = performance.now();
  if (msg.interrupt) py.setInterruptBuffer(msg.interrupt);
  if (msg.control) control = new Int32Array(msg.control);
  if (fromSnapshot) {
    bridge = py.pyimport("pylua_bridge"); // (imported when the snapshot was made: nothing to install)
  } else {
    post({ type: "progress", text: "installing pylua…" });
    const [wheel, src] = await Promise.all([
      fetchBytes(new URL(manifest.pylua, DIST).href + "?v=" + manifest.stamp),
      fetch(new URL("src/bridge.py", ROOT)).then((r) => r.text()),
    ]);
    // a pure-Python wheel: installing it is unpacking it into site-packages
    const site = py.runPython("import site; site.getsitepackages()[0]");
    unpackZip(wheel, site);
    py.FS.writeFile(`${site}/pylua_bridge.py`, src);
    bridge = py.pyimport("pylua_bridge");
    bridge.first_session();
  }
  const version = py.runPython("import sys; sys.version.split()[0]");
  const phases = { pyodide: tPy - t0, pylua: performance.now() - tPy };
  return { loadMs: performance.now() - t0, phases, fromSnapshot, python: version };
}

// Unpacks a zip into a folder of Pyodide's file system, with Python's
// zipfile (Pyodide's unpackArchive takes several times as long).
function unpackZip(bytes, folder) {
  py.FS.writeFile("/tmp/unpack.zip", bytes);
  py.runPython(
    `import importlib, os, zipfile
with zipfile.ZipFile("/tmp/unpack.zip") as z:
    z.extractall(${JSON.stringify(folder)})
os.remove("/tmp/unpack.zip")
importlib.invalidate_caches()`,
  );
}

async function fetchBytes(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${r.status} for ${url}`);
  return new Uint8Array(await r.arrayBuffer());
}

// Redis mode: fakeredis, redis and sortedcontainers, wheels served from our
// origin (scripts/build-web), installed the first time the page asks (never
// at start: the Lua mode's start does not pay for them).  Pure-Python
// wheels, all there is (their dependencies are pinned among them):
// installing one is unpacking it into site-packages, as pylua's.
async function initRedis(warm = []) {
  if (redisInfo) return redisInfo;
  const t0 = performance.now();
  if (!manifest.redis || !manifest.redis.length) throw new Error("this build has no Redis wheels (scripts/build-web)");
  post({ type: "progress", text: "installing Redis mode (fakeredis)…" });
  const urls = manifest.redis.map((u) => new URL(u, DIST).href + "?v=" + manifest.redisStamp);
  // pylua/redis/, taken out of pylua's wheel (scripts/build-web): only Redis mode needs it
  if (manifest.pyluaRedis) urls.push(new URL(manifest.pyluaRedis, DIST).href + "?v=" + manifest.stamp);
  const zips = await Promise.all(urls.map(fetchBytes));
  const site = py.runPython("import site; site.getsitepackages()[0]");
  for (const zip of zips) unpackZip(zip, site);
  const tInstalled = performance.now();
  post({ type: "progress", text: "starting Redis mode…" });
  const info = call("redis_ready");
  redisInfo = { ...info, loadMs: performance.now() - t0, phases: { install: tInstalled - t0, start: performance.now() - tInstalled } };
  // the page's Redis examples ([source, keys, argv, setup] each) warm up while idle
  bridge.warm_up_redis_start(JSON.stringify(warm));
  return redisInfo;
}

function call(fn, ...args) {
  return JSON.parse(bridge[fn](...args));
}

// The snapshot after a Stop; the page's interrupt may land in this call too.
function stoppedSnapshot() {
  for (let i = 0; ; i++) {
    try {
      return call("snapshot").snapshot;
    } catch (e) {
      if (i >= 2 || !String(e).includes("KeyboardInterrupt")) throw e;
    }
  }
}

// A command that may run long (continue, step_line, step_over, step_out),
// in budgets of instructions: between two budgets the worker returns to the
// event loop, so a Stop message is heard, and posts the progress (step, and
// the output written since the last post) to the page every POST_MS.
const POST_MS = 100;
const OUT_CAP = 1 << 16; // characters of output kept between two posts (the rest: output_reset)

async function runBudgeted(msg) {
  // (Run goes in the VM's fast paths: 20 000 steps take a few ms there)
  let budget = msg.name === "continue" ? 20_000 : 2000;
  let first = true;
  let lastPost = performance.now();
  let out = ""; // output not yet posted
  let reset = false; // some output before `out` was lost (more than the session or OUT_CAP keeps)
  for (;;) {
    if (!first && stopRequested()) return { snapshot: stoppedSnapshot(), stopped: true };
    const t0 = performance.now();
    let res;
    try {
      res = call("run_command", msg.name, budget, first);
    } catch (e) {
      if (String(e).includes("KeyboardInterrupt")) {
        // the interrupt buffer fired inside a long budget
        return { snapshot: stoppedSnapshot(), stopped: true, interrupted: true };
      }
      throw e;
    }
    first = false;
    const ms = performance.now() - t0;
    if (res.done) return { snapshot: res.snapshot };
    const p = res.snapshot;
    if (p.output_reset) {
      out = p.output_new;
      reset = true;
    } else out += p.output_new;
    if (out.length > OUT_CAP) {
      out = out.slice(out.length - OUT_CAP);
      reset = true;
    }
    // aim for ~25 ms per budget: Stop answers well inside 200 ms
    budget = Math.max(100, Math.min(2_000_000, Math.round(budget * Math.min(8, 25 / Math.max(ms, 1)))));
    if (performance.now() - lastPost >= POST_MS) {
      post({ type: "running", id: msg.id, snapshot: { ...p, output_new: out, output_reset: reset } });
      out = "";
      reset = false;
      lastPost = performance.now();
    }
    await yieldToEvents();
  }
}

async function handle(msg) {
  switch (msg.type) {
    case "init":
      return init(msg);
    case "load":
      // memoryLimitMB: the page's setting (null: the session's default, 256 MB)
      if (msg.redis) {
        await initRedis();
        const r = msg.redis;
        return call("load_redis", msg.source, JSON.stringify(r.keys), JSON.stringify(r.argv), r.setup, JSON.stringify(msg.breakpoints || []), msg.memoryLimitMB ?? null);
      }
      return call("load", msg.source, JSON.stringify(msg.breakpoints || []), msg.memoryLimitMB ?? null);
    case "redis-init":
      return initRedis(msg.warm || []);
    case "command":
      return call("command", msg.name, msg.arg ?? null);
    case "breakpoints":
      return call("set_breakpoints", JSON.stringify(msg.lines || []));
    case "entries":
      return call("table_entries", msg.ref, msg.part, msg.offset, msg.count);
    case "bench-plain":
      // the VM alone, no debugger (bench/page_run.py)
      return call("bench_plain", msg.source);
    case "run":
      stopByMessage = false;
      if (control) Atomics.store(control, 0, 0);
      return runBudgeted(msg);
    default:
      throw new Error(`unknown request ${msg.type}`);
  }
}

// Work done only while no request waits: warming up (bridge.py).
let inFlight = 0;
let idleTimer = null;
function idleSoon(ms = 30) {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(idleTick, ms);
}
function idleTick() {
  if (!bridge || inFlight > 0) return; // the last answer calls idleSoon again
  let more = false;
  try {
    more = bridge.warm_up_tick(15) === "true";
  } catch (e) {
    console.warn("warm-up:", e);
  }
  if (more) idleSoon(0);
}

self.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === "stop") {
    stopByMessage = true; // seen between two budgets
    return;
  }
  if (msg.type === "breakpoints" && bridge) {
    // may arrive while running: applied between two budgets
    try {
      call("set_breakpoints", JSON.stringify(msg.lines || []));
      post({ id: msg.id, ok: true, result: null });
    } catch (err) {
      post({ id: msg.id, ok: false, error: String(err) });
    }
    return;
  }
  inFlight++;
  queue = queue.then(async () => {
    try {
      const result = await handle(msg);
      post({ id: msg.id, ok: true, result });
      if (msg.type === "init") bridge.warm_up_start(JSON.stringify(EXAMPLES.map((x) => x.source)));
    } catch (err) {
      post({ id: msg.id, ok: false, error: String(err && err.message ? err.message : err) });
    } finally {
      inFlight--;
      if (inFlight === 0) idleSoon();
    }
  });
};
