// Values that open (issue 13, item 15): in the registers panel a table's
// value is a link to that table in the tables panel, and a closure's value
// opens a box with its prototype (name, lines, a link to its bytecode) and
// its upvalues' names and values, from the snapshot's heap and the listing.
import { h, valueSpan } from "./dom.js";

function heapOf(snapshot, v) {
  return v && v.ref && snapshot && snapshot.heap ? snapshot.heap[v.ref] : null;
}

function protoOf(state, id) {
  return state.listing && id !== null && id !== undefined ? (state.listing.protos || []).find((p) => p.id === id) : null;
}

/** The box a closure opens: prototype and upvalues. */
function closureBox(snapshot, state, v, obj) {
  const p = protoOf(state, obj.proto);
  const names = p ? p.upvalues || [] : [];
  const ups = obj.upvalues || [];
  const head = obj.builtin
    ? h("p", null, h("b", null, obj.name), " is a builtin (written in Python): it has no bytecode")
    : h(
        "p",
        null,
        "prototype ",
        h("span", { class: "ref-id" }, obj.proto),
        p ? ` ${p.name}, lines ${p.linedefined}–${p.lastlinedefined}, ${p.numparams} parameter${p.numparams === 1 ? "" : "s"}${p.is_vararg ? " and ..." : ""} ` : " ",
        p
          ? h("button", { type: "button", class: "link", "data-testid": "closure-bytecode", onclick: () => state.actions.selectProto(p.id) }, "show its bytecode")
          : null,
      );
  const list = ups.length
    ? h(
        "ul",
        { class: "closure-upvalues", "aria-label": "its upvalues" },
        ups.map((u, i) => h("li", null, h("span", { class: "local" }, names[i] || `upvalue ${i}`), " = ", valueSpan(u))),
      )
    : h("p", { class: "dim" }, obj.builtin ? "" : "no upvalues");
  return h("div", { class: "closure-box", "data-testid": "closure-info", role: "group", "aria-label": `closure ${v.value}` }, head, list);
}

/** A register's value: plain, or a button that opens it. */
export function openValue(snapshot, state, v) {
  const obj = heapOf(snapshot, v);
  if (obj && obj.kind === "table") {
    return h(
      "button",
      { type: "button", class: "link value-open", "data-testid": "value-open", "data-ref": v.ref, title: "Show this table in the tables panel", onclick: () => state.actions.showTable(v.ref) },
      valueSpan(v, { title: null }),
      h("span", { class: "dim" }, " → show"),  // (a table goes by its address only: issue 13, item 8)
    );
  }
  if (obj && obj.kind === "function") {
    state.openClosures = state.openClosures || new Set();
    const open = state.openClosures.has(v.ref);
    const wrap = h("span", { class: "closure" });
    const button = h(
      "button",
      {
        type: "button",
        class: "link value-open",
        "data-testid": "value-open",
        "aria-expanded": String(open),
        title: "Show its prototype and upvalues",
        onclick: () => {
          if (state.openClosures.has(v.ref)) state.openClosures.delete(v.ref);
          else state.openClosures.add(v.ref);
          const now = state.openClosures.has(v.ref);
          button.setAttribute("aria-expanded", String(now));
          const box = wrap.querySelector(".closure-box");
          if (box) box.remove();
          if (now) wrap.append(closureBox(snapshot, state, v, obj));
        },
      },
      valueSpan(v, { title: null }),
      h("span", { class: "dim", "aria-hidden": "true" }, open ? " ▾" : " ▸"),
    );
    wrap.append(button);
    if (open) wrap.append(closureBox(snapshot, state, v, obj));
    return wrap;
  }
  return valueSpan(v);
}
