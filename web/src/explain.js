// The "explain" strip: the instruction about to run in words, with its real
// operands and values (the snapshot's instruction.explain), what the last
// step did (snapshot.did), and the constants, globals and upvalues it uses.
// Every word comes from Python (pylua/debugger/explain.py); this module
// only places them. effectsOf() gives the registers panel and the upvalues
// panel what to mark, from the snapshot's instruction.reads/writes/closes.
import { h } from "./dom.js";

/** The instruction about to run, when it runs in coroutine co (the one the
 * panels show) and the program is paused there. */
function current(snapshot, co) {
  if (!snapshot || !snapshot.instruction) return null;
  if (snapshot.status !== "paused" && snapshot.status !== "ready") return null;
  if (co && co !== snapshot.coroutine) return null;
  return snapshot.instruction;
}

/** slot -> ["read", "write", "close"] for the registers panel. */
export function effectsOf(snapshot, co) {
  const m = new Map();
  const ins = current(snapshot, co);
  if (!ins) return m;
  const add = (slots, what) => {
    for (const s of slots || []) {
      if (!m.has(s)) m.set(s, []);
      m.get(s).push(what);
    }
  };
  add(ins.reads, "read");
  add(ins.writes, "write");
  add(ins.closes, "close");
  return m;
}

/** upvalue index -> ["read"|"write"] of the innermost frame's closure. */
export function upvalueEffects(snapshot, co, frame) {
  const m = new Map();
  const ins = current(snapshot, co);
  if (!ins || !frame || frame.pc !== ins.pc || frame !== (snapshot.frames || [])[snapshot.frames.length - 1]) return m;
  for (const i of ins.upvals_read || []) m.set(i, ["read"]);
  for (const i of ins.upvals_written || []) m.set(i, [...(m.get(i) || []), "write"]);
  return m;
}

const WORDS = { read: "reads", write: "writes", close: "closes" };
const TITLES = {
  read: "the next instruction reads this",
  write: "the next instruction writes this",
  close: "the next instruction closes this shared variable (its closures keep the value)",
};

/** The badges that mark a row of the registers or upvalues panel. */
export function badges(list) {
  if (!list || !list.length) return null;
  return list.map((w) => h("span", { class: `effect effect-${w}`, title: TITLES[w] }, WORDS[w]));
}

function usesLine(snapshot, ins, state) {
  const proto = state.listing && snapshot.frames ? state.listing.protos.find((p) => p.id === (snapshot.frames[snapshot.frames.length - 1] || {}).proto) : null;
  const ks = (ins.consts || []).map((i) => {
    const k = proto && proto.constants[i];
    const isGlobal = ins.opcode === "GETGLOBAL" || ins.opcode === "SETGLOBAL";
    return isGlobal && k ? `global ${k.value.replace(/^"|"$/g, "'")}` : `K${i} ${k ? k.value : "?"}`;
  });
  return ks.length ? h("p", { class: "explain-uses dim" }, "uses ", ks.join(", ")) : null;
}

export function render(snapshot, state) {
  const root = state.el.explain;
  if (!root) return;
  const parts = [];
  const ins = current(snapshot, snapshot && snapshot.coroutine);
  if (ins && ins.explain) {
    parts.push(
      h(
        "p",
        { class: "explain-next", dataset: { opcode: ins.opcode, pc: ins.pc } },
        h("span", { class: "explain-label" }, "Next: "),
        h("b", null, ins.opcode),
        ` (pc ${ins.pc}) `,
        h("span", { class: "explain-text" }, ins.explain),
      ),
    );
    const uses = usesLine(snapshot, ins, state);
    if (uses) parts.push(uses);
  } else if (snapshot && snapshot.status === "finished") parts.push(h("p", { class: "explain-next dim" }, "The program has finished."));
  else if (snapshot && snapshot.status === "error") parts.push(h("p", { class: "explain-next dim" }, "The program stopped on an error."));
  else parts.push(h("p", { class: "explain-next dim" }, "Step to see what each instruction does."));
  if (snapshot && snapshot.did) parts.push(h("p", { class: "explain-did" }, h("span", { class: "explain-label" }, "Last step: "), snapshot.did));
  root.replaceChildren(...parts);
}
