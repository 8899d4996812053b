// Console panel: what the program printed, then the error that ended it.
//
// Drawing text costs layout time in proportion to it (about 20 us a line
// here), and a long task freezes the page: the console draws the last
// MAX_LINES lines at most.  While a command runs, the worker sends what the
// program writes in pieces (stream): they are appended once per animation
// frame, each frame's whole lines (its last FRAME_LINES at most) in a block
// of their own (the browser lays out only the new block), the oldest blocks
// dropped past MAX_LINES.  When the command ends, render() draws the final
// snapshot's output as always (in blocks of CHUNK_LINES lines, so that only
// the block in view is laid out).
import { h } from "./dom.js";

export const MAX_LINES = 1000;
const FRAME_LINES = 300;
const CHUNK_LINES = 200;
const LINE_PX = 13 * 1.45; // the console's line height (styles.css: .console)

const shown = new WeakMap(); // root -> the text it shows
const streams = new WeakMap(); // root -> the stream being drawn

/** What drawing cost, in ms (layout included: the scroll to the bottom
 * forces it), the last 500 times: for the tests and the page benchmark. */
export const timings = [];
function timed(t0) {
  timings.push(performance.now() - t0);
  if (timings.length > 500) timings.shift();
}

export function render(snapshot, state) {
  const root = state.el.console;
  if (!root) return;
  const st = streams.get(root);
  if (st) {
    if (state.running) return; // (the stream draws it)
    endStream(root, st);
  }
  const [output, trimmed] = lastLines(...trimToLine((snapshot && snapshot.output) || "", (snapshot && snapshot.output_omitted) || 0));
  const err = state.loadError || (snapshot && snapshot.status === "error" ? snapshot.error : null);
  const notes = state.notes || [];
  // most steps print nothing: redraw (and scroll, which costs a layout)
  // only when the text changed
  const redis = state.mode === "redis";
  const text = [trimmed, output, state.loadError ? "syntax" : "", err || "", redis, ...notes].join("\u0000");
  if (shown.get(root) === text) return;
  shown.set(root, text);
  const t0 = performance.now();
  const parts = [];
  if (trimmed) parts.push(h("span", { class: "trimmed" }, trimmed), "\n");
  if (output) parts.push(...chunks(output, redis));
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
  timed(t0);
}

/** Output written while a command runs: text follows what the console
 * shows (reset: some output between them was lost, more than the worker
 * keeps; text is the tail kept).  Drawn at the next animation frame. */
export function stream(state, text, reset = false) {
  const root = state.el.console;
  if (!root) return;
  let st = streams.get(root);
  if (!st) st = startStream(root, state);
  if (reset) {
    st.pending = "";
    st.partial = "";
    st.reset = true;
  }
  st.pending += text;
  if (st.pending.length > 4 * 65536) {
    st.pending = st.pending.slice(st.pending.length - 4 * 65536);
    st.reset = true;
  }
  if (!st.frame) st.frame = requestAnimationFrame(() => flush(root, st));
}

function startStream(root, state) {
  // what the console shows now (the snapshot before the command): its
  // whole lines as the stream's first blocks, its unfinished last line
  const snap = state.snapshot;
  const [output, trimmed] = lastLines(...trimToLine((snap && snap.output) || "", (snap && snap.output_omitted) || 0));
  const redis = state.mode === "redis";
  const cut = output.lastIndexOf("\n") + 1;
  const blocks = chunks(output.slice(0, cut), redis).map((el) => {
    const n = countLines(el.textContent);
    return { el: asChunk(el, n), n };
  });
  const st = {
    redis,
    note: h("span", { class: "trimmed", hidden: "" }),
    partial: output.slice(cut),
    pending: "",
    blocks,
    lines: blocks.reduce((a, b) => a + b.n, 0),
    dropped: 0,
    reset: false,
    frame: 0,
  };
  st.tail = h("span", { class: "out" }, st.partial);
  if (trimmed) {
    st.note.textContent = trimmed + "\n";
    st.note.hidden = false;
  }
  root.replaceChildren(st.note, ...blocks.map((b) => b.el), st.tail);
  shown.delete(root);
  streams.set(root, st);
  return st;
}

