// Tables panel: every table the selected frame can reach, once each by its
// id, so that two registers naming one table visibly point at one entry.
// Each table is drawn as ltable.c lays it out (docs/snapshot.md): its array
// part (size, slots used, the slots) and its node vector in index order, the
// order pairs() goes, with each key's main position when it collided there
// and the links of the collision chains.  A snapshot holds the first 100
// slots and nodes; "Show more" asks the client for the next page
// (client.tableEntries), read at the step shown.
import { h, selectedFrame, valueSpan } from "./dom.js";

const PAGE = 100; // entries added by one "Show more"
const MAX_REQUEST = 1000; // entries per request (Session.table_entries' MAX_PAGE)

function isTable(snapshot, v) {
  return v && v.ref && snapshot.heap && snapshot.heap[v.ref] && snapshot.heap[v.ref].kind === "table";
}

/** The values a table's snapshot shows: its slots, then its nodes' keys and values. */
function valuesOf(t) {
  const out = [...(t.array || [])];
  for (const n of t.hash || []) {
    if (n.key) out.push(n.key);
    if (n.value) out.push(n.value);
  }
  return out;
}

/** [{ref, names: [how the frame names it]}] in order of discovery. */
function collect(snapshot, frame) {
  const found = new Map();
  const queue = [];
  const shown = new Map(); // ref -> its tostring text, from any value naming it
  const note = (v) => v && v.ref && v.value && !shown.has(v.ref) && shown.set(v.ref, v.value);
  for (const f of snapshot.frames || []) for (const r of [...(f.registers || []), ...(f.upvalues || [])]) note(r);
  for (const o of Object.values(snapshot.heap || {})) if (o.kind === "table") for (const v of valuesOf(o)) note(v);
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
    for (const v of valuesOf(t)) add(v, null);
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
    { type: "button", class: "link ref", dataset: { goto: ref }, title: "Show this table in the tables panel", onclick: () => state.actions.showTable(ref) },
    label,
  );
}

function cellValue(snapshot, state, v) {
  if (isTable(snapshot, v)) return h("span", null, valueSpan(v), " ", refButton(state, v.ref, "→ show"));
  return valueSpan(v);
}

function keyText(snapshot, state, k) {
  if (isTable(snapshot, k)) return cellValue(snapshot, state, k);
  return k.type === "string" ? k.value.replace(/^"(.*)"$/s, "$1") : `[${k.value}]`;
}

// --- paging: what the user asked to see, and the pages fetched for it ------

/** The panel's own state, kept on the app state: how many entries of each
 * part the user wants to see (kept across steps), the pages fetched for
 * the snapshot shown, and the parts the user closed. */
function view(state) {
  if (!state.tablesView) state.tablesView = { want: new Map(), pages: new Map(), closed: new Set() };
  return state.tablesView;
}

/** Forgets what was asked of the tables of the last program (a new one is loaded). */
export function reset(state) {
  state.tablesView = null;
}

function lastLine(message) {
  const lines = String(message || "").trim().split("\n");
  return lines[lines.length - 1];
}

/** The entries of one part beyond the snapshot's, fetched for this snapshot:
 * {snapshot, entries, loading, error}. */
function pageOf(state, snapshot, key) {
  const pages = view(state).pages;
  let page = pages.get(key);
  if (!page || page.snapshot !== snapshot) {
    page = { snapshot, entries: [], loading: false, error: null };
    pages.set(key, page);
  }
  return page;
}

/** Asks the client for entries [from, want) of a part; redraws the panel when
 * they come, unless the page shows another step by then. */
function fetchMore(state, snapshot, ref, part, page, from, want) {
  if (page.loading || page.error || from >= want) return;
  page.loading = true;
  const count = Math.min(want - from, MAX_REQUEST);
  state.client.tableEntries(ref, part, from, count).then(
    (res) => {
      page.loading = false;
      if (state.snapshot !== snapshot || res.step !== snapshot.step) return; // another step by now
      if (res.offset === from) page.entries.push(...res.entries);
      if (!res.entries.length) page.error = "no more entries";
      render(state.snapshot, state);
    },
    (err) => {
      page.loading = false;
      page.error = lastLine(err.message || err);
      if (state.snapshot === snapshot) render(state.snapshot, state);
    },
  );
}

/** The entries of a part to draw (the snapshot's, then the pages fetched),
 * and the "show more" row under them. */
function partEntries(snapshot, state, ref, part, base, total) {
  const key = `${ref}:${part}`;
  const v = view(state);
  const want = Math.min(total, Math.max(base.length, v.want.get(key) || 0));
  let entries = base;
  let page = null;
  if (want > base.length && state.client && state.client.canPage) {
    page = pageOf(state, snapshot, key);
    entries = base.concat(page.entries);
    if (entries.length < want) fetchMore(state, snapshot, ref, part, page, entries.length, want);
  }
  return { entries, page, key, want };
}

