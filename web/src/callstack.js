// Call stack panel: the frames of the running coroutine (innermost first),
// Lua and builtin alike, and every coroutine with its status.
import { h, scrollIntoBox } from "./dom.js";
import { frameLabel } from "./bytecode.js";

/** A Lua frame by its function's one name (the listing's label, as the
 * bytecode tabs say it); how the call named it (the traceback's name:
 * `local 'f'`, `upvalue 'fib'` for a local function calling itself) beside it. */
function frameName(f, state) {
  const label = frameLabel(f, state);
  if (label === f.name) return [h("span", { class: "fname" }, f.name)];
  return [
    h("span", { class: "fname" }, label),
    h("span", { class: "called-as dim", title: "how Lua's traceback names this call: the variable the function was called through (a local function calling itself finds itself in an upvalue)" }, ` as ${f.name}`),
  ];
}

function frameRow(f, i, co, state, selected) {
  const where = f.kind === "lua" ? `line ${f.line ?? "?"}` : "builtin";
  return h(
    "li",
    { dataset: { frame: i, kind: f.kind }, class: selected ? "selected" : "" },
    h(
      "button",
      {
        type: "button",
        class: "frame",
        "aria-current": selected ? "true" : null,
        onclick: () => state.actions.selectFrame(co, i),
      },
      ...frameName(f, state),
      h("span", { class: `badge ${f.kind}` }, where),
    ),
  );
}

/** A deep stack shows its outermost and innermost frames (docs/snapshot.md:
 * frames_omitted, level): one row says how many lie between. */
function gapRow(n) {
  return h("li", { class: "gap", dataset: { gap: n }, role: "separator", "aria-label": `${n} frames not shown` }, `… ${n} frame${n === 1 ? "" : "s"} …`);
}

/** The rows of a frame list, innermost first, with the gap where levels jump. */
function frameRows(frames, co, state, selIndex) {
  const rows = [];
  for (let i = frames.length - 1; i >= 0; i--) {
    rows.push(frameRow(frames[i], i, co, state, i === selIndex));
    const lo = i > 0 ? frames[i - 1].level : -1;
    const hi = frames[i].level;
    if (i > 0 && lo !== undefined && hi !== undefined && hi - lo > 1) rows.push(gapRow(hi - lo - 1));
  }
  return rows;
}

export function render(snapshot, state) {
  const root = state.el.callstack;
  if (!root) return;
  const coRoot = state.el.coroutines;
  const frames = snapshot ? snapshot.frames || [] : [];
  const selCo = state.selected.coroutine || (snapshot && snapshot.coroutine);
  const running = snapshot ? snapshot.coroutine : "main";
  let sel = state.selected.frame;
  if (sel === null || sel === undefined || sel >= frames.length) sel = frames.length - 1;
  const rows = frameRows(frames, running, state, selCo === running ? sel : -1);
  root.replaceChildren(...rows);
  root.classList.toggle("is-empty", !rows.length);
  if (state.selected.frame !== null && state.selected.frame !== undefined) scrollIntoBox(root, root.querySelector("li.selected"));
  if (!coRoot) return;
  const cos = snapshot ? snapshot.coroutines || [] : [];
  const moreCos = snapshot ? snapshot.coroutines_omitted || 0 : 0;
  coRoot.replaceChildren(
    ...cos.map((c) => {
      const isRunning = c.id === running;
      // an error ended the program: the thread it ended is no longer running
      const status = snapshot.status === "error" && c.status === "running" ? "dead" : c.status;
      const inner = [];
      if (!isRunning && c.frames && c.frames.length) {
        const coSel = selCo === c.id ? (state.selected.frame ?? c.frames.length - 1) : null;
        inner.push(h("ol", { class: "frames nested", "aria-label": `Frames of coroutine ${c.id}` }, frameRows(c.frames, c.id, state, coSel)));
      }
      return h(
        "li",
        { dataset: { coroutine: c.id, status } },
        h("span", { class: "fname" }, c.id === "main" ? "main thread" : `coroutine ${c.id}`),
        h("span", { class: `badge co-${status}` }, status === c.status ? status : "dead (error)"),
        isRunning && c.id !== "main" ? h("span", { class: "dim" }, " (frames above)") : null,
        ...inner,
      );
    }),
    ...(moreCos ? [h("li", { class: "gap", dataset: { gap: moreCos } }, `… ${moreCos} more coroutine${moreCos === 1 ? "" : "s"}`)] : []),
  );
}
