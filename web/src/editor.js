// The source editor: CodeMirror 6 with Lua highlighting, line numbers, a
// breakpoint gutter, and the marks the debugger sets (the paused line, the
// erroring line with its message, the line linked to a hovered instruction),
// each a decoration driven by a StateEffect, as DevTools does it.
import { EditorState, StateEffect, StateField, RangeSet } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  GutterMarker,
  WidgetType,
  drawSelection,
  gutter,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import {
  HighlightStyle,
  StreamLanguage,
  bracketMatching,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { lua } from "@codemirror/legacy-modes/mode/lua";
import { defaultKeymap, history, historyKeymap, indentMore, indentLess } from "@codemirror/commands";
import { tags as t } from "@lezer/highlight";

// --- breakpoints ------------------------------------------------------------

const toggleBreakpoint = StateEffect.define({ map: (v, m) => ({ pos: m.mapPos(v.pos), on: v.on }) });
const setBreakpoints = StateEffect.define();

class BreakpointDot extends GutterMarker {
  constructor(line, on) {
    super();
    this.line = line;
    this.on = on;
  }
  eq(other) {
    return other.line === this.line && other.on === this.on;
  }
  toDOM() {
    const el = document.createElement("span");
    el.className = this.on ? "cm-bp cm-bp-on" : "cm-bp";
    el.dataset.bpLine = String(this.line);
    el.title = this.on ? `Remove the breakpoint on line ${this.line}` : `Break on line ${this.line}`;
    el.textContent = "●";
    return el;
  }
}
const ON = new GutterMarker();

const breakpointField = StateField.define({
  create: () => RangeSet.empty,
  update(set, tr) {
    set = set.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(toggleBreakpoint)) {
        if (e.value.on) set = set.update({ add: [ON.range(e.value.pos)] });
        else set = set.update({ filter: (from) => from !== e.value.pos });
      } else if (e.is(setBreakpoints)) {
        set = RangeSet.of(e.value.map((pos) => ON.range(pos)), true);
      }
    }
    // one breakpoint per line, at the line's start
    const seen = new Set();
    const ranges = [];
    let changed = false;
    set.between(0, tr.state.doc.length, (from) => {
      const line = tr.state.doc.lineAt(from);
      if (seen.has(line.number) || from !== line.from) changed = true;
      if (!seen.has(line.number)) ranges.push(ON.range(line.from));
      seen.add(line.number);
    });
    return changed ? RangeSet.of(ranges, true) : set;
  },
});

function breakpointLines(state) {
  const lines = [];
  state.field(breakpointField).between(0, state.doc.length, (from) => {
    lines.push(state.doc.lineAt(from).number);
  });
  return lines;
}

function toggleAt(view, pos) {
  const line = view.state.doc.lineAt(pos);
  let has = false;
  view.state.field(breakpointField).between(line.from, line.from, () => {
    has = true;
  });
  view.dispatch({ effects: toggleBreakpoint.of({ pos: line.from, on: !has }) });
  return true;
}

const breakpointGutter = [
  breakpointField,
  gutter({
    class: "cm-breakpoint-gutter",
    lineMarker(view, line) {
      const n = view.state.doc.lineAt(line.from).number;
      let on = false;
      view.state.field(breakpointField).between(line.from, line.from, () => {
        on = true;
      });
      return new BreakpointDot(n, on);
    },
    lineMarkerChange: (update) =>
      update.docChanged ||
      update.transactions.some((tr) => tr.effects.some((e) => e.is(toggleBreakpoint) || e.is(setBreakpoints))),
    initialSpacer: () => new BreakpointDot(0, true),
    domEventHandlers: {
      mousedown(view, line) {
        return toggleAt(view, line.from);
      },
    },
  }),
];

// --- debugger marks -----------------------------------------------------------

/** {current: line|null, error: {line, message}|null, linked: [lines]} */
const setMarks = StateEffect.define();

class ErrorWidget extends WidgetType {
  constructor(message) {
    super();
    this.message = message;
  }
  eq(other) {
    return other.message === this.message;
  }
  toDOM() {
    const el = document.createElement("div");
    el.className = "cm-error-message";
    el.setAttribute("role", "alert");
    el.textContent = this.message;
    return el;
  }
}

