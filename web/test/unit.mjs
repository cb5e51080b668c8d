// Unit tests of the page's pure helpers (node --test): where a diagnostic is marked, and what
// the schema completion offers at a place in the YAML.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { rangeOf, utf16Offset, describe } from '../src/positions.js';
import { yamlPath, keyOptions, valueOptions } from '../src/schemaPath.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/profile.schema.json', import.meta.url)));

/** A stand-in for CodeMirror's document: lines with their offsets. */
function doc(text) {
  const lines = text.split('\n');
  const starts = lines.map((_, i) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0));
  return {
    lines: lines.length,
    line: (n) => ({ from: starts[n - 1], to: starts[n - 1] + lines[n - 1].length, text: lines[n - 1] }),
  };
}

test('a diagnostic covers the token at its column', () => {
  const d = doc('name: Jane\nnmae: typo\n');
  assert.deepEqual(rangeOf(d, 2, 1), { from: 11, to: 15 });
  assert.deepEqual(rangeOf(d, 1, 7), { from: 6, to: 10 });
});

test('columns count characters, offsets count UTF-16 units', () => {
  assert.equal(utf16Offset('😀é x', 2), 3);
  assert.equal(utf16Offset('abc', 10), 3);
  const d = doc('name: 😀 Zoë\n');
  assert.deepEqual(rangeOf(d, 1, 9), { from: 9, to: 12 });
});

test('the whole file, a line past the end and a column past the line are handled', () => {
  const d = doc('a: 1');
  assert.equal(rangeOf(d, 0, 0), null);
  assert.equal(rangeOf(d, 2, 1), null);
  assert.deepEqual(rangeOf(d, 1, 40), { from: 0, to: 4 });
});

test('a diagnostic is described as the command line prints it', () => {
  const d = { file: 'profile.yaml', line: 3, column: 1, message: 'unknown key', hint: 'remove it' };
  assert.equal(describe(d), 'profile.yaml:3:1: unknown key\nhint: remove it');
  assert.equal(describe({ ...d, line: 0, hint: null }), 'profile.yaml: unknown key');
});

test('the path follows keys and list items by indentation', () => {
  const above = ['name: Jane', 'sections:', '  - title: Experience', '    entries:', '      - position: X', '        highlights:'];
  assert.deepEqual(yamlPath(above.slice(0, 1), 'hea'), []);
  assert.deepEqual(yamlPath(above.slice(0, 2), '  - ti'), ['sections', '-']);
  assert.deepEqual(yamlPath(above.slice(0, 3), '    ent'), ['sections', '-']);
  assert.deepEqual(yamlPath(above.slice(0, 4), '      - org'), ['sections', '-', 'entries', '-']);
  assert.deepEqual(yamlPath(above.slice(0, 5), '        orga'), ['sections', '-', 'entries', '-']);
  assert.deepEqual(yamlPath(above, '          - te'), ['sections', '-', 'entries', '-', 'highlights', '-']);
  assert.deepEqual(yamlPath(['contacts:', '  # a comment', ''], '  - em'), ['contacts', '-']);
});

test('keys come from the schema at the path', () => {
  const labels = (path) => keyOptions(schema, path).map((o) => o.label);
  assert.ok(labels([]).includes('sections') && labels([]).includes('name'));
  // A section's keys are exactly those the schema's section definition lists.
  const section = Object.keys(schema.$defs.section.properties).sort();
  assert.ok(section.includes('title') && section.includes('entries'));
  assert.deepEqual(labels(['sections', '-']).sort(), section);
  assert.ok(labels(['sections', '-', 'entries', '-']).includes('organization'));
  assert.ok(labels(['contacts', '-']).includes('email'));
  assert.deepEqual(labels(['name']), []);
  assert.equal(keyOptions(schema, [])[0].apply.endsWith(': '), true);
});

test('values come from enums, booleans and the bundled layouts', () => {
  const values = (path, key) => valueOptions(schema, path, key, ['classic', 'modern']).map((o) => o.label);
  assert.deepEqual(values([], 'layout'), ['classic', 'modern']);
  assert.ok(values(['sections', '-', 'entries', '-'], 'kind').includes('experience'));
  assert.deepEqual(values([], 'embed_source'), ['true', 'false']);
  assert.deepEqual(values([], 'name'), []);
});
