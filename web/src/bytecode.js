// Bytecode panel: one tab per function prototype, the luac -l columns, the
// current instruction of the selected frame, links to source lines.
import { h, scrollIntoBox, selectedFrame } from "./dom.js";

const cache = new WeakMap(); // root -> {protoId, rows, listing, ...}

// one name for a function everywhere (the listing's label: the tabs, the call stack)
export function protoLabel(p) {
  return p.id === "0" ? "main chunk" : `${p.label || p.name}`;
}

/** A frame by that name: a Lua frame by its function's label, a builtin by its own. */
export function frameLabel(f, state) {
  const p = f.kind === "lua" && state.listing ? state.listing.protos.find((q) => q.id === f.proto) : null;
  return p ? protoLabel(p) : f.name;
}

function shownProto(snapshot, state) {
  const protos = state.listing ? state.listing.protos : [];
  if (!protos.length) return null;
  const byId = (id) => protos.find((p) => p.id === id);
  if (state.viewProto && byId(state.viewProto)) return byId(state.viewProto);
  const f = selectedFrame(snapshot, state);
  if (f && f.kind === "lua" && byId(f.proto)) return byId(f.proto);
  // a builtin frame is selected: show the Lua function that called it
  const frames = snapshot ? snapshot.frames || [] : [];
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i].kind === "lua" && byId(frames[i].proto)) return byId(frames[i].proto);
  return byId("0") || protos[0];
}

/** The proto whose instructions cover `line` most tightly (deepest nesting). */
export function protoForLine(listing, line) {
  let best = null;
  for (const p of listing ? listing.protos : []) {
    if (p.instructions.some((i) => i.line === line)) {
      if (!best || p.id.split(".").length > best.id.split(".").length) best = p;
    }
  }
  return best;
}

function build(root, state) {
  root.replaceChildren();
  const tabs = h("div", { class: "proto-tabs", role: "tablist", "aria-label": "Functions" });
  const body = h("tbody");
  const table = h(
    "table",
    { class: "listing" },
    h("caption", { class: "sr-only" }, "Bytecode of the selected function"),
    h("thead", null, h("tr", null, ["pc", "line", "opcode", "operands", "comment"].map((c) => h("th", { scope: "col" }, c)))),
    body,
  );
  const scroll = h("div", { class: "scroll listing-scroll", tabindex: "0", "aria-label": "Bytecode listing" }, table);
  const desc = h("div", { class: "opdesc", "aria-live": "polite" });
  root.append(tabs, scroll, desc);
  const c = { tabs, body, scroll, desc, protoId: null, listing: null, rows: new Map(), hoverPc: null };
  body.addEventListener("mouseover", (ev) => {
    const tr = ev.target.closest("tr[data-pc]");
    if (!tr) return;
    c.hoverPc = tr;
    showDesc(c, tr);
    c.state.actions.hoverLine(Number(tr.dataset.line) || null, "bytecode");
  });
  body.addEventListener("mouseleave", () => {
    c.hoverPc = null;
    showDesc(c, c.current);
    c.state.actions.hoverLine(null, "bytecode");
  });
  body.addEventListener("click", (ev) => {
    const tr = ev.target.closest("tr[data-pc]");
    if (tr) c.state.actions.clickLine(Number(tr.dataset.line) || null, "bytecode");
  });
  body.addEventListener("focusin", (ev) => {
    const tr = ev.target.closest("tr[data-pc]");
    if (tr) {
      showDesc(c, tr);
      c.state.actions.hoverLine(Number(tr.dataset.line) || null, "bytecode");
    }
  });
  // keyboard: arrows move through the instructions (each shows its description)
  scroll.addEventListener("keydown", (ev) => {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    const rows = [...body.querySelectorAll("tr[data-pc]")];
    if (!rows.length) return;
    const at = rows.indexOf(document.activeElement);
    const from = at >= 0 ? at : Math.max(0, rows.indexOf(c.current));
    const next = rows[Math.max(0, Math.min(rows.length - 1, at < 0 ? from : from + (ev.key === "ArrowDown" ? 1 : -1)))];
    ev.preventDefault();
    next.focus({ preventScroll: true });
    scrollIntoBox(scroll, next);
  });
  cache.set(root, c);
  return c;
}

