// Edits are kept in the browser (localStorage) from one visit to the next:
// the program of the page without a link under one key, the edits of each
// shared link under a key of their own (the link's hash), so a reload of
// a link keeps what one changed in it and says so.  No storage (a sandboxed
// frame, privacy settings): nothing is kept.

const PLAIN_KEY = "pylua.autosave";
const LINK_PREFIX = "pylua.autosave.link:";
const MAX_LINKS = 20; // the edits of the last 20 links edited

function read(key) {
  try {
    const v = localStorage.getItem(key);
    return v === null ? null : JSON.parse(v);
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // not kept
  }
}

const keyOf = (hash) => (hash ? LINK_PREFIX + hash : PLAIN_KEY);

/** {source, mode, redis} saved for this page (hash: the link's, or "" for none), or null. */
export function restore(hash) {
  const v = read(keyOf(hash));
  return v && typeof v.source === "string" ? v : null;
}

/** Saves the editor's state; for a link, only while it differs from the link's. */
export function save(hash, state, original = null) {
  const same = original && original.source === state.source && original.mode === state.mode && JSON.stringify(original.redis || null) === JSON.stringify(state.redis || null);
  if (hash && same) return write(keyOf(hash), null);
  write(keyOf(hash), { ...state, savedAt: Date.now() });
  if (hash) prune();
}

/** Forgets the edits of this page (the link's version is loaded again). */
export function forget(hash) {
  write(keyOf(hash), null);
}

function prune() {
  try {
    const links = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && k.startsWith(LINK_PREFIX)) links.push([k, (read(k) || {}).savedAt || 0]);
    }
    links.sort((a, b) => b[1] - a[1]);
    for (const [k] of links.slice(MAX_LINKS)) localStorage.removeItem(k);
  } catch {
    // nothing to prune
  }
}
