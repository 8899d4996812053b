// The playground: wires the editor, the controls and the panels to a client
// (the Pyodide worker, or a recorded fixture with ?fixture=NAME).  Every
// panel is redrawn from the latest snapshot by its module's render().
import { createEditor } from "./editor.js";
import { WorkerClient, FixtureClient } from "./client.js";
import { EXAMPLES, DEFAULT_EXAMPLE } from "./examples.js";
import { encodeShare, decodeShare } from "./share.js";
import { MEMORY_LIMITS_MB, memoryLimitMB, setMemoryLimitMB, formatMB } from "./settings.js";
import { selectedFrame } from "./dom.js";
import * as bytecode from "./bytecode.js";
import * as registers from "./registers.js";
import * as upvalues from "./upvalues.js";
import * as callstack from "./callstack.js";
import * as tables from "./tables.js";
import * as consolePanel from "./console.js";

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const embed = document.body.dataset.mode === "embed";
const params = new URLSearchParams(location.search);
const fixture = params.get("fixture");

const el = {
  bytecode: $("bytecode"),
  registers: $("registers"),
  upvalues: $("upvalues"),
  callstack: $("callstack"),
  coroutines: $("coroutines"),
  tables: $("tables"),
  console: $("console"),
};
const ctl = {};
for (const id of ["run", "stop", "step", "step-line", "step-over", "step-out", "back", "back-line", "restart", "share", "examples", "timeline", "status", "memory-limit"]) ctl[id] = $(id);
const stepLabel = document.getElementById("step-label");
const shareNote = document.getElementById("share-note");

const app = {
  el,
  ready: false,
  progress: "loading…",
  listing: null,
  snapshot: null,
  prev: null,
  loadError: null,
  loadedSource: null,
  maxStep: 0,
  running: false,
  selected: { coroutine: null, frame: null },
  viewProto: null,
  linked: null,
  pinned: null,
  expanded: new Set(),
  notes: [],
  timings: [],
  memoryLimitMB: memoryLimitMB(), // the settings' "Memory limit", for the next session
  memoryLimit: null, // the loaded session's, in bytes (as the worker reports it)
};
window.__pylua = app; // for the tests and the curious

// the worker starts loading Python first: everything else is quick
const t0 = performance.now();
const client = fixture
  ? new FixtureClient(fixture)
  : new WorkerClient({
      onProgress(text) {
        app.progress = text;
        renderControls();
      },
      onCrash() {
        app.running = false;
        app.loadedSource = null;
        app.snapshot = null;
        app.notes = ["[playground] the program did not stop in time: Python was restarted"];
        app.ready = false;
        app.progress = "restarting Python…";
        renderAll();
        client.ready.then(() => {
          app.ready = true;
          renderAll();
        });
      },
    });
app.client = client;

// --- actions the panels call ------------------------------------------------

app.actions = {
  selectFrame(coroutine, frame) {
    app.selected = { coroutine, frame };
    app.viewProto = null;
    renderAll();
  },
  selectProto(id) {
    app.viewProto = id;
    renderPanels(["bytecode"]);
  },
  hoverLine(line, from) {
    app.linked = line === null ? app.pinned : { line, from };
    renderLinks();
  },
  clickLine(line, from) {
    if (line === null) return;
    app.pinned = { line, from, scroll: true };
    app.linked = app.pinned;
    if (from === "source" && app.listing) {
      const shown = document.querySelector('[data-testid="bytecode"] [role="tab"][aria-selected="true"]');
      const hasLine = el.bytecode && el.bytecode.querySelector(`tr[data-line="${line}"]`);
      if (!hasLine) {
        const p = bytecode.protoForLine(app.listing, line);
        if (p && (!shown || shown.dataset.proto !== p.id)) app.viewProto = p.id;
      }
    }
    renderLinks();
  },
  setExpanded(ref, open) {
    if (open) app.expanded.add(ref);
    else app.expanded.delete(ref);
  },
  showTable(ref) {
    app.expanded.add(ref);
    renderPanels(["tables"]);
    const d = el.tables && el.tables.querySelector(`details[data-ref="${ref}"]`);
    if (d) {
      d.open = true;
      d.scrollIntoView({ block: "nearest" });
      d.querySelector("summary").focus();
    }
  },
};

