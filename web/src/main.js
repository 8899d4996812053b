// The playground: wires the editor, the controls and the panels to a client
// (the Pyodide worker, or a recorded fixture with ?fixture=NAME).  Every
// panel is redrawn from the latest snapshot by its module's render().
import { createEditor } from "./editor.js";
import { WorkerClient, FixtureClient } from "./client.js";
import { EXAMPLES, DEFAULT_EXAMPLE } from "./examples.js";
import { REDIS_EXAMPLES, DEFAULT_REDIS_EXAMPLE } from "./redis-examples.js";
import { splitArgs } from "./redisargs.js";
import { encodeShare, decodeShare } from "./share.js";
import { MEMORY_LIMITS_MB, memoryLimitMB, setMemoryLimitMB, formatMB } from "./settings.js";
import { selectedFrame } from "./dom.js";
import * as bytecode from "./bytecode.js";
import * as registers from "./registers.js";
import * as upvalues from "./upvalues.js";
import * as callstack from "./callstack.js";
import * as tables from "./tables.js";
import * as consolePanel from "./console.js";
import * as keyspace from "./keyspace.js";
import * as present from "./present.js";
import "./layout.js";
import * as explainPanel from "./explain.js";
import * as reply from "./reply.js";
import * as autosave from "./autosave.js";
import { buttonTitles, firstLine, withoutLocation } from "./newcomer.js";

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
  keyspace: $("keyspace"),
  reply: $("reply"),
  explain: $("explain"),
};
const ctl = {};
for (const id of ["run", "stop", "step", "step-line", "step-over", "step-out", "back", "back-line", "restart", "share", "examples", "timeline", "status", "memory-limit", "mode", "redis-keys", "redis-argv", "redis-setup", "redis-args-error", "redis-setup-error"]) ctl[id] = $(id);
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
  // Redis mode: the mode, the inputs' text, and whether the worker has it
  // (off: never asked; loading; ready; error)
  mode: "lua",
  redis: { keys: "", argv: "", setup: "" },
  redisPhase: "off",
  loadedInputs: null, // the mode and inputs of the loaded session (inputsKey())
};
app.consoleTimes = consolePanel.timings; // ms each console drawing took (the page benchmark reads them)
window.__pylua = app; // for the tests and the curious
present.setup(); // text size, theme, presentation mode (stored)

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
        app.redisPhase = "off"; // (the new worker installs Redis mode again when asked)
        renderAll();
        client.ready.then(() => {
          app.ready = true;
          if (app.mode === "redis") ensureRedis();
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

const PANELS = { bytecode, registers, upvalues, callstack, tables, console: consolePanel, keyspace, explain: explainPanel, reply };

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
  const chunk = (snapshot && snapshot.chunkname) || (app.mode === "redis" ? "user_script" : "input");
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
    if (marks.current === s.line) marks.current = firstLine(s, app.listing, editor.getSource()) ?? marks.current;
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
  if (app.mode === "redis" && app.redisPhase === "loading") return app.progress;
  if (app.mode === "redis" && app.redisPhase === "error") return `error: could not start Redis mode (${app.redisError})`;
  if (app.running) return runningText();
  if (app.mode === "redis" && argsError()) return argsError();
  if (app.loadError) return `error at line ${errorLine(app.loadError, null) ?? "?"}: ${withoutLocation(app.loadError)}`;
  const s = app.snapshot;
  const edited = app.editNote ? ` — ${app.editNote}` : "";
  if (!s) return (app.loadedSource === null && app.hadSession ? "ready (edited)" : "ready") + edited;
  switch (s.status) {
    case "ready":
      return edited ? "ready" + edited : s.step === 0 ? "ready — press Step (Alt+→) to run one instruction, Step line (F11) for a line, Run (F5) to the end" : "ready";
    case "paused":
      return `paused at line ${s.line ?? "?"}` + (s.message ? ` — ${s.message}` : "");
    case "finished": {
      const reply = s.redis && s.redis.reply;
      const again = app.finishedNote ? " — the program has finished: Run or Restart starts it again" : "";
      return `finished after ${s.step} steps` + (reply && !reply.includes("\n") ? ` — reply: ${reply}` : "") + again;
    }
    case "error":
      return `error at line ${errorLine(s.error, s) ?? "?"}: ${withoutLocation(s.error)}`;
    default:
      return s.status;
  }
}

/** Can the page run a program now (Python up; in Redis mode, Redis mode too)? */
function modeReady() {
  return app.ready && (app.mode !== "redis" || app.redisPhase === "ready");
}

function renderControls() {
  const ready = modeReady() && !app.running;
  const s = app.snapshot;
  const set = (id, enabled) => {
    if (ctl[id]) ctl[id].disabled = !enabled;
  };
  for (const id of ["run", "step", "step-line", "step-over", "step-out", "restart"]) set(id, ready);
  set("stop", app.running);
  set("back", ready && !!s && s.step > 0);
  set("back-line", ready && !!s && s.step > 0);
  set("memory-limit", !app.running); // (changing it starts the program again: not mid-run)
  set("mode", !app.running && client.canRedis);
  if (ctl.run) ctl.run.querySelector(".label").textContent = s && s.status === "paused" && app.loadedSource !== null ? "Continue" : "Run";
  const grid = document.querySelector("main.grid");
  if (grid) {
    grid.classList.toggle("stale", app.running);
    grid.setAttribute("aria-busy", String(app.running));
    staleNotes(grid);
  }
  const st = ctl.status;
  if (st) {
    st.textContent = statusText();
    st.dataset.state = !modeReady() ? (app.redisPhase === "error" ? "error" : "loading") : app.running ? "running" : app.loadError ? "error" : s ? s.status : "ready";
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
  if (stepLabel) stepLabel.title = `instructions run: ${step} of the ${max} reached so far${end === null ? "; + : the program goes on past them (its end is not reached yet)" : "; the program ends there"}`;
}

const RUN_LABELS = { continue: "Run", step_line: "Step line", step_over: "Step over", step_out: "Step out" };

/** While a command runs: the steps it reached and how fast it goes. */
function runningText() {
  const live = app.live;
  const r = app.runStart;
  if (!live || !r) return "running…";
  const secs = (performance.now() - r.t) / 1000;
  const rate = secs > 0 ? (live.step - r.step) / secs : 0;
  const fmt = rate >= 1e6 ? `${(rate / 1e6).toFixed(2)} M` : rate >= 1e3 ? `${(rate / 1e3).toFixed(1)} k` : `${Math.round(rate)}`;
  return `running… step ${live.step.toLocaleString("en")} — ${fmt} steps/s`;
}

/** The panels drawn from the snapshot say, while a command runs, that
 * they show the state before it (the worker sends only the step count and
 * the output until it stops). */
function staleNotes(grid) {
  const text = app.running && app.runStart ? ` — the state before ${app.runStart.label} (step ${app.runStart.step.toLocaleString("en")})` : "";
  for (const h2 of grid.querySelectorAll("section:not(.editor-panel):not(.console-panel) > h2")) {
    let note = h2.querySelector(":scope > .before-run");
    if (!text) {
      if (note) note.remove();
      continue;
    }
    if (!note) {
      note = document.createElement("span");
      note.className = "before-run";
      note.dataset.testid = "before-run";
      h2.append(note);
    }
    if (note.textContent !== text) note.textContent = text;
  }
}

/** The setup's error (the session's), under the setup box. */
function renderSetupError() {
  const el = ctl["redis-setup-error"];
  if (!el) return;
  const r = app.snapshot && app.snapshot.redis;
  const err = app.mode === "redis" && r && r.setup_error ? `setup: ${r.setup_error}` : "";
  if (el.textContent !== err) el.textContent = err;
  if (ctl["redis-setup"]) ctl["redis-setup"].setAttribute("aria-invalid", err ? "true" : "false");
}

function renderAll() {
  renderControls();
  renderSetupError();
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
  if (app.snapshot && snapshot.step !== app.snapshot.step) app.editNote = null;
  app.finishedNote = false;
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
  const inputs = inputsKey();
  let redis = null;
  if (app.mode === "redis") {
    redis = redisArgs();
    if (!redis) {
      // KEYS or ARGV do not parse: nothing to load (the status says why)
      dropSession();
      return;
    }
  }
  const bps = editor.getBreakpoints();
  const res = await client.load(source, bps, mb, redis);
  if (quiet && (source !== editor.getSource() || mb !== app.memoryLimitMB || inputs !== inputsKey())) return; // (edited, or the limit or inputs changed, meanwhile)
  // a breakpoint toggled while it loaded went to no session (or to the one
  // this load replaced): the new session gets the editor's
  const now = editor.getBreakpoints();
  if (now.length !== bps.length || now.some((l, i) => l !== bps[i])) client.setBreakpoints(now);
  app.loadedSource = source;
  app.loadedInputs = inputs;
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
  if (app.loadedInputs !== inputsKey()) return true;
  return app.memoryLimit !== null && app.memoryLimit !== app.memoryLimitMB * 1048576;
}

async function ensureLoaded() {
  if (app.mode === "redis" && argsError()) return renderAll(), false;
  if (sessionStale()) await load();
  return !app.loadError && app.loadedSource !== null;
}

// step_line, step_over and step_out may run long (over a loop, out of a
// recursion): like Run they go in budgets, and Stop ends them.
const BUDGETED = new Set(["step_line", "step_over", "step_out"]);

async function command(name, arg, tAsked = performance.now()) {
  const tStart = performance.now();
  if (!(await ensureLoaded())) return;
  if (name !== "goto" && app.snapshot && app.snapshot.status === "finished" && name.startsWith("step")) {
    // nothing more to run: say so (Run or Restart starts again)
    app.finishedNote = true;
    return renderControls();
  }
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
  app.runStart = { t: performance.now(), step: app.snapshot ? app.snapshot.step : 0, label: RUN_LABELS[name] || name };
  const markRunning = () => {
    app.running = true;
    renderControls();
    editor.setMarks(editorMarks());
  };
  const timer = quietMs ? setTimeout(markRunning, quietMs) : (markRunning(), null);
  try {
    return await client.run(name, (progress) => {
      // while it runs: the step counter, the speed, the output as it comes
      app.live = progress;
      app.maxStep = Math.max(app.maxStep, progress.step);
      if (!app.running) markRunning();
      renderControls();
      consolePanel.stream(app, progress.output_new || "", !!progress.output_reset);
    });
  } finally {
    clearTimeout(timer);
    app.running = false;
    app.live = null;
  }
}

async function run() {
  const s = app.snapshot;
  if (app.mode === "redis" && argsError()) return renderAll();
  const fresh = sessionStale() || !s || s.status === "finished" || s.status === "error";
  if (fresh) await load();
  if (app.loadError || app.loadedSource === null) return;
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
  app.editNote = null;
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
  const hash = encodeShare(editor.getSource(), editor.getBreakpoints(), app.mode === "redis" ? app.redis : null);
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
  if (shared.mode === "redis" && client.canRedis) {
    app.mode = "redis";
    app.redis = { ...shared.redis };
  }
}

// the edits kept from the last visit (autosave.js): of the page, or of this link
const savedHash = () => (decodeShare(location.hash) ? location.hash : "");
let restoredNote = null;
{
  const saved = fixture ? null : autosave.restore(shared ? location.hash : "");
  if (saved && (!shared || saved.source !== shared.source || saved.mode !== shared.mode)) {
    initialSource = saved.source;
    if (saved.mode === "redis" && client.canRedis && saved.redis) {
      app.mode = "redis";
      app.redis = { ...saved.redis };
    } else if (shared) app.mode = "lua";
    if (shared) restoredNote = "Your edits of this shared link were kept from your last visit.";
  }
}

const editor = createEditor($("editor"), {
  source: initialSource,
  breakpoints: initialBps,
  on: {
    change() {
      const s = app.snapshot;
      if (app.loadedSource !== null && !app.running && s && s.step > 0) {
        // said, not silent: the session starts again with the new text
        app.editNote = `edited at step ${s.step}: the program starts again from step 0 (Ctrl+Z undoes the edit)`;
      }
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
      examplesMatch();
      scheduleSave();
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

let saveTimer = null;
function scheduleSave() {
  if (fixture) return; // (a recorded session: nothing of one's own to keep)
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, 250);
}
function saveNow() {
  const link = savedHash();
  const state = { source: editor.getSource(), mode: app.mode, redis: app.mode === "redis" ? app.redis : null };
  const original = link ? decodeShare(link) : null;
  autosave.save(link, state, original);
}
window.addEventListener("pagehide", () => saveTimer !== null && saveNow());

/** The examples menu names the example in the editor, or none. */
function examplesMatch() {
  const sel = ctl.examples;
  if (!sel || !sel.value) return;
  const ex = examplesOf(app.mode).find((e) => e.id === sel.value);
  if (!ex || ex.source !== editor.getSource()) sel.value = "";
}

if (restoredNote && shareNote) {
  // a reload of a link keeps one's edits, and says so (and how to get the link's version)
  const back = document.createElement("button");
  back.type = "button";
  back.textContent = "Load the link's version";
  back.dataset.testid = "shared-version";
  back.addEventListener("click", () => {
    const s = decodeShare(location.hash);
    autosave.forget(location.hash);
    shareNote.textContent = "";
    if (!s) return;
    setMode(s.mode);
    if (s.redis) setRedisInputs(s.redis);
    setSource(s.source, s.breakpoints);
  });
  shareNote.append(restoredNote + " ", back);
}

// The program in the editor is loaded in the worker (compiled, at step 0)
// while the page is idle: the first Step then only steps, and the bytecode
// panel follows the text as it is typed.
let preloadTimer = null;
function schedulePreload(ms = 350) {
  clearTimeout(preloadTimer);
  preloadTimer = setTimeout(() => {
    const stale = () => modeReady() && !app.running && sessionStale() && !(app.mode === "redis" && argsError());
    if (!stale()) return;
    if (pendingCount > 0) return schedulePreload(100); // after the commands in flight
    enqueue(async () => {
      if (stale()) await load(true);
    });
  }, ms);
}

function setSource(source, breakpoints = []) {
  editor.setSource(source);
  app.editNote = null; // (another program: nothing to undo back to)
  editor.setBreakpoints(breakpoints);
  dropSession();
  schedulePreload(0);
}

/** Forgets the worker's session (the text, the mode or the inputs changed). */
function dropSession() {
  app.loadedSource = null;
  app.loadedInputs = null;
  app.snapshot = app.prev = null;
  app.listing = null;
  app.loadError = null;
  app.notes = [];
  renderAll();
}

window.addEventListener("hashchange", () => {
  const s = decodeShare(location.hash);
  if (!s) return;
  const redis = s.mode === "redis" ? s.redis : null;
  if (s.source === editor.getSource() && s.mode === app.mode && (!redis || JSON.stringify(redis) === JSON.stringify(app.redis))) return;
  setMode(s.mode);
  if (redis) setRedisInputs(redis);
  setSource(s.source, s.breakpoints);
});

// --- Redis mode ------------------------------------------------------------------------------
// A mode switch: Lua (as it always was) or a Redis script, run as EVAL runs
// it with KEYS, ARGV and a keyspace seeded by the setup commands.  The
// worker installs Redis mode (fakeredis...) the first time it is chosen.

/** The mode and inputs a session is loaded with, as one string. */
function inputsKey() {
  return app.mode === "redis" ? JSON.stringify(["redis", app.redis]) : "lua";
}

/** What is wrong with KEYS or ARGV, or null. */
function argsError() {
  for (const [name, text] of [["KEYS", app.redis.keys], ["ARGV", app.redis.argv]]) {
    const r = splitArgs(text);
    if (r.error) return `${name}: ${r.error}`;
  }
  return null;
}

/** {keys, argv, setup} for the worker, or null when KEYS or ARGV do not parse. */
function redisArgs() {
  const keys = splitArgs(app.redis.keys);
  const argv = splitArgs(app.redis.argv);
  if (keys.error || argv.error) return null;
  return { keys: keys.args, argv: argv.args, setup: app.redis.setup };
}

const REDIS_INPUTS = { keys: "redis-keys", argv: "redis-argv", setup: "redis-setup" };

function setRedisInputs(values) {
  app.redis = { keys: values.keys || "", argv: values.argv || "", setup: values.setup || "" };
  for (const [k, id] of Object.entries(REDIS_INPUTS)) if (ctl[id]) ctl[id].value = app.redis[k];
  renderArgsError();
}

function renderArgsError() {
  const err = app.mode === "redis" ? argsError() : null;
  if (ctl["redis-args-error"]) ctl["redis-args-error"].textContent = err || "";
  for (const [k, id] of [["KEYS", "redis-keys"], ["ARGV", "redis-argv"]]) {
    if (ctl[id]) ctl[id].setAttribute("aria-invalid", err && err.startsWith(k) ? "true" : "false");
  }
}

for (const [k, id] of Object.entries(REDIS_INPUTS)) {
  if (!ctl[id]) continue;
  ctl[id].addEventListener("input", () => {
    app.redis = { ...app.redis, [k]: ctl[id].value };
    renderArgsError();
    scheduleSave();
    if (app.loadedSource !== null && !app.running) dropSession();
    else renderControls();
    schedulePreload();
  });
}

/** Asks the worker for Redis mode (once). */
function ensureRedis() {
  if (app.redisPhase === "ready" || app.redisPhase === "loading") return;
  app.redisPhase = "loading";
  app.progress = "loading Redis mode (fakeredis)…";
  renderControls();
  const t = performance.now();
  const warm = REDIS_EXAMPLES.map((x) => [x.source, splitArgs(x.keys).args, splitArgs(x.argv).args, x.setup]);
  client.initRedis(warm).then(
    (info) => {
      app.redisPhase = "ready";
      app.redisInfo = { ...info, readyMs: performance.now() - t };
      renderAll();
      schedulePreload(0);
    },
    (err) => {
      app.redisPhase = "error";
      app.redisError = err.message || String(err);
      renderControls();
    },
  );
}

const examplesOf = (mode) => (mode === "redis" ? REDIS_EXAMPLES : EXAMPLES);

function fillExamples() {
  const sel = ctl.examples;
  if (!sel) return;
  const head = new Option(app.mode === "redis" ? "Redis examples…" : "Examples…", "");
  head.disabled = true;
  head.selected = true;
  sel.replaceChildren(head, ...examplesOf(app.mode).map((ex) => new Option(ex.title, ex.id)));
  sel.setAttribute("aria-label", app.mode === "redis" ? "Load an example Redis script" : "Load an example program");
}

function loadExample(ex) {
  if (app.mode === "redis") setRedisInputs(ex);
  setSource(ex.source);
}

/** Switches the mode: the panels, the examples; the session is loaded again. */
function setMode(mode) {
  if (mode !== "redis" || !client.canRedis) mode = "lua";
  const changed = mode !== app.mode;
  app.mode = mode;
  document.body.classList.toggle("redis-mode", mode === "redis");
  for (const sel of ["section.redis-panel", "section.keyspace-panel"]) {
    const sec = document.querySelector(sel);
    if (sec) sec.hidden = mode !== "redis";
  }
  if (ctl.mode) ctl.mode.value = mode;
  renderArgsError();
  if (mode === "redis") ensureRedis();
  if (changed) {
    fillExamples();
    dropSession();
    schedulePreload(0);
  }
}

if (ctl.mode) {
  ctl.mode.addEventListener("change", () => {
    const mode = ctl.mode.value;
    const src = editor.getSource();
    setMode(mode);
    scheduleSave();
    // a newcomer's first look: an example of the mode, unless the editor
    // holds a program of one's own
    const others = examplesOf(mode === "redis" ? "lua" : "redis");
    if (!src.trim() || others.some((e) => e.source === src)) {
      const id = mode === "redis" ? DEFAULT_REDIS_EXAMPLE : DEFAULT_EXAMPLE;
      loadExample(examplesOf(mode).find((e) => e.id === id) || examplesOf(mode)[0]);
    }
  });
}

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
  fillExamples();
  ctl.examples.addEventListener("change", () => {
    const ex = examplesOf(app.mode).find((e) => e.id === ctl.examples.value);
    if (ex) loadExample(ex);
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

if (app.mode === "redis") {
  // (a link in Redis mode: the worker installs it as soon as Python is up)
  const mode = app.mode;
  app.mode = "lua";
  setMode(mode);
  setRedisInputs(app.redis);
}
buttonTitles();
renderAll();
client.ready.then(
  (info) => {
    app.ready = true;
    app.readyMs = performance.now() - t0;
    app.readyAt = performance.now(); // since the navigation started (bench/page_ready.py)
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