function moreRow(state, part, shown, total, usedLeft, page, key) {
  const left = total - shown;
  if (left <= 0) return null;
  const what = part === "array" ? (left === 1 ? "slot" : "slots") : left === 1 ? "node" : "nodes";
  const used = part === "array" ? ` (${usedLeft} used)` : usedLeft === null ? "" : ` (${usedLeft} live)`;
  const canPage = state.client && state.client.canPage;
  const cell = [h("span", { class: "dim" }, `… ${left} more ${what}${used}`), " "];
  if (!canPage) cell.push(h("span", { class: "dim", "data-testid": "table-more-unavailable" }, "(a recorded session holds only the first 100)"));
  else if (page && page.loading) cell.push(h("span", { class: "dim", role: "status" }, "loading…"));
  else if (page && page.error) cell.push(h("span", { class: "error-text", role: "status" }, page.error));
  else
    cell.push(
      h(
        "button",
        {
          type: "button",
          class: "more",
          "data-testid": "table-show-more",
          dataset: { part },
          title: `Fetch the next ${Math.min(PAGE, left)} ${what} from the debugger`,
          onclick: () => {
            const v = view(state);
            v.want.set(key, shown + PAGE);
            render(state.snapshot, state);
          },
        },
        `Show ${Math.min(PAGE, left)} more`,
      ),
    );
  return h("p", { class: "more-row" }, cell);
}

// --- the two parts ----------------------------------------------------------------

/** A part: its summary, its entries in a box of their own (scrolled), and
 * under the box the line saying what is left out, with "Show more". */
function partDetails(state, key, summary, body, more) {
  const closed = view(state).closed;
  if (more) more.dataset.key = key;
  const d = h("details", { class: "part", open: !closed.has(key) }, summary, h("div", { class: "part-body", dataset: { key } }, body), more);
  d.addEventListener("toggle", () => (d.open ? closed.delete(key) : closed.add(key)));
  return d;
}

function arrayPart(snapshot, state, ref, t) {
  const size = t.array_size ?? (t.array || []).length;
  const used = t.array_used ?? 0;
  const text = `array part: size ${size}, ${used} used`;
  if (!size) return h("p", { class: "part-empty", "data-testid": "table-array-summary" }, text);
  const { entries, page, key } = partEntries(snapshot, state, ref, "array", t.array || [], size);
  const rows = entries.map((v, i) =>
    h("tr", { class: v.type === "nil" ? "arr slot-nil" : "arr", dataset: { slot: i + 1 } }, h("th", { scope: "row", class: "key" }, `[${i + 1}]`), h("td", null, cellValue(snapshot, state, v))),
  );
  const usedShown = entries.reduce((n, v) => n + (v.type !== "nil"), 0);
  return partDetails(
    state,
    key,
    h("summary", { "data-testid": "table-array-summary" }, text),
    h("table", { class: "tbl slots" }, h("tbody", null, rows)),
    moreRow(state, "array", entries.length, size, used - usedShown, page, key),
  );
}

const lastfreeNote = () => h("span", { class: "badge lastfree-badge" }, "lastfree");

function nodeRow(snapshot, state, n, lastfree) {
  const collided = n.main !== null && n.main !== n.index;
  const attrs = {
    class: `node node-${n.state}${n.index === lastfree ? " lastfree" : ""}`,
    "data-testid": "table-node",
    dataset: { index: n.index, state: n.state },
    title: n.index === lastfree ? "the free pointer (lastfree) is here: a colliding key takes the highest free node below it" : null,
  };
  if (n.main !== null) attrs.dataset.main = n.main;
  if (n.next !== null) attrs.dataset.next = n.next;
  const idx = h("th", { scope: "row", class: "idx" }, String(n.index));
  if (n.state === "free") return h("tr", attrs, idx, h("td", { colspan: 2, class: "free" }, "free"), h("td", { class: "notes" }, n.index === lastfree ? lastfreeNote() : null));
  const notes = [];
  if (n.state === "dead") notes.push(h("span", { class: "badge dead", title: "a dead key: its value is nil; it stays in its node and chain until the next rehash" }, "dead"));
  if (collided)
    notes.push(
      h("span", { class: "main-pos", title: `collision: this key's main position is node ${n.main}, held by another key; it was put in a free node and chained from there` }, `main ${n.main}`),
    );
  if (n.next !== null) notes.push(h("span", { class: "chain", title: `the next node of this collision chain is node ${n.next}` }, `→ ${n.next}`));
  if (n.index === lastfree) notes.push(lastfreeNote());
  return h(
    "tr",
    attrs,
    idx,
    h("td", { class: "key" }, keyText(snapshot, state, n.key)),
    h("td", { class: "val" }, cellValue(snapshot, state, n.value)),
    h("td", { class: "notes" }, notes),
  );
}