// --- rendering ----------------------------------------------------------------

const PANELS = { bytecode, registers, upvalues, callstack, tables, console: consolePanel };

function renderPanels(names) {
  const times = {};
  for (const n of names) {
    const t = performance.now();
    try {
      PANELS[n].render(app.snapshot, app);
    } catch (err) {
      console.error(`panel ${n}:`, err);
    }
    times[n] = performance.now() - t;
  }
  app.lastRender = times;
}

function errorLine(message, snapshot) {
  const chunk = (snapshot && snapshot.chunkname) || "input";
  const m = message && message.match(new RegExp(`^${chunk.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):`));
  if (m) return Number(m[1]);
  return snapshot ? snapshot.line : null;
}

function editorMarks() {
  const s = app.snapshot;
  const marks = { current: null, error: null, linked: [] };
  if (app.loadError) marks.error = { line: errorLine(app.loadError, null) || 1, message: app.loadError };
  else if (s && s.status === "error") marks.error = { line: errorLine(s.error, s) || s.line || 1, message: s.error };
  if (s && (s.status === "paused" || s.status === "ready") && !app.running) {
    const f = selectedFrame(s, app);
    marks.current = f && f.kind === "lua" ? f.line : s.line;
  }
  if (app.linked && app.linked.from === "bytecode" && app.linked.line) marks.linked = [app.linked.line];
  return marks;
}

function renderLinks() {
  editor.setMarks(editorMarks());
  renderPanels(["bytecode"]);
  if (app.linked) app.linked = { ...app.linked, scroll: false };
  if (app.pinned) app.pinned = { ...app.pinned, scroll: false };
}

function statusText() {
  if (!app.ready) return app.progress;
  if (app.running) return "running…";
  if (app.loadError) return `error at line ${errorLine(app.loadError, null) ?? "?"}: ${app.loadError}`;
  const s = app.snapshot;
  if (!s) return app.loadedSource === null && app.hadSession ? "ready (edited)" : "ready";
  switch (s.status) {
    case "ready":
      return "ready";
    case "paused":
      return `paused at line ${s.line ?? "?"}` + (s.message ? ` — ${s.message}` : "");
    case "finished":
      return `finished after ${s.step} steps`;
    case "error":
      return `error at line ${errorLine(s.error, s) ?? "?"}: ${s.error}`;
    default:
      return s.status;
  }
}

function renderControls() {
  const ready = app.ready && !app.running;
  const s = app.snapshot;
  const set = (id, enabled) => {
    if (ctl[id]) ctl[id].disabled = !enabled;
  };
  for (const id of ["run", "step", "step-line", "step-over", "step-out", "restart"]) set(id, ready);
  set("stop", app.running);
  set("back", ready && !!s && s.step > 0);
  set("back-line", ready && !!s && s.step > 0);
  set("memory-limit", !app.running); // (changing it starts the program again: not mid-run)
  if (ctl.run) ctl.run.querySelector(".label").textContent = s && s.status === "paused" && app.loadedSource !== null ? "Continue" : "Run";
  const st = ctl.status;
  if (st) {
    st.textContent = statusText();
    st.dataset.state = !app.ready ? "loading" : app.running ? "running" : app.loadError ? "error" : s ? s.status : "ready";
  }
  // the timeline spans the steps run so far, or the whole program once its
  // end is known (end_step)
  const step = app.running && app.live ? app.live.step : s ? s.step : 0;
  const end = s && s.end_step !== null && s.end_step !== undefined ? s.end_step : null;
  const max = end ?? Math.max(app.maxStep, step);
  const tl = ctl.timeline;
  if (tl) {
    tl.max = String(max);
    tl.value = String(step);
    tl.disabled = !ready || !s || app.loadError !== null;
    tl.setAttribute("aria-valuetext", `step ${step} of ${max}${end === null ? " so far" : ""}`);
  }
  if (stepLabel) stepLabel.textContent = s || app.live ? `step ${step} / ${max}${end === null ? "+" : ""}` : "step –";
}

