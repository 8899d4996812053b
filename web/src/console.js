// Console panel: what the program printed, then the error that ended it.
import { h } from "./dom.js";

export function render(snapshot, state) {
  const root = state.el.console;
  if (!root) return;
  const parts = [];
  if (snapshot && snapshot.output) parts.push(h("span", { class: "out" }, snapshot.output));
  const err = state.loadError || (snapshot && snapshot.status === "error" ? snapshot.error : null);
  if (err) {
    if (parts.length && !snapshot.output.endsWith("\n")) parts.push("\n");
    parts.push(h("span", { class: "err" }, (state.loadError ? "syntax error: " : "error: ") + err));
  }
  for (const note of state.notes || []) {
    if (parts.length) parts.push("\n");
    parts.push(h("span", { class: "note" }, note));
  }
  root.replaceChildren(...parts);
  root.scrollTop = root.scrollHeight;
}
