// Upvalues panel: the upvalues of the selected frame's closure, open (still a
// register of a live frame) or closed (holding its own value).
import { h, framesOf, selectedFrame, valueSpan } from "./dom.js";

export function render(snapshot, state) {
  const root = state.el.upvalues;
  if (!root) return;
  const f = selectedFrame(snapshot, state);
  if (!f || !(f.upvalues || []).length) {
    root.replaceChildren(h("p", { class: "empty" }, f ? `${f.name} has no upvalues.` : "No frame."));
    return;
  }
  const co = state.selected.coroutine || snapshot.coroutine;
  const frames = framesOf(snapshot, co);
  const rows = f.upvalues.map((u) => {
    let where;
    if (u.state === "open") {
      if (u.frame !== null && u.frame !== undefined && frames[u.frame]) {
        where = h(
          "button",
          { type: "button", class: "link", onclick: () => state.actions.selectFrame(co, u.frame), title: "Select the frame that owns this variable" },
          `→ ${frames[u.frame].name}, R${u.register}`,
        );
      } else where = h("span", { class: "dim" }, `→ stack slot ${u.slot ?? "?"} (another coroutine)`);
    } else where = h("span", { class: "dim" }, "own value");
    return h(
      "tr",
      { dataset: { name: u.name, state: u.state } },
      h("td", { class: "num dim" }, u.index),
      h("td", { class: "local" }, u.name),
      h("td", null, h("span", { class: `badge ${u.state}` }, u.state)),
      h("td", { class: "value" }, valueSpan(u)),
      h("td", null, where),
    );
  });
  root.replaceChildren(
    h(
      "table",
      { class: "upvals" },
      h("caption", { class: "sr-only" }, `Upvalues of ${f.name}`),
      h("thead", null, h("tr", null, ["#", "name", "state", "value", "where"].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, rows),
    ),
  );
}
