// The profile editor: CodeMirror 6 with YAML highlighting, completion from the profile's JSON
// Schema, and vitae's errors and warnings marked at their line.

import { EditorState } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching } from '@codemirror/language';
import { yaml } from '@codemirror/lang-yaml';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { lintGutter, setDiagnostics } from '@codemirror/lint';

import { rangeOf, describe } from './positions.js';
import { yamlPath, keyOptions, valueOptions } from './schemaPath.js';

/**
 * Makes a completion source over the schema: keys where a key may start, values after
 * `key: `.
 * @param {object} schema
 * @param {() => string[]} layouts the bundled layouts' names
 */
export function schemaCompletion(schema, layouts) {
  return (context) => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const above = [];
    for (let n = 1; n < line.number; n++) above.push(context.state.doc.line(n).text);
    const keyAt = before.match(/^\s*(?:-\s+)?([\w-]*)$/);
    if (keyAt) {
      const word = context.matchBefore(/[\w-]*/);
      if (!context.explicit && word.from === word.to) return null;
      return { from: word.from, options: keyOptions(schema, yamlPath(above, before)), validFor: /^[\w-]*$/ };
    }
    const valueAt = before.match(/^(\s*(?:-\s+)?)([\w-]+):\s+([\w-]*)$/);
    if (valueAt) {
      const path = yamlPath(above, valueAt[1]);
      const options = valueOptions(schema, path, valueAt[2], layouts());
      if (options.length === 0) return null;
      return { from: context.pos - valueAt[3].length, options, validFor: /^[\w-]*$/ };
    }
    return null;
  };
}

/**
 * Creates the editor in `parent` with `text`; `onChange` is called with the new text after
 * every edit.
 * @param {HTMLElement} parent
 * @param {string} text
 * @param {{schema: object, layouts: () => string[], onChange: (text: string) => void}} how
 */
export function createEditor(parent, text, how) {
  const state = EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      yaml(),
      autocompletion({ override: [schemaCompletion(how.schema, how.layouts)] }),
      lintGutter(),
      keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.lineWrapping,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) how.onChange(update.state.doc.toString());
      }),
    ],
  });
  return new EditorView({ state, parent });
}

/**
 * Marks the diagnostics placed in the editor's file at their line; returns those that have no
 * line there (the whole file, or another file), for the list under the preview.
 * @param {EditorView} view
 * @param {string} file the editor's file name
 * @param {{error: object|null, warnings: object[]}} report
 */
export function markDiagnostics(view, file, report) {
  const marks = [];
  const elsewhere = [];
  const all = [
    ...(report.error ? [{ ...report.error, severity: 'error' }] : []),
    ...report.warnings.map((w) => ({ ...w, severity: 'warning' })),
  ];
  for (const d of all) {
    const range = d.file === file ? rangeOf(view.state.doc, d.line, d.column) : null;
    if (range) marks.push({ ...range, severity: d.severity, message: describe(d), source: 'vitae' });
    else elsewhere.push(d);
  }
  view.dispatch(setDiagnostics(view.state, marks));
  return elsewhere;
}

/**
 * Replaces the editor's whole text (an import).
 * @param {EditorView} view
 * @param {string} text
 */
export function replaceText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