function flush(root, st) {
  const t0 = performance.now();
  st.frame = 0;
  if (st.reset) {
    for (const b of st.blocks) b.el.remove();
    st.blocks = [];
    st.lines = 0;
    st.reset = false;
    st.lost = true;
  }
  const text = st.partial + st.pending;
  st.pending = "";
  const cut = text.lastIndexOf("\n") + 1;
  if (cut > 0) {
    let whole = text.slice(0, cut);
    let n = countLines(whole);
    if (n > FRAME_LINES) {
      // (more came in one frame than is worth drawing: its last lines only)
      whole = whole.slice(lineStart(whole, FRAME_LINES));
      st.dropped += n - FRAME_LINES;
      n = FRAME_LINES;
    }
    const el = asChunk(st.redis ? traced(whole) : h("span", { class: "out" }, whole), n);
    root.insertBefore(el, st.tail);
    st.blocks.push({ el, n });
    st.lines += n;
    while (st.lines > MAX_LINES && st.blocks.length > 1) {
      const b = st.blocks.shift();
      b.el.remove();
      st.lines -= b.n;
      st.dropped += b.n;
    }
  }
  st.partial = text.slice(cut);
  st.tail.textContent = st.partial;
  if (st.dropped || st.lost) {
    st.note.hidden = false;
    st.note.textContent = st.lost
      ? "… earlier output not shown\n"
      : `… ${st.dropped.toLocaleString("en")} earlier lines not shown\n`;
  }
  root.scrollTop = root.scrollHeight;
  timed(t0);
}

/** The output as blocks of CHUNK_LINES whole lines (laid out only when
 * scrolled into view: content-visibility), then what is left of it. */
function chunks(output, redis) {
  const out = [];
  let from = 0;
  for (;;) {
    let i = from - 1;
    for (let n = 0; n < CHUNK_LINES && i < output.length; n++) {
      i = output.indexOf("\n", i + 1);
      if (i < 0) break;
    }
    if (i < 0 || i >= output.length - 1) break;
    const text = output.slice(from, i + 1);
    out.push(asChunk(redis ? traced(text) : h("span", { class: "out" }, text), CHUNK_LINES));
    from = i + 1;
  }
  if (from < output.length) out.push(redis ? traced(output.slice(from)) : h("span", { class: "out" }, output.slice(from)));
  return out;
}

/** el as a block of n whole lines, laid out only when scrolled into view
 * (its height guessed until then: n lines of the console's line height). */
function asChunk(el, n) {
  el.classList.add("chunk");
  el.style.containIntrinsicSize = `auto ${Math.round(n * LINE_PX)}px`;
  return el;
}

function endStream(root, st) {
  if (st.frame) cancelAnimationFrame(st.frame);
  streams.delete(root);
  shown.delete(root);
}

function countLines(s) {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** The output kept is the tail of what was written ("…" then the tail): it
 * is shown from its first whole line, under a note of what is left out.
 * -> [text, bytes left out before it] */
function trimToLine(output, omitted) {
  if (!omitted || !output.startsWith("…")) return [output, 0];
  const nl = output.indexOf("\n");
  const cut = nl >= 0 && nl < output.length - 1 ? nl + 1 : 1;
  return [output.slice(cut), omitted + new TextEncoder().encode(output.slice(1, cut)).length];
}

/** Where the last `lines` lines of text start. */
function lineStart(text, lines) {
  let i = text.length;
  if (text.endsWith("\n")) i--;
  for (let n = 0; n < lines && i > 0; n++) i = text.lastIndexOf("\n", i - 1);
  return i > 0 ? i + 1 : 0;
}

/** At most the last MAX_LINES lines of text -> [them, the note of what is
 * left out, or null]. */
function lastLines(text, omitted) {
  const i = lineStart(text, MAX_LINES);
  if (i > 0) {
    omitted += new TextEncoder().encode(text.slice(0, i)).length;
    text = text.slice(i);
  }
  return [text, omitted ? `… ${omitted.toLocaleString("en")} earlier bytes not shown` : null];
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