function hashPart(snapshot, state, ref, t) {
  const count = t.node_count ?? 0;
  const live = t.node_live ?? 0;
  const text = count
    ? `hash part: ${count} ${count === 1 ? "node" : "nodes"} (${live} live, ${t.node_dead ?? 0} dead, ${t.node_free ?? 0} free)`
    : "hash part: no nodes";
  if (!count) return h("p", { class: "part-empty", "data-testid": "table-hash-summary" }, text);
  const { entries, page, key } = partEntries(snapshot, state, ref, "hash", t.hash || [], count);
  const head = h(
    "thead",
    null,
    h(
      "tr",
      null,
      h("th", { scope: "col", title: "node index" }, "node"),
      h("th", { scope: "col" }, "key"),
      h("th", { scope: "col" }, "value"),
      h("th", { scope: "col", title: "main position when the key collided; the next node of its chain" }, "chain"),
    ),
  );
  const rows = entries.map((n) => nodeRow(snapshot, state, n, t.lastfree));
  const tbody = h("tbody", null, rows);
  for (const r of rows) {
    r.addEventListener("mouseenter", () => markChain(tbody, r, true));
    r.addEventListener("mouseleave", () => markChain(tbody, r, false));
  }
  const liveShown = entries.reduce((k, n) => k + (n.state === "live"), 0);
  const free = t.lastfree < count ? `free pointer at node ${t.lastfree}` : "free pointer at the end";
  return partDetails(
    state,
    key,
    h("summary", { "data-testid": "table-hash-summary" }, text, h("span", { class: "dim lastfree-note" }, ` · ${free}`)),
    h("table", { class: "tbl nodes" }, head, tbody),
    moreRow(state, "hash", entries.length, count, live - liveShown, page, key),
  );
}

/** The sizes of both parts, short, for a table's summary line. */
function sizes(t) {
  const arr = t.array_size ? `array ${t.array_size} (${t.array_used} used)` : "array 0";
  const nodes = t.node_count ? `${t.node_count} ${t.node_count === 1 ? "node" : "nodes"} (${t.node_live} live)` : "0 nodes";
  return `${arr} · ${nodes}`;
}

/** Hovering or focusing a node marks its chain: every key of a chain has
 * the chain's first node as its main position. */
function markChain(tbody, row, on) {
  const main = row.dataset.main;
  if (main === undefined) return;
  for (const r of tbody.querySelectorAll(`tr[data-main="${main}"]`)) r.classList.toggle("in-chain", on);
}

export function render(snapshot, state) {
  const root = state.el.tables;
  if (!root) return;
  const frame = snapshot ? selectedFrame(snapshot, state) : null;
  const list = frame ? collect(snapshot, frame) : [];
  if (!list.length) {
    root.replaceChildren(h("p", { class: "empty" }, frame ? "No table is reachable from this frame." : "No frame."));
    return;
  }
  // redrawn at every step and page: keep where each part was scrolled to,
  // and the keyboard focus on a part's "Show more"
  const scrolled = new Map([...root.querySelectorAll(".part-body")].map((b) => [b.dataset.key, b.scrollTop]));
  const active = document.activeElement;
  const focusKey = active && root.contains(active) && active.closest(".more-row") ? active.closest(".more-row").dataset.key : null;
  root.replaceChildren(
    ...list.map(({ ref, value, names }) => {
      const t = snapshot.heap[ref];
      const summary = h(
        "summary",
        null,
        h("span", { class: "v t-table" }, value),
        h("span", { class: "dim" }, ` ${sizes(t)}`),
        t.meta ? h("span", { class: "badge meta" }, "meta") : null,
        names.length ? h("span", { class: "names" }, " ← " + names.join(", ")) : null,
      );
      const details = h("details", { dataset: { ref }, open: state.expanded.has(ref) }, summary);
      // a closed table's parts are drawn when it opens (a click on its
      // summary comes before the toggle): a step redraws only what is seen
      let filled = false;
      const fill = () => {
        if (filled) return;
        filled = true;
        details.append(arrayPart(snapshot, state, ref, t), hashPart(snapshot, state, ref, t));
        if (t.meta) details.append(h("p", { class: "meta" }, "metatable: ", refButton(state, t.meta, "→ show the metatable")));
      };
      if (details.open) fill();
      summary.addEventListener("click", fill);
      details.addEventListener("toggle", () => details.open && fill());
      details.addEventListener("toggle", () => state.actions.setExpanded(ref, details.open));
      return details;
    }),
  );
  for (const b of root.querySelectorAll(".part-body")) if (scrolled.has(b.dataset.key)) b.scrollTop = scrolled.get(b.dataset.key);
  if (focusKey) {
    const more = [...root.querySelectorAll(".more-row")].find((b) => b.dataset.key === focusKey);
    const next = more && (more.querySelector('[data-testid="table-show-more"]') || more);
    if (next) {
      if (!next.matches("button")) next.tabIndex = -1;
      next.focus({ preventScroll: true });
    }
  }
}
