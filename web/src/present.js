// Presentation settings, kept in localStorage from one visit to the next:
// the text size (A−/A+: the page zoomed in steps), the theme (light, dark,
// or the OS setting) and the presentation mode (for a projector: what a
// class does not need hidden, source, bytecode and registers large).
//
// The theme's colours stay in one place, styles.css: its light :root block
// and its dark block (under prefers-color-scheme) are copied here once under
// :root[data-theme="light"|"dark"], so a choice overrides the OS setting.

export const SCALES = [0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];
const KEYS = { scale: "pylua.fontScale", theme: "pylua.theme", present: "pylua.present" };
const THEMES = ["auto", "light", "dark"];

function load(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage refused (a sandboxed frame, privacy settings)
  }
}
function save(key, value) {
  try {
    localStorage.setItem(key, String(value));
  } catch {
    // not kept: holds for this visit only
  }
}

export function fontScale() {
  const v = Number(load(KEYS.scale));
  return SCALES.includes(v) ? v : 1;
}
export function theme() {
  const v = load(KEYS.theme);
  return THEMES.includes(v) ? v : "auto";
}
export function presenting() {
  return load(KEYS.present) === "1";
}

/** Copies the light and dark variables of styles.css under [data-theme]. */
function installThemes() {
  if (document.getElementById("theme-vars")) return;
  let light = "";
  let dark = "";
  for (const sheet of document.styleSheets) {
    let rules;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // (another origin's sheet)
    }
    for (const r of rules) {
      // every sheet's blocks, in order (styles.css, then layout.css's few)
      if (r.selectorText === ":root") light += r.style.cssText;
      if (r.media && /prefers-color-scheme:\s*dark/.test(r.media.mediaText)) {
        for (const inner of r.cssRules) if (inner.selectorText === ":root") dark += inner.style.cssText;
      }
    }
  }
  const style = document.createElement("style");
  style.id = "theme-vars";
  style.textContent = `:root[data-theme="light"]{${light}color-scheme:light}\n:root[data-theme="dark"]{${dark}color-scheme:dark}`;
  document.head.append(style);
}

function apply(state) {
  const root = document.documentElement;
  installThemes();
  if (state.theme === "auto") delete root.dataset.theme;
  else root.dataset.theme = state.theme;
  document.body.style.zoom = state.scale === 1 ? "" : String(state.scale);
  document.body.classList.toggle("present", state.present);
  const q = (id) => document.querySelector(`[data-testid="${id}"]`);
  const smaller = q("font-smaller");
  const larger = q("font-larger");
  const pct = `${Math.round(state.scale * 100)}%`;
  if (smaller) {
    smaller.disabled = state.scale <= SCALES[0];
    smaller.setAttribute("aria-label", `A− Smaller text (now ${pct})`);
  }
  if (larger) {
    larger.disabled = state.scale >= SCALES[SCALES.length - 1];
    larger.setAttribute("aria-label", `A+ Larger text (now ${pct})`);
  }
  const th = q("theme");
  if (th) th.value = state.theme;
  const pr = q("present");
  if (pr) pr.setAttribute("aria-pressed", String(state.present));
}

/** Applies the stored settings and wires the controls (those the page has). */
export function setup(onChange = () => {}) {
  const state = { scale: fontScale(), theme: theme(), present: presenting() };
  const q = (id) => document.querySelector(`[data-testid="${id}"]`);
  const step = (d) => {
    const i = SCALES.indexOf(state.scale);
    state.scale = SCALES[Math.max(0, Math.min(SCALES.length - 1, i + d))];
    save(KEYS.scale, state.scale);
    apply(state);
    onChange();
  };
  q("font-smaller")?.addEventListener("click", () => step(-1));
  q("font-larger")?.addEventListener("click", () => step(1));
  q("theme")?.addEventListener("change", (e) => {
    state.theme = THEMES.includes(e.target.value) ? e.target.value : "auto";
    save(KEYS.theme, state.theme);
    apply(state);
    onChange();
  });
  q("present")?.addEventListener("click", () => {
    state.present = !state.present;
    save(KEYS.present, state.present ? "1" : "0");
    apply(state);
    onChange();
  });
  apply(state);
  return state;
}
