// Registers panel: the register windows of the selected frame, its caller
// and its callee, drawn over the one value stack they share, so that a call's
// argument registers are seen to become the callee's first registers.
import { h, framesOf, valueSpan } from "./dom.js";
import { openValue } from "./values.js";
import { effectsOf, badges } from "./explain.js";
import { frameLabel } from "./bytecode.js";

function slotValues(snapshot, coroutine) {
  const m = new Map();
  for (const f of framesOf(snapshot, coroutine)) for (const r of f.registers || []) m.set(r.slot, r);
  return m;
}

export function render(snapshot, state) {
  const root = state.el.registers;
  if (!root) return;
  const co = state.selected.coroutine || (snapshot && snapshot.coroutine);
  const frames = framesOf(snapshot, co);
  if (!snapshot || !frames.length) {
    root.replaceChildren(h("p", { class: "empty" }, snapshot && snapshot.status === "finished" ? "The program has finished." : "No frame."));
    return;
  }
  let sel = state.selected.frame;
  if (sel === null || sel === undefined || sel >= frames.length) sel = frames.length - 1;
  // the caller and the callee beside it (not across the gap of a deep stack)
  const adjacent = (i) => i >= 0 && i < frames.length && (frames[i].level === undefined || Math.abs(frames[i].level - frames[sel].level) === Math.abs(i - sel));
  const shown = [sel - 1, sel, sel + 1].filter(adjacent);
  const slots = new Map(); // slot -> {cells: Map(frameIndex -> register), reg}
  for (const fi of shown) {
    for (const r of frames[fi].registers || []) {
      if (!slots.has(r.slot)) slots.set(r.slot, { cells: new Map(), reg: r });
      const s = slots.get(r.slot);
      s.cells.set(fi, r);
      if (fi === sel) s.reg = r;
    }
  }
  const prevSameCo = state.prev && (co === state.prev.coroutine || (state.prev.coroutines || []).some((c) => c.id === co)) ? state.prev : null;
  const before = prevSameCo ? slotValues(prevSameCo, co) : null;
  const head = h(
    "tr",
    null,
    h("th", { scope: "col", title: "absolute slot in the value stack" }, "slot"),
    shown.map((fi) =>
      h(
        "th",
        { scope: "col", class: fi === sel ? "frame-col selected" : "frame-col" },
        h(
          "button",
          { type: "button", class: "link", title: `Select frame ${fi}: ${frameLabel(frames[fi], state)}, called as ${frames[fi].name}`, onclick: () => state.actions.selectFrame(co, fi) },
          frameLabel(frames[fi], state),
        ),
        h("span", { class: "dim" }, ` base ${frames[fi].base}`),
      ),
    ),
    h("th", { scope: "col" }, "value"),
    h("th", { scope: "col" }, "type"),
  );
  const effects = effectsOf(snapshot, co); // what the next instruction reads/writes/closes
  const rows = [...slots.keys()]
    .sort((a, b) => a - b)
    .map((slot) => {
      const s = slots.get(slot);
      const mine = s.cells.get(sel);
      const old = before ? before.get(slot) : undefined;
      const changed = before && (old ? old.value !== s.reg.value || old.type !== s.reg.type : s.reg.type !== "nil");
      const eff = effects.get(slot);
      const cls = [mine ? "in-frame" : "other-frame", changed ? "changed" : "", ...(eff || []).map((w) => `effect-${w}`)].join(" ");
      return h(
        "tr",
        { class: cls, dataset: { ...(mine ? { reg: mine.index, slot } : { slot }), ...(eff ? { effect: eff.join(" ") } : {}) } },
        h("td", { class: "num dim" }, slot),
        shown.map((fi) => {
          const r = s.cells.get(fi);
          if (!r) return h("td", { class: "frame-cell" });
          return h(
            "td",
            { class: fi === sel ? "frame-cell selected" : "frame-cell" },
            h("span", { class: "reg" }, `R${r.index}`),
            " ",
            r.name ? h("span", { class: "local" }, r.name) : h("span", { class: "temp" }, frames[fi].kind === "builtin" ? "(arg)" : "(temp)"),
            r.captured ? h("span", { class: "captured", title: "shared with a closure: an open upvalue points at this register" }, " ⇡") : null,
          );
        }),
        h("td", { class: "value" }, openValue(snapshot, state, s.reg), badges(eff)),
        h("td", { class: "type dim" }, s.reg.type),
      );
    });
  const f = frames[sel];
  const extra = [];
  if (f.varargs && f.varargs.length) {
    const more = f.varargs_omitted ? [`, … ${f.varargs_omitted} more`] : [];
    extra.push(h("p", { class: "varargs" }, h("b", null, "varargs (...): "), f.varargs.flatMap((v, i) => [i ? ", " : "", valueSpan(v)]), ...more));
  }
  if (f.registers_omitted) extra.push(h("p", { class: "dim" }, `… ${f.registers_omitted} more arguments`));
  root.replaceChildren(
    h("div", { class: "scroll" }, h("table", { class: "regs" }, h("caption", { class: "sr-only" }, `Registers of ${f.name}`), h("thead", null, head), h("tbody", null, rows))),
    ...extra,
  );
}
