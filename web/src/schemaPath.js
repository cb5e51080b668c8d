// Completion from the profile's JSON Schema (docs/profile.schema.json, what `vitae schema`
// prints): where the cursor is in the YAML (a path of keys and list items, read from the
// indentation of the lines above), what the schema allows there, and the completions.

/**
 * Returns the path from the document's root to the mapping the cursor's line belongs to:
 * keys, and '-' for a list item, read from the lines above by their indentation.
 * @param {string[]} above the lines before the cursor's line, first to last
 * @param {string} current the cursor's line up to the cursor
 */
export function yamlPath(above, current) {
  const steps = [];
  const here = shape(current);
  let column = here.key;
  if (here.dash !== null) {
    steps.push('-');
    column = here.dash;
  }
  for (let i = above.length - 1; i >= 0 && column > 0; i--) {
    const line = shape(above[i]);
    if (line.blank) continue;
    if (line.key < column && line.opens) {
      steps.push(line.name);
      column = line.key;
    }
    if (line.dash !== null && line.dash < column) {
      steps.push('-');
      column = line.dash;
    }
  }
  return steps.reverse();
}

/**
 * Reads a line's shape: blank (or a comment), the column of a list dash, the column of its key
 * text, the key's name, and whether the key opens a block (nothing after the colon).
 * @param {string} text
 */
export function shape(text) {
  const m = text.match(/^(\s*)(-\s+)?(.*)$/);
  const indent = m[1].length;
  const dash = m[2] ? indent : null;
  const key = indent + (m[2] ? m[2].length : 0);
  const rest = m[3];
  const blank = rest === '' && dash === null || rest.startsWith('#');
  const pair = rest.match(/^([^\s:#][^:#]*?):(\s*(#.*)?)$/);
  const named = rest.match(/^([^\s:#][^:#]*?):/);
  return { blank, dash, key, name: named ? named[1] : null, opens: Boolean(pair) };
}

/**
 * Follows `$ref`s into the schema's `$defs`.
 * @param {object} schema the whole schema
 * @param {object|undefined} node
 */
export function resolve(schema, node) {
  let at = node;
  for (let hops = 0; at && at.$ref && hops < 16; hops++) {
    at = schema.$defs[at.$ref.replace('#/$defs/', '')];
  }
  return at;
}

/**
 * Returns the schema node at a path, or undefined where the schema says nothing.
 * @param {object} schema
 * @param {string[]} path keys and '-'
 */
export function nodeAt(schema, path) {
  let node = schema;
  for (const step of path) {
    node = resolve(schema, node);
    if (!node) return undefined;
    node = step === '-' ? itemsOf(schema, node) : propertiesOf(schema, node)[step];
  }
  return resolve(schema, node);
}

/** Returns a node's list items' schema, looking into `anyOf` branches. */
function itemsOf(schema, node) {
  if (node.items) return node.items;
  for (const branch of node.anyOf || []) {
    const b = resolve(schema, branch);
    if (b && b.items) return b.items;
  }
  return undefined;
}

/**
 * Returns the properties an object node allows, merged over its `anyOf` branches.
 * @param {object} schema
 * @param {object|undefined} node
 */
export function propertiesOf(schema, node) {
  const at = resolve(schema, node);
  if (!at) return {};
  const merged = { ...(at.properties || {}) };
  for (const branch of at.anyOf || []) Object.assign(merged, propertiesOf(schema, branch));
  return merged;
}

/**
 * Returns the completions for a key position: the properties allowed at the path.
 * @param {object} schema
 * @param {string[]} path
 */
export function keyOptions(schema, path) {
  const props = propertiesOf(schema, nodeAt(schema, path));
  return Object.entries(props).map(([name, node]) => ({
    label: name,
    apply: `${name}: `,
    type: 'property',
    info: (node.description || resolve(schema, node)?.description || '').trim() || undefined,
  }));
}

/**
 * Returns the completions for the value of `key` at the path: the schema's enum values,
 * booleans, and the bundled layouts' names for `layout`.
 * @param {object} schema
 * @param {string[]} path
 * @param {string} key
 * @param {string[]} layouts the bundled layouts' names
 */
export function valueOptions(schema, path, key, layouts) {
  const node = resolve(schema, propertiesOf(schema, nodeAt(schema, path))[key]);
  if (!node) return [];
  if (path.length === 0 && key === 'layout') return layouts.map((l) => ({ label: l, type: 'enum' }));
  if (node.enum) return node.enum.map((v) => ({ label: String(v), type: 'enum' }));
  // Only a field that is a boolean and nothing else: text fields also take booleans.
  if (node.type === 'boolean') return ['true', 'false'].map((v) => ({ label: v, type: 'keyword' }));
  return [];
}
