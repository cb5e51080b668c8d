// The playground in a real browser: Debian's headless Chromium, driven by playwright-core,
// loads web/dist from a server on localhost, then types into the editor, waits for the
// preview, downloads the PDF and reads it back with pdftotext, checks that an error shows at
// its line, imports a dropped JSON Resume, and checks that no request ever left localhost
// (none at all after the page loaded). Prints the timings and sizes docs/playground.md quotes.
//
//   node test/browser.mjs            (after ./build; CHROMIUM=/path overrides /usr/bin/chromium)

import { createServer } from 'node:http';
import { readFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const DIST = new URL('../dist/', import.meta.url).pathname;
const STARTER = new URL('../../src/cli/starter.yaml', import.meta.url);
const FIXTURE = new URL('../../tests/fixtures/import/jsonresume-sample.json', import.meta.url);
/** How long any one step may take: the first render compiles the module on a busy machine. */
const STEP_MS = 120_000;
const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.txt': 'text/plain',
};

/** Serves web/dist on 127.0.0.1 at a free port. */
async function serve() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(DIST, path === '/' ? 'index.html' : path);
    if (!file.startsWith(DIST) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Starts Chromium headless with a new, empty profile folder. */
async function launch(profileDir) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

/** Waits until some page image's alternative text contains `text`. */
async function previewShows(page, text) {
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('#preview img')].some((img) => img.alt.includes(t)),
    text, { timeout: STEP_MS });
}

/** Types a new name over the starter's and waits for the preview to show it. */
async function typeName(page, name) {
  await page.locator('.cm-content').click();
  await page.getByText('name: Jane Doe').click();
  await page.keyboard.press('End');
  for (let i = 0; i < 'Jane Doe'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type(name, { delay: 40 });
  await previewShows(page, name);
  const stale = await page.evaluate(() => [...document.querySelectorAll('#preview img')].some((i) => i.alt.includes('Jane Doe')));
  assert.equal(stale, false, 'the old name is gone from the preview');
}

/** Downloads the PDF and checks it: a PDF, the page count the page states, the typed name. */
async function checkDownload(page, name, dir) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  const file = join(dir, 'profile.pdf');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const shown = Number((await page.textContent('#status')).match(/^(\d+) page/)[1]);
  const info = execFileSync('pdfinfo', [file]).toString();
  assert.equal(Number(info.match(/^Pages:\s+(\d+)/m)[1]), shown, 'pdfinfo agrees with the page count shown');
  const text = execFileSync('pdftotext', [file, '-'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  assert.ok(text.includes(name), `the PDF's text holds ${name}`);
  return { pages: shown, bytes: bytes.length };
}

/** Adds a misspelt key under the name, checks the error is marked at that line, then undoes it. */
async function checkErrorAtLine(page) {
  await page.getByText('headline: Staff Software Engineer').click();
  await page.keyboard.press('Home');
  // Inserted as typed text, so the editor's Enter key does not indent the line that follows.
  await page.keyboard.insertText('nmae: typo\n');
  const item = page.locator('#diagnostics li.error');
  await item.waitFor({ timeout: STEP_MS });
  const text = await item.textContent();
  // The key went in where the starter's headline line was, so it is on that line now.
  const starter = readFileSync(STARTER, 'utf8');
  const expected = starter.split('\n').findIndex((l) => l.startsWith('headline:')) + 1;
  assert.ok(expected > 1, 'the misspelt key is in the editor');
  assert.match(text, new RegExp(`profile\\.yaml:${expected}:1: .*nmae`), text);
  const marked = page.locator('.cm-lintRange-error');
  await marked.waitFor({ timeout: STEP_MS });
  assert.equal(await marked.textContent(), 'nmae');
  const markedLine = await marked.evaluate((el) => el.closest('.cm-line').textContent);
  assert.equal(markedLine, 'nmae: typo');
  assert.ok(await page.locator('#preview').evaluate((el) => el.classList.contains('stale')));
  await page.keyboard.press('Control+z');
  await page.locator('#diagnostics li.error').waitFor({ state: 'detached', timeout: STEP_MS });
  return expected;
}

/** Drops a JSON Resume on the page and checks it is imported and rendered. */
async function checkDrop(page) {
  const json = readFileSync(FIXTURE, 'utf8');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'resume.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, json);
  await page.locator('#imported', { hasText: 'JSON Resume' }).waitFor({ timeout: STEP_MS });
  await previewShows(page, 'Richard Hendriks');
  // The editor holds the converted profile: its first line names the file it came from.
  const top = await page.locator('.cm-line').first().textContent();
  assert.ok(top.includes('Converted from resume.json (JSON Resume)'), top);
}

/** The module's size as served, and compressed as a server would send it. */
function sizes() {
  const wasm = readFileSync(join(DIST, 'vitae_wasm_bg.wasm'));
  const brotli = brotliCompressSync(wasm, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } });
  const js = ['main.js', 'worker.js'].reduce((n, f) => n + readFileSync(join(DIST, f)).length, 0);
  return { wasm: wasm.length, wasmGzip: gzipSync(wasm, { level: 9 }).length, wasmBrotli: brotli.length, js };
}

/** Runs the whole check; returns the figures. */
async function main() {
  const { server, origin } = await serve();
  const dir = mkdtempSync(join(tmpdir(), 'vitae-playground-'));
  const context = await launch(join(dir, 'profile'));
  const requests = [];
  let loaded = false;
  context.on('request', (r) => requests.push({ url: r.url(), afterLoad: loaded }));
  try {
    const page = context.pages()[0] ?? await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(origin + '/');
    await page.waitForSelector('body[data-ready]', { timeout: STEP_MS });
    loaded = true;
    const first = await page.evaluate(() => ({ ...window.vitaePlayground.stats }));
    await previewShows(page, 'Jane Doe');
    const name = 'Zofia Kowalczyk';
    await typeName(page, name);
    const download = await checkDownload(page, name, dir);
    const errorLine = await checkErrorAtLine(page);
    await checkDrop(page);
    assert.deepEqual(errors, [], 'no script errors');
    const offsite = requests.filter((r) => !r.url.startsWith(origin) && !/^(blob|data):/.test(r.url));
    assert.deepEqual(offsite, [], 'no request leaves localhost');
    const afterLoad = requests.filter((r) => r.afterLoad && !/^(blob|data):/.test(r.url));
    assert.deepEqual(afterLoad, [], 'no network request after the page loaded');
    const renders = await page.evaluate(() => window.vitaePlayground.stats.renders);
    return { sizes: sizes(), first, renders: renders.slice(1), download, errorLine, requests: requests.length };
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const figures = await main();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => Math.round(x);
console.log(JSON.stringify({
  wasm_bytes: figures.sizes.wasm,
  wasm_gzip_bytes: figures.sizes.wasmGzip,
  wasm_brotli_bytes: figures.sizes.wasmBrotli,
  js_bytes: figures.sizes.js,
  engine_ready_ms: ms(figures.first.ready),
  first_preview_ms: ms(figures.first.firstPreview),
  rerenders: figures.renders.length,
  rerender_render_median_ms: ms(median(figures.renders.map((r) => r.render))),
  rerender_preview_median_ms: ms(median(figures.renders.map((r) => r.preview))),
  edit_to_preview_median_ms: ms(median(figures.renders.map((r) => r.sinceEdit))),
  downloaded_pages: figures.download.pages,
  error_line: figures.errorLine,
  requests: figures.requests,
}));
console.log('ok: the playground works offline in headless Chromium');