function renderAll() {
  renderControls();
  renderPanels(Object.keys(PANELS));
  const t = performance.now();
  editor.setMarks(editorMarks());
  app.lastRender.editor = performance.now() - t;
}

function show(snapshot, stopped = false) {
  if (!snapshot) return;
  if (stopped) {
    snapshot = { ...snapshot, message: "stopped" };
    app.notes = [`[stopped at step ${snapshot.step}]`];
  }
  app.prev = app.snapshot;
  app.snapshot = snapshot;
  app.maxStep = Math.max(app.maxStep, snapshot.step);
  app.selected = { coroutine: snapshot.coroutine, frame: null };
  app.viewProto = null;
  renderAll();
}

// --- the session -----------------------------------------------------------------

let chain = Promise.resolve();
let pendingCount = 0;
/** Runs fn after the commands before it; at most two wait at once. */
function enqueue(fn) {
  if (pendingCount >= 2) return chain;
  pendingCount++;
  chain = chain
    .then(fn)
    .catch((err) => {
      console.error(err);
      app.notes = [`[playground] ${err.message || err}`];
      renderAll();
    })
    .finally(() => pendingCount--);
  return chain;
}

/** Loads the editor's program in the worker.  quiet (the idle preload): a
 * program that does not compile is left alone, its error shown only when
 * the user runs or steps it. */
async function load(quiet = false) {
  const source = editor.getSource();
  const mb = app.memoryLimitMB;
  const res = await client.load(source, editor.getBreakpoints(), mb);
  if (quiet && (res.load_error || source !== editor.getSource() || mb !== app.memoryLimitMB)) return; // (edited, or the limit changed, meanwhile)
  app.loadedSource = source;
  app.memoryLimit = res.memory_limit ?? null;
  app.hadSession = true;
  app.listing = res.listing;
  app.loadError = res.load_error || null;
  app.prev = null;
  app.snapshot = null;
  app.maxStep = 0;
  app.notes = [];
  app.pinned = app.linked = null;
  tables.reset(app);
  if (res.snapshot && !app.loadError) show(res.snapshot);
  else renderAll();
}

/** Is the worker's session not the editor's program under the chosen
 * memory limit?  (The fixture player reports no limit.) */
function sessionStale() {
  if (app.loadedSource === null || app.loadedSource !== editor.getSource()) return true;
  return app.memoryLimit !== null && app.memoryLimit !== app.memoryLimitMB * 1048576;
}

async function ensureLoaded() {
  if (sessionStale()) await load();
  return !app.loadError;
}

// step_line, step_over and step_out may run long (over a loop, out of a
// recursion): like Run they go in budgets, and Stop ends them.
const BUDGETED = new Set(["step_line", "step_over", "step_out"]);

async function command(name, arg, tAsked = performance.now()) {
  const tStart = performance.now();
  if (!(await ensureLoaded())) return;
  if (name !== "goto" && app.snapshot && app.snapshot.status === "finished" && name.startsWith("step")) return;
  const t0 = performance.now();
  const res = BUDGETED.has(name) ? await runInBudgets(name, 150) : await client.command(name, arg);
  const t1 = performance.now();
  show(res.snapshot, res.stopped);
  const t2 = performance.now();
  // what a step costs: loading the program first, the worker, drawing the panels
  // (waitMs: for the commands before it, or the idle load of the program)
  const timing = { name, waitMs: tStart - tAsked, loadMs: t0 - tStart, ms: t1 - t0, pyMs: res.ms, renderMs: t2 - t1, totalMs: t2 - tAsked, panels: app.lastRender };
  app.timings.push(timing);
  if (app.timings.length > 200) app.timings.shift();
  // ... and until the frame that shows it is painted
  requestAnimationFrame(() => setTimeout(() => (timing.paintMs = performance.now() - tAsked), 0));
}

/** Runs a command in the worker's budgets; the page says "running" (and
 * Stop is enabled) at once, or after quietMs for a step that is usually
 * quick. */
