// The playground's definition editor: CodeMirror 6, set up for JSON and YAML state machines.
// scripts/editor-bundle.mjs bundles this file and the CodeMirror packages it imports into one ES
// module; the page loads it before its wasm (web/index.html), and the app drives it through
// `globalThis.aslEditor` (crates/asl-web/src/code_mirror.rs holds the Rust side of that
// boundary). Positions are CodeMirror's: UTF-16 code units from the document's start.

import { Annotation, Compartment, EditorSelection, EditorState, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  crosshairCursor,
  drawSelection,
  dropCursor,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from "@codemirror/commands";
import {
  HighlightStyle,
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { tags } from "@lezer/highlight";

/** Marks a transaction the app made (a text set from elsewhere, a requested selection): it is
 * not reported back as the user's edit or cursor move. */
const fromApp = Annotation.define();

/** The code inside strings (JSONata expressions, `.$` paths), marked by the engine. */
const setMarks = StateEffect.define();
const marksField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const effect of tr.effects) if (effect.is(setMarks)) marks = effect.value;
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** A state picked elsewhere (the history, the graph), shown without selecting it: it stays
 * marked until the text changes, another is picked, or the user moves the cursor. */
const setReveal = StateEffect.define();
const revealMark = Decoration.mark({ class: "cm-asl-reveal", attributes: { "data-testid": "revealed-state" } });
const revealField = StateField.define({
  create: () => Decoration.none,
  update(reveal, tr) {
    for (const effect of tr.effects) {
      if (effect.is(setReveal)) {
        const { from, to } = effect.value;
        return from < to ? Decoration.set([revealMark.range(from, to)]) : Decoration.none;
      }
    }
    if (tr.docChanged || tr.isUserEvent("select")) return Decoration.none;
    return reveal;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Syntax colours: the page's classes (web/style.css), which follow its light and dark themes. */
const colours = HighlightStyle.define([
  { tag: tags.propertyName, class: "tok-key" },
  { tag: [tags.string, tags.content], class: "tok-string" },
  { tag: tags.number, class: "tok-number" },
  { tag: [tags.bool, tags.null, tags.keyword, tags.atom], class: "tok-keyword" },
  { tag: tags.punctuation, class: "tok-punctuation" },
  { tag: [tags.comment, tags.meta], class: "tok-comment" },
  { tag: [tags.labelName, tags.typeName], class: "tok-keyword" },
  { tag: tags.invalid, class: "tok-invalid" },
]);

/** The editor's look, in the page's colours (CSS variables of web/style.css). */
const look = EditorView.theme({
  "&": { height: "100%", color: "var(--fg)", backgroundColor: "var(--bg)", fontSize: "13px" },
  "&.cm-focused": { outline: "2px solid var(--accent)", outlineOffset: "-2px" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "var(--editor-line-height)" },
  ".cm-content": { caretColor: "var(--fg)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
  ".cm-gutters": { backgroundColor: "var(--bg-soft)", color: "var(--fg-soft)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--accent) 6%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--accent) 14%, transparent)", color: "var(--fg)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection":
    { backgroundColor: "color-mix(in srgb, var(--accent) 30%, transparent)" },
  ".cm-selectionMatch": { backgroundColor: "color-mix(in srgb, var(--ok) 18%, transparent)" },
  ".cm-searchMatch": { backgroundColor: "color-mix(in srgb, var(--warning) 25%, transparent)", outline: "1px solid var(--warning)" },
  ".cm-searchMatch.cm-searchMatch-selected": { backgroundColor: "color-mix(in srgb, var(--accent) 35%, transparent)" },
  "&.cm-focused .cm-matchingBracket": { outline: "1px solid var(--accent)", backgroundColor: "color-mix(in srgb, var(--accent) 18%, transparent)" },
  "&.cm-focused .cm-nonmatchingBracket": { outline: "1px solid var(--error)", backgroundColor: "transparent" },
  ".cm-foldPlaceholder": { backgroundColor: "var(--bg-soft)", border: "1px solid var(--border)", color: "var(--fg-soft)" },
  // Problems: wavy underlines in the theme's error and warning colours.
  ".cm-lintRange-error": { backgroundImage: "none", textDecoration: "underline wavy var(--error)", textDecorationSkipInk: "none" },
  ".cm-lintRange-warning": { backgroundImage: "none", textDecoration: "underline wavy var(--warning)", textDecorationSkipInk: "none" },
  ".cm-lintRange-active": { backgroundColor: "var(--warning-bg)" },
  ".cm-lintPoint-error:after": { borderBottomColor: "var(--error)" },
  ".cm-lintPoint-warning:after": { borderBottomColor: "var(--warning)" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--error)" },
  ".cm-diagnostic-warning": { borderLeftColor: "var(--warning)" },
  ".cm-diagnosticSource": { fontFamily: "var(--font-mono)", opacity: "1", color: "var(--fg-soft)" },
  ".cm-tooltip": { backgroundColor: "var(--bg-soft)", color: "var(--fg)", border: "1px solid var(--border)" },
  ".cm-panels": { backgroundColor: "var(--bg-soft)", color: "var(--fg)" },
  ".cm-panels-top": { borderBottom: "1px solid var(--border)" },
  ".cm-panels-bottom": { borderTop: "1px solid var(--border)" },
  ".cm-panel input, .cm-panel button, .cm-textfield, .cm-button": {
    color: "var(--fg)",
    backgroundColor: "var(--bg)",
    backgroundImage: "none",
    border: "1px solid var(--border)",
  },
  ".cm-panel input:focus-visible, .cm-panel button:focus-visible, .cm-textfield:focus-visible": {
    outline: "2px solid var(--accent)",
  },
  // Code inside strings, and a state picked elsewhere.
  ".editor__mark--jsonata": { backgroundColor: "color-mix(in srgb, var(--accent) 16%, transparent)", borderRadius: "2px" },
  ".editor__mark--path": { backgroundColor: "color-mix(in srgb, var(--ok) 12%, transparent)", borderRadius: "2px" },
  ".cm-asl-reveal": { backgroundColor: "color-mix(in srgb, var(--accent) 14%, transparent)", animation: "cm-asl-reveal 1.2s ease-out" },
  "@keyframes cm-asl-reveal": {
    from: { backgroundColor: "color-mix(in srgb, var(--accent) 45%, transparent)" },
    to: { backgroundColor: "color-mix(in srgb, var(--accent) 14%, transparent)" },
  },
});

// "plain" is for a text too large to parse as the user types (CodeMirror's parser takes tens of
// milliseconds a keystroke on a 10 MB JSON document): no colours, no folding.
const languages = { json: () => json(), yaml: () => yaml(), plain: () => [] };

// Ctrl/⌘ + Enter runs the execution (the page listens for it): it must not add a line here.
const keys = defaultKeymap.filter((binding) => binding.key !== "Mod-Enter");

/** The editor in `parent`, holding `text`. `onChange(from, to, text)` is called for each change
 * the user makes (the range it replaced, in the text before it, and what it put there), the last
 * change first so that the earlier ranges stay valid; `onCursor(position)` when the user moves
 * the cursor or types. */
export class CodeEditor {
  constructor(parent, text, onChange, onCursor) {
    this.language = new Compartment();
    this.dark = new Compartment();
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          foldGutter(),
          lintGutter(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          dropCursor(),
          EditorState.allowMultipleSelections.of(true),
          indentOnInput(),
          indentUnit.of("  "),
          syntaxHighlighting(colours),
          bracketMatching(),
          closeBrackets(),
          rectangularSelection(),
          crosshairCursor(),
          highlightActiveLine(),
          highlightSelectionMatches(),
          search({ top: true }),
          keymap.of([
            ...closeBracketsKeymap,
            ...keys,
            ...searchKeymap,
            ...historyKeymap,
            ...foldKeymap,
            ...lintKeymap,
            indentWithTab,
          ]),
          marksField,
          revealField,
          this.language.of(json()),
          this.dark.of(EditorView.darkTheme.of(false)),
          look,
          EditorView.contentAttributes.of({
            "data-testid": "definition-editor",
            "aria-label": "State machine definition",
            "aria-describedby": "editor-keys",
          }),
          EditorView.updateListener.of((update) => {
            for (const tr of update.transactions) {
              if (tr.changes.empty || tr.annotation(fromApp)) continue;
              const changes = [];
              tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
                changes.push([fromA, toA, inserted.toString()]);
              });
              for (const [from, to, inserted] of changes.reverse()) onChange(from, to, inserted);
            }
            const moved = update.transactions.some((tr) => tr.selection && !tr.annotation(fromApp));
            if (moved) onCursor(update.state.selection.main.head);
          }),
        ],
      }),
    });
  }

  /** Put `text` in place of the whole document, as one step that Ctrl+Z undoes (only what
   * differs is replaced, so the cursor stays where the texts agree). */
  setText(text) {
    const old = this.view.state.doc.toString();
    if (old === text) return;
    let start = 0;
    const shorter = Math.min(old.length, text.length);
    while (start < shorter && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let end = 0;
    while (end < shorter - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
    this.view.dispatch({
      changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) },
      annotations: [fromApp.of(true), isolateHistory.of("full")],
    });
  }

  /** The document's language: "json", "yaml" or "plain". */
  setLanguage(name) {
    const language = languages[name];
    if (language) this.view.dispatch({ effects: this.language.reconfigure(language()) });
  }

  /** Dark or light: the colours come from the page, this picks CodeMirror's own defaults. */
  setDark(dark) {
    this.view.dispatch({ effects: this.dark.reconfigure(EditorView.darkTheme.of(dark)) });
  }

  /** The problems, as JSON: `[{from, to, severity: "error"|"warning", code, message}]`. */
  setDiagnostics(problems) {
    const length = this.view.state.doc.length;
    const diagnostics = JSON.parse(problems).map(({ from, to, severity, code, message }) => {
      const start = clamp(from, length);
      return { from: start, to: Math.max(start, clamp(to, length)), severity, source: code, message };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  /** The code inside strings, as JSON: `[{from, to, kind}]` (kind "jsonata" or "path"). */
  setMarks(marks) {
    const length = this.view.state.doc.length;
    const ranges = [];
    for (const { from, to, kind } of JSON.parse(marks)) {
      const [start, end] = [clamp(from, length), clamp(to, length)];
      if (start < end) {
        const mark = Decoration.mark({ class: `editor__mark editor__mark--${kind}`, attributes: { "data-testid": `mark-${kind}` } });
        ranges.push(mark.range(start, end));
      }
    }
    this.view.dispatch({ effects: setMarks.of(Decoration.set(ranges, true)) });
  }

  /** Select `from`..`to`, scroll it into view and focus the editor. */
  select(from, to) {
    const length = this.view.state.doc.length;
    const [anchor, head] = [clamp(from, length), clamp(to, length)];
    this.view.dispatch({
      selection: EditorSelection.single(anchor, head),
      effects: EditorView.scrollIntoView(EditorSelection.range(anchor, head), { y: "center" }),
      annotations: fromApp.of(true),
    });
    this.view.focus();
  }

  /** Mark `from`..`to` and scroll to it, with the cursor at `from` and nothing selected (what
   * is typed next cannot replace it); the focus stays where it is. */
  reveal(from, to) {
    const length = this.view.state.doc.length;
    const [start, end] = [clamp(from, length), clamp(to, length)];
    this.view.dispatch({
      selection: EditorSelection.cursor(start),
      effects: [setReveal.of({ from: start, to: end }), EditorView.scrollIntoView(start, { y: "start", yMargin: 40 })],
      annotations: fromApp.of(true),
    });
  }

  focus() {
    this.view.focus();
  }

  destroy() {
    this.view.destroy();
  }
}

function clamp(position, length) {
  return Math.max(0, Math.min(Number(position) || 0, length));
}

/** The editor view that holds the element `dom` (the tests read the document through it). */
export function viewOf(dom) {
  return EditorView.findFromDOM(dom);
}

globalThis.aslEditor = Object.freeze({ CodeEditor, viewOf });
