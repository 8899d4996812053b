// What a newcomer is told: the toolbar buttons' tooltips (each with its
// key), the line marked before the first step, the status's messages
// without the location they repeat.

/** Gives every button with a key (aria-keyshortcuts) a tooltip naming it:
 * its accessible name, which holds the visible label and the key. */
export function buttonTitles(root = document) {
  for (const b of root.querySelectorAll("nav.toolbar button, header button")) {
    if (b.title) continue;
    const name = b.getAttribute("aria-label") || b.textContent.trim();
    if (name) b.title = name;
  }
}

/** The line to mark for the current instruction when it is a CLOSURE on
 * the `end` of the function it makes (Lua 5.1 gives CLOSURE the line of
 * that `end`): the function's first line, where a reader looks for it.
 * null: mark snapshot.line as it is. */
export function firstLine(snapshot, listing, source) {
  const ins = snapshot && snapshot.instruction;
  if (!ins || ins.opcode !== "CLOSURE" || !listing || !snapshot.line) return null;
  const text = source.split("\n")[snapshot.line - 1] || "";
  if (!/^\s*end\b/.test(text)) return null;
  const made = listing.protos.find((p) => p.lastlinedefined === snapshot.line && p.linedefined > 0 && p.linedefined < snapshot.line);
  return made ? made.linedefined : null;
}

/** "input:3: attempt to…" -> "attempt to…" (the status says "at line 3" already). */
export function withoutLocation(message) {
  return String(message ?? "").replace(/^(?:input|user_script|\[string "[^"]*"\]):\d+: /, "");
}