async function runInBudgets(name, quietMs) {
  const markRunning = () => {
    app.running = true;
    renderControls();
    editor.setMarks(editorMarks());
  };
  const timer = quietMs ? setTimeout(markRunning, quietMs) : (markRunning(), null);
  try {
    return await client.run(name, (progress) => {
      // while it runs: the step counter and the output
      app.live = progress;
      app.maxStep = Math.max(app.maxStep, progress.step);
      if (!app.running) markRunning();
      renderControls();
      renderPanels(["console"]);
    });
  } finally {
    clearTimeout(timer);
    app.running = false;
    app.live = null;
  }
}

async function run() {
  const s = app.snapshot;
  const fresh = sessionStale() || !s || s.status === "finished" || s.status === "error";
  if (fresh) await load();
  if (app.loadError) return;
  let res = null;
  try {
    res = await runInBudgets("continue", 0);
  } finally {
    if (res) show(res.snapshot, res.stopped);
    else renderAll();
  }
}

function stop() {
  if (app.running) client.stop();
}

function restart() {
  return enqueue(load);
}

// --- timeline -----------------------------------------------------------------------

let gotoWanted = null;
let gotoBusy = false;
async function gotoStep(n) {
  gotoWanted = n;
  if (gotoBusy) return;
  gotoBusy = true;
  try {
    while (gotoWanted !== null) {
      const target = gotoWanted;
      gotoWanted = null;
      if (app.snapshot && app.snapshot.step === target) continue;
      await enqueue(() => command("goto", target));
    }
  } finally {
    gotoBusy = false;
  }
}

// --- share --------------------------------------------------------------------------

async function share() {
  const hash = encodeShare(editor.getSource(), editor.getBreakpoints());
  const page = embed ? location.pathname.replace(/embed\.html$/, "index.html") : location.pathname;
  const url = location.origin + page + hash;
  history.replaceState(null, "", location.pathname + location.search + hash);
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    copied = false;
  }
  if (shareNote) {
    shareNote.textContent = copied ? "Link copied to the clipboard." : "Link is in the address bar (the clipboard was not available).";
    clearTimeout(shareNote.timer);
    shareNote.timer = setTimeout(() => (shareNote.textContent = ""), 4000);
  }
  app.lastShareUrl = url;
  return url;
}

// --- editor ----------------------------------------------------------------------------

let initialSource = (EXAMPLES.find((e) => e.id === DEFAULT_EXAMPLE) || EXAMPLES[0]).source;
let initialBps = [];
const shared = decodeShare(location.hash);
if (shared) {
  initialSource = shared.source;
  initialBps = shared.breakpoints;
}

const editor = createEditor($("editor"), {
  source: initialSource,
  breakpoints: initialBps,
  on: {
    change() {
      if (app.loadedSource !== null && !app.running) {
        // the session no longer matches the text: drop it
        app.loadedSource = null;
        app.snapshot = app.prev = null;
        app.listing = null;
        app.loadError = null;
        app.notes = [];
        renderAll();
      }
      schedulePreload();
    },
    breakpoints(lines) {
      if (app.loadedSource !== null) client.setBreakpoints(lines);
    },
    hoverLine(line) {
      app.actions.hoverLine(line, "source");
    },
    clickLine(line) {
      app.actions.clickLine(line, "source");
    },
  },
});
app.editor = editor;

// The program in the editor is loaded in the worker (compiled, at step 0)
// while the page is idle: the first Step then only steps, and the bytecode
// panel follows the text as it is typed.
let preloadTimer = null;
function schedulePreload(ms = 350) {
  clearTimeout(preloadTimer);
  preloadTimer = setTimeout(() => {
    const stale = () => app.ready && !app.running && sessionStale();
    if (!stale()) return;
    if (pendingCount > 0) return schedulePreload(100); // after the commands in flight
    enqueue(async () => {
      if (stale()) await load(true);
    });
  }, ms);
}

function setSource(source, breakpoints = []) {
  editor.setSource(source);
  editor.setBreakpoints(breakpoints);
  app.loadedSource = null;
  app.snapshot = app.prev = null;
  app.listing = null;
  app.loadError = null;
  app.notes = [];
  renderAll();
  schedulePreload(0);
}

