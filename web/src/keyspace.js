// Redis mode's keyspace panel: one row per key (type, value, TTL) of the
// snapshot's keyspace (snapshot.redis, docs/snapshot.md), the keys the step
// just taken changed highlighted, a key it deleted shown struck through
// (the script's reply: reply.js).
import { h } from "./dom.js";

const MAX_ITEMS = 50; // entries of a hash, list, set or sorted set drawn
const MAX_CHARS = 400; // of a string

/** A TTL in ms as a short text: "10 s", "1.5 s", "850 ms", "2 h 5 min". */
export function ttlText(ms) {
  if (ms === null || ms === undefined || ms < 0) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(s < 10 ? 2 : 1).replace(/\.?0+$/, "")} s`;
  const parts = [];
  let rest = Math.round(s);
  for (const [unit, n] of [["d", 86400], ["h", 3600], ["min", 60], ["s", 1]]) {
    if (rest >= n) {
      parts.push(`${Math.floor(rest / n)} ${unit}`);
      rest %= n;
    }
  }
  return parts.slice(0, 2).join(" ");
}

const quote = (s) => '"' + String(s).replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n") + '"';

function clip(s) {
  s = String(s);
  return s.length > MAX_CHARS ? s.slice(0, MAX_CHARS) + "…" : s;
}

/** The value of a key, drawn by its type. */
function valueCell(entry) {
  const v = entry.value;
  const items = (rows, total) => {
    const more = total > rows.length ? h("li", { class: "more" }, `… ${total - rows.length} more`) : null;
    return h("ul", { class: "items" }, rows, more);
  };
  switch (entry.type) {
    case "string":
      return h("span", { class: "v t-string", title: String(v).length > MAX_CHARS ? `${String(v).length} bytes` : null }, quote(clip(v)));
    case "hash": {
      const pairs = Object.entries(v || {});
      return items(
        pairs.slice(0, MAX_ITEMS).map(([f, x]) => h("li", null, h("span", { class: "field" }, f), h("span", { class: "dim" }, " → "), h("span", { class: "t-string" }, quote(clip(x))))),
        pairs.length,
      );
    }
    case "list":
      return items(
        (v || []).slice(0, MAX_ITEMS).map((x, i) => h("li", null, h("span", { class: "idx" }, `${i}`), " ", h("span", { class: "t-string" }, quote(clip(x))))),
        (v || []).length,
      );
    case "set":
      return items(
        (v || []).slice(0, MAX_ITEMS).map((x) => h("li", null, h("span", { class: "t-string" }, quote(clip(x))))),
        (v || []).length,
      );
    case "zset":
      return items(
        (v || []).slice(0, MAX_ITEMS).map(([m, s]) => h("li", null, h("span", { class: "t-number score" }, String(s)), " ", h("span", { class: "t-string" }, quote(clip(m))))),
        (v || []).length,
      );
    default:
      return h("span", { class: "v" }, clip(JSON.stringify(v)));
  }
}

const count = (n, one) => `${n} ${one}${n === 1 ? "" : "s"}`;

function sizeText(entry) {
  const v = entry.value;
  switch (entry.type) {
    case "hash":
      return count(Object.keys(v || {}).length, "field");
    case "list":
      return count((v || []).length, "item");
    case "set":
    case "zset":
      return count((v || []).length, "member");
    default:
      return null;
  }
}

/** Does a key differ between two snapshots (a TTL counting down does not)? */
function differs(a, b) {
  if (!a || !b) return true;
  if (a.type !== b.type || JSON.stringify(a.value) !== JSON.stringify(b.value)) return true;
  if ((a.ttl < 0) !== (b.ttl < 0)) return true;
  return Math.abs(a.ttl - b.ttl) > 1500;
}

export function render(snapshot, state) {
  const root = state.el.keyspace;
  if (!root) return;
  const r = snapshot && snapshot.redis; // (the reply: reply.js)
  if (!r) {
    root.replaceChildren(h("p", { class: "empty" }, state.mode === "redis" ? "The keyspace shows once the script is loaded." : ""));
    return;
  }
  const keys = r.keyspace || [];
  const present = new Set(keys.map((e) => e.key));
  // changed: what the session says the step changed, and what differs from
  // the snapshot shown before (a step over a line or a call runs many
  // instructions; going back undoes changes)
  const changed = new Set(r.changed || []);
  const prev = state.prev && state.prev.redis;
  const forward = !prev || !state.prev || state.prev.step < snapshot.step;
  if (prev && state.prev.step !== snapshot.step) {
    const before = new Map((prev.keyspace || []).map((e) => [e.key, e]));
    for (const e of keys) if (differs(before.get(e.key), e)) changed.add(e.key);
    if (forward) for (const k of before.keys()) if (!present.has(k)) changed.add(k);
  }
  const rows = [];
  const all = [...keys];
  // a key the step deleted: struck through (going forward only)
  for (const k of changed) if (!present.has(k) && forward) all.push({ key: k, type: "none", value: null, ttl: -2, deleted: true });
  all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const e of all) {
    const isChanged = changed.has(e.key);
    const size = sizeText(e);
    rows.push(
      h(
        "tr",
        {
          class: [isChanged ? "changed" : "", e.deleted ? "deleted" : ""].join(" ").trim() || null,
          dataset: { key: e.key, type: e.type, ttl: String(e.ttl), ...(isChanged ? { changed: "true" } : {}), ...(e.deleted ? { deleted: "true" } : {}) },
        },
        h("th", { scope: "row", class: e.key.length > 24 ? "key long" : "key" }, e.key),
        h("td", { class: "type" }, h("span", { class: `badge type-${e.type}` }, e.deleted ? "deleted" : e.type), size ? h("span", { class: "dim size" }, size) : null),
        h("td", { class: "value" }, e.deleted ? h("span", { class: "dim" }, "(deleted by this step)") : valueCell(e)),
        h("td", { class: "ttl num", title: e.ttl >= 0 ? `PTTL ${e.ttl}` : e.deleted ? null : "no expiry (TTL -1)" }, e.deleted ? "" : ttlText(e.ttl)),
      ),
    );
  }
  const setupError = r.setup_error ? h("p", { class: "setup-error", "data-testid": "keyspace-setup-error" }, `setup: ${r.setup_error}`) : null;
  if (!rows.length) {
    root.replaceChildren(...[setupError, h("p", { class: "empty" }, "The keyspace is empty.")].filter(Boolean));
    return;
  }
  const table = h(
    "table",
    { class: "keys" },
    h("thead", null, h("tr", null, h("th", { scope: "col" }, "key"), h("th", { scope: "col" }, "type"), h("th", { scope: "col" }, "value"), h("th", { scope: "col", class: "num" }, "TTL"))),
    h("tbody", null, rows),
  );
  root.replaceChildren(...[setupError, h("div", { class: "scroll keys-scroll" }, table)].filter(Boolean));
}