const currentLineDeco = Decoration.line({ class: "cm-current-step", attributes: { "aria-current": "step" } });
const errorLineDeco = Decoration.line({ class: "cm-error-line" });
const linkedLineDeco = Decoration.line({ class: "cm-linked-line" });

function buildMarks(doc, marks) {
  const decos = [];
  const lineAt = (n) => (n >= 1 && n <= doc.lines ? doc.line(n) : null);
  for (const n of marks.linked || []) {
    const l = lineAt(n);
    if (l) decos.push(linkedLineDeco.range(l.from));
  }
  const cur = lineAt(marks.current);
  if (cur) decos.push(currentLineDeco.range(cur.from));
  if (marks.error) {
    const l = lineAt(marks.error.line) || doc.line(doc.lines);
    decos.push(errorLineDeco.range(l.from));
    decos.push(Decoration.widget({ widget: new ErrorWidget(marks.error.message), block: true, side: 1 }).range(l.to));
  }
  return Decoration.set(decos, true);
}

const marksField = StateField.define({
  create: () => ({ marks: {}, decos: Decoration.none }),
  update(value, tr) {
    let { marks, decos } = value;
    decos = decos.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setMarks)) {
        marks = e.value;
        decos = buildMarks(tr.state.doc, marks);
      }
    }
    return { marks, decos };
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.decos),
});

// --- looks ----------------------------------------------------------------------

const luaHighlight = HighlightStyle.define([
  { tag: t.keyword, color: "var(--syn-keyword)", fontWeight: "600" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: [t.string, t.special(t.string)], color: "var(--syn-string)" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "var(--syn-number)" },
  { tag: [t.standard(t.variableName), t.variableName], color: "var(--syn-variable)" },
  { tag: [t.operator, t.punctuation, t.bracket], color: "var(--syn-operator)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "14px", background: "var(--bg-editor)", color: "var(--fg)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
  ".cm-content": { caretColor: "var(--fg)" },
  ".cm-gutters": { background: "var(--bg-gutter)", color: "var(--fg-dim)", border: "none" },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "-2px" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--fg)" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": { background: "var(--bg-selection) !important" },
});

// the inline error message stays within the visible width of the editor
// (not the width of its longest line): CSS --cm-visible-width
function visibleWidth(view) {
  view.requestMeasure({
    key: "visible-width",
    read(v) {
      const gutters = v.dom.querySelector(".cm-gutters");
      return v.scrollDOM.clientWidth - (gutters ? gutters.offsetWidth : 0) - 8;
    },
    write(w, v) {
      if (w > 0) v.dom.style.setProperty("--cm-visible-width", `${w}px`);
    },
  });
}

// --- the editor -----------------------------------------------------------------

/**
 * Creates the editor in `parent`.  Callbacks: onChange(source),
 * onBreakpoints(lines), onHoverLine(line|null), onClickLine(line).
 */
