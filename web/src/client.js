// The one module that talks to the worker (and its stand-in, the fixture
// player).  Both clients have the same promise API:
//
//   ready                       -> {loadMs, python, phases, fromSnapshot}
//   load(source, breakpoints, memoryLimitMB?, redis?)
//                               -> {listing, snapshot, load_error, memory_limit}: a new session
//                                  whose program may allocate memoryLimitMB MB (the settings'
//                                  "Memory limit"; default 256); memory_limit is the session's, in
//                                  bytes (the fixture player has none: undefined).  redis
//                                  {keys, argv, setup} (lists of strings, the setup's text): a
//                                  Redis script's session (snapshot.redis), Redis mode installed
//                                  first if it is not yet
//   initRedis(warm?)            -> {fakeredis, loadMs, phases}: installs Redis mode in the worker
//                                  (fakeredis and its dependencies; once), then warms up on the
//                                  scripts warm ([source, keys, argv, setup] each) while idle;
//                                  canRedis says whether the client can (the fixture player cannot)
//   command(name, arg?)         -> {snapshot, ms}   name: step | step_line | step_over |
//                                                   step_out | back | back_line | goto
//   run(name, onProgress)       -> {snapshot, stopped?}   name: continue | step_line | step_over |
//                                                   step_out, run in budgets; onProgress(progress)
//                                                   every 100 ms while it runs: step, status, and
//                                                   output_new, the text written since the last
//                                                   one (output_reset: some was lost before it)
//   stop()                      -> asks a run to end; its promise then resolves (<200 ms)
//   setBreakpoints(lines)
//   tableEntries(ref, part, offset, count) -> a Table page (docs/snapshot.md): entries of the
//                                  table `ref` at the current step beyond what its snapshot
//                                  shows; part "array" | "hash".  canPage says whether the
//                                  client can (the fixture player cannot: it rejects)
//
// Worker messages: page -> worker {id, type: init|load|redis-init|command|run|breakpoints|stop|entries|bench-plain, ...};
// worker -> page {id, ok, result|error}, {type: "progress", text}, {type: "running", id, snapshot}.

export class WorkerClient {
  constructor({ onProgress, onCrash } = {}) {
    this.onProgress = onProgress || (() => {});
    this.onCrash = onCrash || (() => {});
    this.nextId = 1;
    this.pending = new Map();
    this.isolated = typeof SharedArrayBuffer !== "undefined" && self.crossOriginIsolated;
    this.start();
  }

  start() {
    this.worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
    this.worker.onmessage = (e) => this.onMessage(e.data);
    this.worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message || "worker error"));
      this.pending.clear();
    };
    let interrupt = null;
    this.control = null;
    if (this.isolated) {
      interrupt = new Uint8Array(new SharedArrayBuffer(1));
      this.control = new Int32Array(new SharedArrayBuffer(4));
    }
    this.interrupt = interrupt;
    this.redisReady = null; // (a new worker installs Redis mode again when asked)
    this.ready = this.request({ type: "init", interrupt, control: this.control ? this.control.buffer : null });
  }

  onMessage(msg) {
    if (msg.type === "progress") return this.onProgress(msg.text);
    if (msg.type === "running") {
      const p = this.pending.get(msg.id);
      if (p && p.onRunning) p.onRunning(msg.snapshot);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(msg.error));
  }

  request(msg, extra = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...extra });
      this.worker.postMessage({ ...msg, id });
    });
  }

  async load(source, breakpoints, memoryLimitMB = null, redis = null) {
    await this.ready;
    return this.request({ type: "load", source, breakpoints, memoryLimitMB, redis });
  }

  get canRedis() {
    return true;
  }

  async initRedis(warm = []) {
    await this.ready;
    if (!this.redisReady) {
      this.redisReady = this.request({ type: "redis-init", warm });
      this.redisReady.catch(() => (this.redisReady = null));
    }
    return this.redisReady;
  }

  async command(name, arg) {
    await this.ready;
    return this.request({ type: "command", name, arg });
  }

  get canPage() {
    return true;
  }

  /** The program run by the VM alone in the worker (no debugger, output
   * dropped): {seconds, output_tail}.  For bench/page_run.py. */
  async benchPlain(source) {
    await this.ready;
    return this.request({ type: "bench-plain", source });
  }

  async tableEntries(ref, part, offset, count) {
    await this.ready;
    return this.request({ type: "entries", ref, part, offset, count });
  }

  async run(name, onRunning) {
    await this.ready;
    if (this.control) Atomics.store(this.control, 0, 0);
    this.running = this.request({ type: "run", name }, { onRunning });
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Ends a run: a flag the worker reads between budgets; the interrupt
   * buffer if one budget overruns; a new worker as the last resort. */
  stop() {
    const run = this.running;
    if (!run) return;
    if (this.control) Atomics.store(this.control, 0, 1);
    this.worker.postMessage({ type: "stop" });
    const t1 = setTimeout(() => {
      if (this.running === run && this.interrupt) this.interrupt[0] = 2;
    }, 120);
    const t2 = setTimeout(() => {
      if (this.running !== run) return;
      this.worker.terminate();
      for (const p of this.pending.values()) p.reject(new Error("the program did not stop: Python was restarted"));
      this.pending.clear();
      this.start();
      this.onCrash();
    }, 1500);
    run.finally(() => {
      clearTimeout(t1);
      clearTimeout(t2);
      if (this.interrupt) this.interrupt[0] = 0;
    }).catch(() => {});
  }

  setBreakpoints(lines) {
    this.ready.then(() => this.worker.postMessage({ type: "breakpoints", lines, id: 0 })).catch(() => {});
  }
}

