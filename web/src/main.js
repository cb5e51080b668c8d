// The playground page: the editor on the left, the pages on the right, the engine in a worker.
// Everything the page needs is bundled at build time (the schema, the starter profile, the
// WebAssembly module next to this file): after the page has loaded, nothing is fetched.

import schema from '../../docs/profile.schema.json';
import starterTemplate from '../../src/cli/starter.yaml';

import { createEditor, markDiagnostics, replaceText } from './editor.js';
import { describe } from './positions.js';

/** The name the editor's text goes by in messages, and the downloaded PDF's name. */
const FILE = 'profile.yaml';
/** Quiet time after the last keystroke before a render: fast typing renders once. */
const DEBOUNCE_MS = 250;

const $ = (id) => document.getElementById(id);
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const stats = { ready: null, firstPreview: null, renders: [] };
window.vitaePlayground = { stats };

let nextId = 0;
const waiting = new Map();

/** Sends a request to the worker; resolves with its answer. */
function ask(request) {
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.postMessage({ ...request, id });
  });
}
worker.onmessage = (event) => {
  const resolve = waiting.get(event.data.id);
  waiting.delete(event.data.id);
  resolve(event.data);
};

let layoutNames = [];
let editor;
let timer = null;
let inFlight = false;
let again = false;
let editedAt = null;
let urls = [];

/** Returns the controls' choices as the engine's options. */
function options() {
  const pages = Number.parseInt($('pages').value, 10);
  return {
    file: FILE,
    layout: $('layout').value || null,
    paper: $('paper').value || null,
    pages: Number.isFinite(pages) && pages > 0 ? pages : null,
  };
}

/** Renders now, or once more after the render in flight, so the last edit always shows. */
async function renderNow() {
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  const since = editedAt ?? performance.now();
  editedAt = null;
  const answer = await ask({ op: 'render', text: editor.state.doc.toString(), format: 'auto', options: options() });
  show(answer);
  stats.renders.push({ ...answer.timing, sinceEdit: performance.now() - since });
  inFlight = false;
  if (again) {
    again = false;
    renderNow();
  }
}

/** Schedules a render after the quiet time. */
function scheduleRender() {
  editedAt ??= performance.now();
  clearTimeout(timer);
  timer = setTimeout(renderNow, DEBOUNCE_MS);
}

/** Shows a render's answer: the pages and download on success, the diagnostics always. */
function show({ report, pdf, pngs, timing }) {
  const pagesBox = $('preview');
  pagesBox.classList.toggle('stale', Boolean(report.error));
  listDiagnostics(report);
  if (report.error) {
    $('status').textContent = 'Not rendered: see the error';
    return;
  }
  urls.forEach((u) => URL.revokeObjectURL(u));
  urls = [];
  const images = pngs.map((png, i) => {
    const img = document.createElement('img');
    img.src = keep(new Blob([png], { type: 'image/png' }));
    img.alt = `Page ${i + 1}: ${report.page_text[i]}`;
    img.className = 'page';
    return img;
  });
  pagesBox.replaceChildren(...images);
  const download = $('download');
  download.href = keep(new Blob([pdf], { type: 'application/pdf' }));
  download.removeAttribute('aria-disabled');
  const plural = report.page_count === 1 ? 'page' : 'pages';
  $('status').textContent =
    `${report.page_count} ${plural} · rendered in ${Math.round(timing.render)} ms, previewed in ${Math.round(timing.preview)} ms`;
  stats.firstPreview ??= performance.now();
}

/** Creates an object URL that the next render revokes. */
function keep(blob) {
  const url = URL.createObjectURL(blob);
  urls.push(url);
  return url;
}

/** Marks diagnostics in the editor and lists them all under the preview. */
function listDiagnostics(report) {
  markDiagnostics(editor, FILE, report);
  const items = [
    ...(report.error ? [{ ...report.error, severity: 'error' }] : []),
    ...report.warnings.map((w) => ({ ...w, severity: 'warning' })),
  ].map((d) => {
    const li = document.createElement('li');
    li.className = d.severity;
    li.textContent = `${d.severity}: ${describe(d)}`;
    if (d.file === FILE && d.line) li.dataset.line = d.line;
    return li;
  });
  $('diagnostics').replaceChildren(...items);
}

/** Jumps to a listed diagnostic's line. */
function jumpToLine(event) {
  const line = Number(event.target.dataset.line);
  if (!line || line > editor.state.doc.lines) return;
  const at = editor.state.doc.line(line).from;
  editor.dispatch({ selection: { anchor: at }, scrollIntoView: true });
  editor.focus();
}

/** Opens a dropped or chosen file: foreign formats are converted, vitae profiles open as they are. */
async function open(file) {
  const text = await file.text();
  const { report } = await ask({ op: 'import', text, name: file.name });
  if (report.error) {
    listDiagnostics({ error: report.error, warnings: [] });
    $('status').textContent = `Could not open ${file.name}`;
    return;
  }
  if (report.layout) $('layout').value = report.layout;
  replaceText(editor, report.yaml);
  $('imported').textContent = `Opened ${file.name} (${report.format})` +
    (report.notes.length ? `; ${report.notes.length} notes, written as comments at the top` : '');
  renderNow();
}

/** Wires the drop zone: the whole window takes a dropped file. */
function acceptDrops() {
  window.addEventListener('dragover', (e) => {
    e.preventDefault();
    document.body.classList.add('dropping');
  });
  window.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    document.body.classList.remove('dropping');
    const file = e.dataTransfer?.files?.[0];
    if (file) open(file);
  });
  $('open').addEventListener('change', (e) => {
    const file = e.target.files?.[0];
    if (file) open(file);
  });
}

/** Starts the page: the engine first (for the layouts' names), then the editor and a render. */
async function start() {
  const hello = await ask({ op: 'hello' });
  stats.ready = performance.now();
  layoutNames = hello.layouts;
  for (const name of layoutNames) $('layout').append(new Option(name, name));
  const starter = starterTemplate.replaceAll('{file}', FILE).replaceAll('{pdf}', 'profile.pdf');
  editor = createEditor($('editor'), starter, { schema, layouts: () => layoutNames, onChange: scheduleRender });
  for (const id of ['layout', 'paper', 'pages']) $(id).addEventListener('change', renderNow);
  $('diagnostics').addEventListener('click', jumpToLine);
  acceptDrops();
  await renderNow();
  document.body.dataset.ready = 'true';
}

start();