function showDesc(c, tr) {
  if (!tr) {
    c.desc.replaceChildren();
    return;
  }
  const ins = c.rows.get(Number(tr.dataset.pc));
  if (!ins) return;
  // the instruction in words, its operands put in (the listing's `explain`), then lopcodes.h's notation
  c.desc.replaceChildren(
    h("b", null, ins.opcode),
    " ",
    h("span", { class: "opdesc-words" }, ins.explain || ""),
    h("br"),
    h("code", { class: "dim" }, ins.description || ""),
    h("span", { class: "dim" }, `  (${ins.mode})`),
  );
}

function fillRows(c, proto) {
  c.rows = new Map();
  const rows = proto.instructions.map((ins) => {
    c.rows.set(ins.pc, ins);
    return h(
      "tr",
      { dataset: { pc: ins.pc, line: ins.line }, title: `${ins.opcode}: ${ins.explain ? `${ins.explain} (${ins.description})` : ins.description || ""}`, tabindex: "-1" },
      h("td", { class: "num" }, ins.pc),
      h("td", { class: "num" }, ins.line > 0 ? ins.line : "-"),
      h("td", { class: "op" }, ins.opcode),
      h("td", { class: "operands" }, ins.operands),
      h("td", { class: "comment" }, ins.comment === null || ins.comment === undefined ? "" : "; " + ins.comment),
    );
  });
  c.body.replaceChildren(...rows);
}

export function render(snapshot, state) {
  const root = state.el.bytecode;
  if (!root) return;
  const c = cache.get(root) || build(root, state);
  c.state = state;
  const listing = state.listing;
  if (!listing) {
    c.tabs.replaceChildren();
    c.body.replaceChildren(h("tr", null, h("td", { colspan: 5, class: "empty" }, state.loadError ? "No bytecode: the chunk did not compile." : "Step or run to compile the program.")));
    c.protoId = null;
    c.listing = null;
    c.current = null;
    showDesc(c, null);
    return;
  }
  const proto = shownProto(snapshot, state);
  const frame = selectedFrame(snapshot, state);
  const activeProtos = new Set((snapshot ? snapshot.frames || [] : []).filter((f) => f.kind === "lua").map((f) => f.proto));
  // tabs
  c.tabs.replaceChildren(
    ...listing.protos.map((p) =>
      h(
        "button",
        {
          role: "tab",
          type: "button",
          class: activeProtos.has(p.id) ? "tab on-stack" : "tab",
          "aria-selected": p === proto ? "true" : "false",
          dataset: { proto: p.id },
          title: `${protoLabel(p)}${p.label && p.label !== p.name ? ` (${p.name})` : ""}, lines ${p.linedefined}–${p.lastlinedefined}: ${p.numparams} params, ${p.maxstacksize} registers, ${p.instructions.length} instructions${activeProtos.has(p.id) ? ". • : it has a frame on the call stack now" : ""}`,
          onclick: () => state.actions.selectProto(p.id),
        },
        protoLabel(p),
      ),
    ),
  );
  if (c.protoId !== proto.id || c.listing !== listing) {
    fillRows(c, proto);
    c.protoId = proto.id;
    c.listing = listing;
  }
  // current instruction of the selected frame
  const pc = frame && frame.kind === "lua" && frame.proto === proto.id && snapshot.status !== "finished" ? frame.pc : null;
  let current = null;
  const linkedLine = state.linked && state.linked.from === "source" ? state.linked.line : null;
  for (const tr of c.body.children) {
    const isCur = pc !== null && Number(tr.dataset.pc) === pc;
    if (isCur) {
      tr.setAttribute("aria-current", "step");
      current = tr;
    } else tr.removeAttribute("aria-current");
    tr.classList.toggle("linked", linkedLine !== null && Number(tr.dataset.line) === linkedLine);
  }
  if (current && current !== c.current) scrollIntoBox(c.scroll, current);
  else if (!current && linkedLine !== null && state.linked.scroll) {
    const first = c.body.querySelector("tr.linked");
    if (first) scrollIntoBox(c.scroll, first);
  }
  c.current = current;
  if (!c.hoverPc) showDesc(c, current);
}