/** Replays a recorded session (web/dev/fixtures/<name>.json): the panels
 * can be drawn and tested without Pyodide or the debugger. */
export class FixtureClient {
  constructor(name) {
    this.name = name;
    this.ready = fetch(new URL(`../dev/fixtures/${name}.json`, import.meta.url))
      .then((r) => {
        if (!r.ok) throw new Error(`no fixture ${name}`);
        return r.json();
      })
      .then((data) => {
        this.data = data;
        return { loadMs: 0, python: "fixture", fixture: name, source: data.source };
      });
    this.i = 0;
    this.breakpoints = [];
  }
  get snaps() {
    return this.data.snapshots;
  }
  async load(source, breakpoints) {
    await this.ready;
    this.i = 0;
    this.breakpoints = breakpoints || [];
    if (this.data.load_error) return { listing: null, snapshot: null, load_error: this.data.load_error };
    return { listing: this.data.listing, snapshot: this.snaps[0], load_error: null };
  }
  at(i) {
    this.i = Math.max(0, Math.min(this.snaps.length - 1, i));
    return { snapshot: this.snaps[this.i], ms: 0 };
  }
  async command(name, arg) {
    await this.ready;
    const line = this.snaps[this.i].line;
    switch (name) {
      case "step":
        return this.at(this.i + 1);
      case "back":
        return this.at(this.i - 1);
      case "step_line":
      case "step_over":
      case "step_out": {
        let j = this.i + 1;
        while (j < this.snaps.length - 1 && this.snaps[j].line === line) j++;
        return this.at(j);
      }
      case "back_line": {
        let j = this.i - 1;
        while (j > 0 && this.snaps[j].line === line) j--;
        return this.at(j);
      }
      case "goto": {
        let j = 0;
        while (j < this.snaps.length - 1 && this.snaps[j + 1].step <= arg) j++;
        return this.at(j);
      }
      default:
        throw new Error(`unknown command ${name}`);
    }
  }
  async run(name, onRunning) {
    await this.ready;
    if (name !== "continue") return this.command(name);
    for (let j = this.i + 1; j < this.snaps.length; j++) {
      const s = this.snaps[j];
      if (s.status !== "paused" || this.breakpoints.includes(s.line)) return this.at(j);
    }
    return this.at(this.snaps.length - 1);
  }
  stop() {}
  setBreakpoints(lines) {
    this.breakpoints = lines;
  }
  get canRedis() {
    return false;
  }
  async initRedis() {
    throw new Error("a recorded session (fixture mode) has no Redis mode");
  }
  // a recording holds snapshots only: no debugger to ask for more of a table
  get canPage() {
    return false;
  }
  async tableEntries() {
    throw new Error("a recorded session (fixture mode) has no debugger to ask for more entries");
  }
}
