// Places vitae's diagnostics in the editor. vitae counts lines from 1 and columns in
// characters (Unicode scalar values) from 1; CodeMirror counts offsets in UTF-16 code units
// from 0. Line 0 means "the whole file" and is not marked in the text.

/**
 * Returns the document range a diagnostic covers: from its column to the end of the token
 * there (at least one character), or null when it has no line.
 * @param {{line: (n: number) => {from: number, to: number, text: string}, lines: number}} doc
 * @param {number} line 1-based line, 0 for the whole file
 * @param {number} column 1-based column in characters, 0 when unknown
 */
export function rangeOf(doc, line, column) {
  if (!line || line > doc.lines) return null;
  const at = doc.line(line);
  const start = at.from + utf16Offset(at.text, Math.max(column, 1) - 1);
  if (start >= at.to) return { from: at.from, to: at.to };
  const rest = at.text.slice(start - at.from);
  // The token: up to the next space, colon or comma, so a key or a word is underlined.
  const token = rest.match(/^[^\s:,]+/);
  return { from: start, to: start + (token ? token[0].length : 1) };
}

/**
 * Converts a count of characters from the start of a line into UTF-16 code units.
 * @param {string} text
 * @param {number} chars
 */
export function utf16Offset(text, chars) {
  let units = 0;
  let seen = 0;
  for (const ch of text) {
    if (seen === chars) break;
    units += ch.length;
    seen += 1;
  }
  return units;
}

/**
 * Formats a diagnostic as `file:line:col: message` plus its hint, as vitae's command line does.
 * @param {{file: string, line: number, column: number, message: string, hint?: string|null}} d
 */
export function describe(d) {
  let place = d.file;
  if (d.line) place += `:${d.line}`;
  if (d.line && d.column) place += `:${d.column}`;
  return `${place}: ${d.message}` + (d.hint ? `\nhint: ${d.hint}` : '');
}
