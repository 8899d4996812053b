// Console panel: what the program printed, then the error that ended it.
import { h } from "./dom.js";

const shown = new WeakMap(); // root -> the text it shows

export function render(snapshot, state) {
  const root = state.el.console;
  if (!root) return;
  const parts = [];
  const output = (state.running && state.live ? state.live.output : snapshot && snapshot.output) || "";
  if (output) parts.push(h("span", { class: "out" }, output));
  const err = state.loadError || (snapshot && snapshot.status === "error" ? snapshot.error : null);
  if (err) {
    if (parts.length && !output.endsWith("\n")) parts.push("\n");
    parts.push(h("span", { class: "err" }, (state.loadError ? "syntax error: " : "error: ") + err));
  }
  for (const note of state.notes || []) {
    if (parts.length) parts.push("\n");
    parts.push(h("span", { class: "note" }, note));
  }
  // most steps print nothing: redraw (and scroll, which costs a layout)
  // only when the text changed
  const text = parts.map((p) => (typeof p === "string" ? p : p.className + ":" + p.textContent)).join("\u0000");
  if (shown.get(root) === text) return;
  shown.set(root, text);
  root.replaceChildren(...parts);
  root.scrollTop = root.scrollHeight;
}
