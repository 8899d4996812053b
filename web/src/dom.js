// Tiny DOM helpers shared by the panels.

/** h("tr", {class: "x", dataset: {pc: 3}, onclick}, child, "text") */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "dataset") Object.assign(el.dataset, v);
      else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
      else if (k === "text") el.textContent = v;
      else el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A value of the snapshot ({value, type, ref}) as a styled span. */
export function valueSpan(v, extra) {
  if (!v) return h("span", { class: "v v-none" }, "—");
  return h("span", { class: `v t-${v.type}`, title: v.type, ...extra }, v.value);
}

/** Scrolls `row` into view inside its scrolling `box` without moving the page. */
export function scrollIntoBox(box, row) {
  if (!box || !row) return;
  const b = box.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  const head = box.querySelector("thead");
  const top = b.top + (head ? head.getBoundingClientRect().height : 0);
  if (r.top < top) box.scrollTop -= top - r.top + 4;
  else if (r.bottom > b.bottom) box.scrollTop += r.bottom - b.bottom + 4;
}

/** The frames shown for the selected coroutine of a snapshot. */
export function framesOf(snapshot, coroutine) {
  if (!snapshot) return [];
  if (!coroutine || coroutine === snapshot.coroutine) return snapshot.frames || [];
  const co = (snapshot.coroutines || []).find((c) => c.id === coroutine);
  return co ? co.frames || [] : [];
}

/** The frame selected in the UI (state.selected = {coroutine, frame}), or null. */
export function selectedFrame(snapshot, state) {
  const frames = framesOf(snapshot, state.selected.coroutine);
  if (!frames.length) return null;
  const i = state.selected.frame;
  return frames[i === null || i === undefined || i >= frames.length ? frames.length - 1 : i];
}
