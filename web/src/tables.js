// Tables panel: every table the selected frame can reach, once each by its
// id, so that two registers naming one table visibly point at one entry.
import { h, selectedFrame, valueSpan } from "./dom.js";

function isTable(snapshot, v) {
  return v && v.ref && snapshot.heap && snapshot.heap[v.ref] && snapshot.heap[v.ref].kind === "table";
}

/** [{ref, names: [how the frame names it]}] in order of discovery. */
function collect(snapshot, frame) {
  const found = new Map();
  const queue = [];
  const shown = new Map(); // ref -> its tostring text, from any value naming it
  const note = (v) => v && v.ref && v.value && !shown.has(v.ref) && shown.set(v.ref, v.value);
  for (const f of snapshot.frames || []) for (const r of [...(f.registers || []), ...(f.upvalues || [])]) note(r);
  for (const o of Object.values(snapshot.heap || {}))
    if (o.kind === "table") for (const v of [...(o.array || []), ...(o.hash || []).flat()]) note(v);
  const add = (v, name) => {
    if (!isTable(snapshot, v)) return;
    if (!found.has(v.ref)) {
      found.set(v.ref, { ref: v.ref, value: shown.get(v.ref) || v.value, names: [] });
      queue.push(v.ref);
    }
    if (name) found.get(v.ref).names.push(name);
  };
  for (const r of frame.registers || []) add(r, `R${r.index}${r.name ? " " + r.name : ""}`);
  for (const u of frame.upvalues || []) add(u, `upvalue ${u.name}`);
  (frame.varargs || []).forEach((v, i) => add(v, `vararg ${i + 1}`));
  while (queue.length) {
    const t = snapshot.heap[queue.shift()];
    for (const v of t.array || []) add(v, null);
    for (const [k, v] of t.hash || []) {
      add(k, null);
      add(v, null);
    }
    if (t.meta) {
      const m = snapshot.heap[t.meta];
      if (m && m.kind === "table") add({ ref: t.meta, value: `table`, type: "table" }, null);
    }
  }
  return [...found.values()];
}

function refButton(state, ref, label) {
  return h(
    "button",
    { type: "button", class: "link ref", dataset: { goto: ref }, title: `Show table ${ref}`, onclick: () => state.actions.showTable(ref) },
    label,
  );
}

function cellValue(snapshot, state, v) {
  if (isTable(snapshot, v)) return h("span", null, valueSpan(v), " ", refButton(state, v.ref, `→ ${v.ref}`));
  return valueSpan(v);
}

export function render(snapshot, state) {
  const root = state.el.tables;
  if (!root) return;
  const frame = selectedFrame(snapshot, state);
  const list = frame ? collect(snapshot, frame) : [];
  if (!list.length) {
    root.replaceChildren(h("p", { class: "empty" }, frame ? "No table is reachable from this frame." : "No frame."));
    return;
  }
  root.replaceChildren(
    ...list.map(({ ref, value, names }) => {
      const t = snapshot.heap[ref];
      const body = [];
      const rows = [];
      (t.array || []).forEach((v, i) => rows.push(h("tr", { class: "arr" }, h("th", { scope: "row", class: "key" }, `[${i + 1}]`), h("td", null, cellValue(snapshot, state, v)))));
      if ((t.array_count ?? 0) > (t.array || []).length) rows.push(h("tr", null, h("td", { colspan: 2, class: "dim" }, `… ${t.array_count - t.array.length} more in the array part`)));
      for (const [k, v] of t.hash || []) {
        const key = k.type === "string" ? k.value.replace(/^"(.*)"$/s, "$1") : `[${k.value}]`;
        rows.push(h("tr", { class: "hash" }, h("th", { scope: "row", class: "key" }, isTable(snapshot, k) ? cellValue(snapshot, state, k) : key), h("td", null, cellValue(snapshot, state, v))));
      }
      if ((t.hash_count ?? 0) > (t.hash || []).length) rows.push(h("tr", null, h("td", { colspan: 2, class: "dim" }, `… ${t.hash_count - t.hash.length} more in the hash part`)));
      if (rows.length) body.push(h("table", { class: "tbl" }, h("tbody", null, rows)));
      else body.push(h("p", { class: "dim" }, "empty"));
      if (t.meta) body.push(h("p", { class: "meta" }, "metatable: ", refButton(state, t.meta, t.meta)));
      const details = h(
        "details",
        { dataset: { ref }, open: state.expanded.has(ref) },
        h(
          "summary",
          null,
          h("span", { class: "ref-id" }, ref),
          " ",
          h("span", { class: "v t-table" }, value),
          h("span", { class: "dim" }, ` ${t.array_count ?? (t.array || []).length} array, ${t.hash_count ?? (t.hash || []).length} hash`),
          t.meta ? h("span", { class: "badge meta" }, "meta") : null,
          names.length ? h("span", { class: "names" }, " ← " + names.join(", ")) : null,
        ),
        ...body,
      );
      details.addEventListener("toggle", () => state.actions.setExpanded(ref, details.open));
      return details;
    }),
  );
}