window.addEventListener("hashchange", () => {
  const s = decodeShare(location.hash);
  if (s && s.source !== editor.getSource()) setSource(s.source, s.breakpoints);
});

// --- controls and keys ------------------------------------------------------------------

// each gets the time of the click or key that asked for it (step timings)
const COMMANDS = {
  run: () => enqueue(run),
  stop: () => stop(),
  step: (t) => enqueue(() => command("step", undefined, t)),
  "step-line": (t) => enqueue(() => command("step_line", undefined, t)),
  "step-over": (t) => enqueue(() => command("step_over", undefined, t)),
  "step-out": (t) => enqueue(() => command("step_out", undefined, t)),
  back: (t) => enqueue(() => command("back", undefined, t)),
  "back-line": (t) => enqueue(() => command("back_line", undefined, t)),
  restart: () => restart(),
  share: () => share(),
};
for (const [id, fn] of Object.entries(COMMANDS)) if (ctl[id]) ctl[id].addEventListener("click", () => fn(performance.now()));

// Settings: the memory limit holds for the sessions loaded after it is
// chosen; the program in the editor is loaded again under it (from step 0)
if (ctl["memory-limit"]) {
  const sel = ctl["memory-limit"];
  for (const mb of MEMORY_LIMITS_MB) sel.append(new Option(formatMB(mb), String(mb)));
  sel.value = String(app.memoryLimitMB);
  sel.addEventListener("change", () => {
    const mb = Number(sel.value);
    if (!MEMORY_LIMITS_MB.includes(mb) || mb === app.memoryLimitMB) return;
    app.memoryLimitMB = mb;
    setMemoryLimitMB(mb);
    if (app.running) return; // (the select is disabled then: the next load uses it)
    if (app.loadedSource !== null) {
      app.loadedSource = null;
      app.snapshot = app.prev = null;
      app.listing = null;
      app.loadError = null;
      app.notes = [];
      renderAll();
    }
    schedulePreload(0);
  });
}

if (ctl.timeline) ctl.timeline.addEventListener("input", () => gotoStep(Number(ctl.timeline.value)));

if (ctl.examples) {
  for (const ex of EXAMPLES) ctl.examples.append(new Option(ex.title, ex.id));
  ctl.examples.addEventListener("change", () => {
    const ex = EXAMPLES.find((e) => e.id === ctl.examples.value);
    if (ex) setSource(ex.source);
  });
}

// F5 continue, Shift+F5 stop, F10 over, F11 into, Shift+F11 out,
// Ctrl/Cmd+Enter run, Alt+Right one instruction, Alt+Left back one
// instruction, Shift+F10 back one line.
function keyCommand(ev) {
  const mod = ev.ctrlKey || ev.metaKey;
  if (mod && ev.key === "Enter") return "run";
  if (ev.key === "F5") return ev.shiftKey ? "stop" : "run";
  if (ev.key === "F10") return ev.shiftKey ? "back-line" : "step-over";
  if (ev.key === "F11") return ev.shiftKey ? "step-out" : "step-line";
  if (ev.altKey && !mod && ev.key === "ArrowRight") return "step";
  if (ev.altKey && !mod && ev.key === "ArrowLeft") return "back";
  return null;
}
window.addEventListener(
  "keydown",
  (ev) => {
    const id = keyCommand(ev);
    if (!id || !COMMANDS[id]) return;
    ev.preventDefault();
    ev.stopPropagation();
    const button = ctl[id];
    if (!button || button.disabled) return; // not in this view (embed), or not now
    COMMANDS[id](performance.now());
  },
  true,
);

// --- start --------------------------------------------------------------------------------

renderAll();
client.ready.then(
  (info) => {
    app.ready = true;
    app.readyMs = performance.now() - t0;
    app.info = info;
    if (info.fixture && !shared) editor.setSource(info.source);
    renderAll();
    const st = ctl.status;
    if (st) st.title = `Python ${info.python} ready in ${(app.readyMs / 1000).toFixed(1)} s`;
    schedulePreload(0);
  },
  (err) => {
    app.progress = `error: could not start Python (${err.message || err})`;
    renderControls();
  },
);
