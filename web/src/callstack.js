// Call stack panel: the frames of the running coroutine (innermost first),
// Lua and builtin alike, and every coroutine with its status.
import { h } from "./dom.js";

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
      h("span", { class: "fname" }, f.name),
      h("span", { class: `badge ${f.kind}` }, where),
    ),
  );
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
  const rows = [];
  for (let i = frames.length - 1; i >= 0; i--) rows.push(frameRow(frames[i], i, running, state, selCo === running && i === sel));
  root.replaceChildren(...rows);
  root.classList.toggle("is-empty", !rows.length);
  if (!coRoot) return;
  const cos = snapshot ? snapshot.coroutines || [] : [];
  coRoot.replaceChildren(
    ...cos.map((c) => {
      const isRunning = c.id === running;
      const inner = [];
      if (!isRunning && c.frames && c.frames.length) {
        const coSel = selCo === c.id ? (state.selected.frame ?? c.frames.length - 1) : null;
        const list = h("ol", { class: "frames nested", "aria-label": `Frames of coroutine ${c.id}` });
        for (let i = c.frames.length - 1; i >= 0; i--) list.append(frameRow(c.frames[i], i, c.id, state, coSel === i));
        inner.push(list);
      }
      return h(
        "li",
        { dataset: { coroutine: c.id, status: c.status } },
        h("span", { class: "fname" }, c.id === "main" ? "main thread" : `coroutine ${c.id}`),
        h("span", { class: `badge co-${c.status}` }, c.status),
        isRunning && c.id !== "main" ? h("span", { class: "dim" }, " (frames above)") : null,
        ...inner,
      );
    }),
  );
}
