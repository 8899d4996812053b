// Upvalues panel: the upvalues of the selected frame's closure, open (still a
// register of a live frame) or closed (holding its own value); the selected
// frame's registers that closures share, and the moment RETURN or CLOSE
// closes them.
import { h, framesOf, selectedFrame, valueSpan } from "./dom.js";
import { upvalueEffects, badges } from "./explain.js";

/** The captured registers of a frame that instruction ins closes: the
 * snapshot's `closes` lists the stack slots of the open upvalues it closes
 * (RETURN, CLOSE, a TAILCALL that replaces the frame). */
function closedBy(ins, regs) {
  const slots = (ins && ins.closes) || [];
  return slots.length ? regs.filter((r) => r.captured && slots.includes(r.slot)) : [];
}

/** Registers of frame f that closures share (open upvalues point at them),
 * and what the instruction about to run does to them. */
function sharedSection(snapshot, f, isInnermost) {
  const shared = (f.registers || []).filter((r) => r.captured);
  if (!shared.length) return null;
  const ins = isInnermost && snapshot.instruction && snapshot.instruction.pc === f.pc ? snapshot.instruction : null;
  const closing = closedBy(ins, shared);
  const label = (r) => `${r.name || "(temp)"} (R${r.index})`;
  return h(
    "div",
    { class: "shared" },
    h("h3", null, "Shared with closures"),
    h(
      "ul",
      { class: "captured-list" },
      shared.map((r) =>
        h(
          "li",
          { dataset: { name: r.name || "", reg: r.index, closing: closing.includes(r) ? "true" : "false" } },
          h("span", { class: "local" }, label(r)),
          " = ",
          valueSpan(r),
          h("span", { class: "badge open" }, "open"),
        ),
      ),
    ),
    closing.length
      ? h("p", { class: "closing" }, ins.opcode === "CLOSE" && ins.explain ? `The next instruction, CLOSE: ${ins.explain}.` : `The next instruction, ${ins.opcode}, closes ${closing.map(label).join(", ")}: each closure that shares it keeps the value as its own.`)
      : h("p", { class: "dim" }, "Open upvalues point at these registers; this frame's RETURN (or a CLOSE) will close them."),
  );
}

/** What the last step closed, when it was one instruction that closed upvalues. */
function closedByLastStep(snapshot, state) {
  const prev = state.prev;
  if (!prev || !snapshot || prev.step !== snapshot.step - 1 || !prev.instruction) return null;
  const op = prev.instruction.opcode;
  if (!(prev.instruction.closes || []).length) return null;
  const frames = prev.frames || [];
  let f = null;
  for (let i = frames.length - 1; i >= 0 && !f; i--) if (frames[i].kind === "lua") f = frames[i];
  if (!f) return null;
  const closed = closedBy(prev.instruction, f.registers || []);
  if (!closed.length) return null;
  const names = closed.map((r) => `${r.name || "(temp)"} (R${r.index} of ${f.name})`).join(", ");
  return h("p", { class: "just-closed" }, h("span", { class: "badge closed" }, "closed"), ` ${op} just closed ${names}: the closures that shared it now hold it themselves.`);
}

export function render(snapshot, state) {
  const root = state.el.upvalues;
  if (!root) return;
  const f = selectedFrame(snapshot, state);
  const co = state.selected.coroutine || (snapshot && snapshot.coroutine);
  const frames = framesOf(snapshot, co);
  const innermost = f !== null && frames.length > 0 && f === frames[frames.length - 1] && co === snapshot.coroutine;
  const extra = [];
  const just = closedByLastStep(snapshot, state);
  if (just) extra.push(just);
  if (f && f.kind === "lua") {
    const shared = sharedSection(snapshot, f, innermost);
    if (shared) extra.push(shared);
  }
  if (!f || !(f.upvalues || []).length) {
    root.replaceChildren(h("p", { class: "empty" }, f ? `${f.name} has no upvalues.` : "No frame."), ...extra);
    return;
  }
  const ueff = upvalueEffects(snapshot, co, f);
  const rows = f.upvalues.map((u) => {
    let where;
    if (u.state === "open") {
      if (u.frame !== null && u.frame !== undefined && frames[u.frame]) {
        where = h(
          "button",
          { type: "button", class: "link", onclick: () => state.actions.selectFrame(co, u.frame), title: "Select the frame that owns this variable" },
          `→ ${frames[u.frame].name}, R${u.register}`,
        );
      } else where = h("span", { class: "dim" }, `→ stack slot ${u.slot ?? "?"} (another coroutine)`);
    } else where = h("span", { class: "dim" }, "own value");
    return h(
      "tr",
      { dataset: { name: u.name, state: u.state, ...(ueff.has(u.index) ? { effect: ueff.get(u.index).join(" ") } : {}) } },
      h("td", { class: "num dim" }, u.index),
      h("td", { class: "local" }, u.name),
      h("td", null, h("span", { class: `badge ${u.state}` }, u.state)),
      h("td", { class: "value" }, valueSpan(u), badges(ueff.get(u.index))),
      h("td", null, where),
    );
  });
  root.replaceChildren(
    h(
      "table",
      { class: "upvals" },
      h("caption", { class: "sr-only" }, `Upvalues of ${f.name}`),
      h("thead", null, h("tr", null, ["#", "name", "state", "value", "where"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, rows),
    ),
    ...extra,
  );
}
