// Console panel: what the program printed, then the error that ended it.
import { h } from "./dom.js";

const shown = new WeakMap(); // root -> the text it shows

export function render(snapshot, state) {
  const root = state.el.console;
  if (!root) return;
  const src = state.running && state.live ? state.live : snapshot;
  const [output, trimmed] = trimToLine((src && src.output) || "", (src && src.output_omitted) || 0);
  const err = state.loadError || (snapshot && snapshot.status === "error" ? snapshot.error : null);
  const notes = state.notes || [];
  // most steps print nothing: redraw (and scroll, which costs a layout)
  // only when the text changed
  const redis = state.mode === "redis";
  const text = [trimmed, output, state.loadError ? "syntax" : "", err || "", redis, ...notes].join("\u0000");
  if (shown.get(root) === text) return;
  shown.set(root, text);
  const parts = [];
  if (trimmed) parts.push(h("span", { class: "trimmed" }, trimmed), "\n");
  if (output) parts.push(redis ? traced(output) : h("span", { class: "out" }, output));
  if (err) {
    if (parts.length && !output.endsWith("\n")) parts.push("\n");
    parts.push(h("span", { class: "err" }, (state.loadError ? "syntax error: " : "error: ") + err));
  }
  for (const note of notes) {
    if (parts.length) parts.push("\n");
    parts.push(h("span", { class: "note" }, note));
  }
  root.replaceChildren(...parts);
  root.scrollTop = root.scrollHeight;
}

/** The output kept is the tail of what was written ("…" then the tail): it
 * is shown from its first whole line, under a note of what is left out. */
function trimToLine(output, omitted) {
  if (!omitted || !output.startsWith("…")) return [output, null];
  const nl = output.indexOf("\n");
  const cut = nl >= 0 && nl < output.length - 1 ? nl + 1 : 1;
  const bytes = omitted + new TextEncoder().encode(output.slice(1, cut)).length;
  return [output.slice(cut), `… ${bytes.toLocaleString("en")} earlier bytes not shown`];
}

// Redis mode: the redis.call trace (<redis> the command, <reply> its reply,
// as redis-cli --ldb prints them) and redis.debug's <debug> lines stand out
// from what the script printed.
const TRACE = /^<(redis|reply|debug)> /;

function traced(output) {
  const out = h("span", { class: "out" });
  let plain = "";
  for (const line of output.split(/(?<=\n)/)) {
    const m = TRACE.exec(line);
    if (!m) {
      plain += line;
      continue;
    }
    if (plain) out.append(plain);
    plain = "";
    out.append(h("span", { class: `trace trace-${m[1]}` }, line));
  }
  if (plain) out.append(plain);
  return out;
}