export function createEditor(parent, { source = "", breakpoints = [], readOnly = false, on = {} }) {
  // Tab and the keyboard: the editor entered by Tab is not a trap.  Tab
  // moves on to the next control until one edits (Enter, typing, or a
  // click in the text); then Tab indents, and Esc goes back to Tab moving
  // on.  The hint under the editor says which it is.
  let editing = false;
  let pointer = false;
  const hint = document.createElement("p");
  hint.className = "editor-hint";
  hint.id = `editor-hint-${Math.random().toString(36).slice(2, 8)}`;
  hint.dataset.testid = "editor-hint";
  parent.after(hint);
  const showHint = (focused) => {
    hint.dataset.editing = String(editing);
    hint.classList.toggle("focused", focused);
    hint.textContent = readOnly
      ? ""
      : editing
        ? "Editing: Tab indents. Esc, then Tab, leaves the editor."
        : focused
          ? "Tab moves on to the next control. Enter (or typing) edits the program; then Tab indents."
          : "Click or press Enter in the program to edit it.";
  };
  const setEditing = (on, focused = true) => {
    editing = on;
    showHint(focused);
    return true;
  };
  const tabKeys = [
    { key: "Tab", run: (v) => (editing ? indentMore(v) : false), shift: (v) => (editing ? indentLess(v) : false) },
    { key: "Escape", run: () => (editing ? setEditing(false) : false) },
    { key: "Enter", run: () => (editing || readOnly ? false : setEditing(true)) },
  ];
  const focusEvents = EditorView.domEventHandlers({
    pointerdown() {
      pointer = true;
    },
    focus() {
      setEditing(pointer, true);
      pointer = false;
    },
    blur() {
      setEditing(false, false);
    },
  });
  const listeners = EditorView.updateListener.of((u) => {
    if (u.docChanged && !editing && u.transactions.some((tr) => tr.isUserEvent("input") || tr.isUserEvent("delete"))) setEditing(true, u.view.hasFocus);
    if (u.geometryChanged) visibleWidth(u.view);
    if (u.docChanged && on.change) on.change(u.state.doc.toString());
    const bpChanged = u.transactions.some((tr) => tr.effects.some((e) => e.is(toggleBreakpoint) || e.is(setBreakpoints)));
    if ((bpChanged || u.docChanged) && on.breakpoints) {
      const before = breakpointLines(u.startState).join(",");
      const after = breakpointLines(u.state);
      if (bpChanged || before !== after.join(",")) on.breakpoints(after);
    }
  });
  let hovered = null;
  const lineFromEvent = (view, ev) => {
    const pos = view.posAtCoords({ x: ev.clientX, y: ev.clientY });
    return pos === null ? null : view.state.doc.lineAt(pos).number;
  };
  const mouse = EditorView.domEventHandlers({
    mousemove(ev, view) {
      const n = lineFromEvent(view, ev);
      if (n !== hovered) {
        hovered = n;
        on.hoverLine && on.hoverLine(n);
      }
    },
    mouseleave() {
      hovered = null;
      on.hoverLine && on.hoverLine(null);
    },
    click(ev, view) {
      const n = lineFromEvent(view, ev);
      if (n !== null && on.clickLine) on.clickLine(n);
    },
  });
  const state = EditorState.create({
    doc: source,
    extensions: [
      lineNumbers(),
      breakpointGutter,
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      StreamLanguage.define(lua),
      syntaxHighlighting(luaHighlight),
      marksField,
      keymap.of(tabKeys),
      focusEvents,
      keymap.of([
        { key: "F9", run: (v) => toggleAt(v, v.state.selection.main.head) },
        ...defaultKeymap,
        ...historyKeymap,
      ]),
      EditorState.tabSize.of(2),
      EditorState.readOnly.of(readOnly),
      EditorView.contentAttributes.of({ "aria-label": "Lua source (F9 toggles a breakpoint; Tab moves on until you edit: Enter edits, Esc stops editing)", "aria-describedby": hint.id }),
      theme,
      EditorView.lineWrapping,
      listeners,
      mouse,
    ],
  });
  const view = new EditorView({ state, parent });
  showHint(false);
  visibleWidth(view);
  const api = {
    view,
    getSource: () => view.state.doc.toString(),
    setSource(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, effects: setBreakpoints.of([]) });
    },
    getBreakpoints: () => breakpointLines(view.state),
    setBreakpoints(lines) {
      const doc = view.state.doc;
      const pos = lines.filter((n) => n >= 1 && n <= doc.lines).map((n) => doc.line(n).from);
      view.dispatch({ effects: setBreakpoints.of(pos) });
    },
    toggleBreakpointAtLine(n) {
      const doc = view.state.doc;
      if (n >= 1 && n <= doc.lines) toggleAt(view, doc.line(n).from);
    },
    /** marks: {current, error: {line, message}, linked: [lines]}; scrolls to current/error */
    setMarks(marks) {
      const old = view.state.field(marksField).marks;
      if (JSON.stringify(old) === JSON.stringify(marks)) return;
      const effects = [setMarks.of(marks)];
      const target = marks.current || (marks.error && marks.error.line);
      const oldTarget = old.current || (old.error && old.error.line);
      if (target && target !== oldTarget && target <= view.state.doc.lines) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(target).from, { y: "nearest" }));
      }
      view.dispatch({ effects });
    },
    focus: () => view.focus(),
  };
  if (breakpoints.length) api.setBreakpoints(breakpoints);
  return api;
}
