// The engine's thread: loads vitae's WebAssembly module and answers the page's requests
// (render with page previews, import), so typing never waits for a render. Every message is
// answered with the request's id; the page ignores answers to requests it has superseded.

import init, { render, preview, importFile, layouts } from '../pkg/vitae_wasm.js';

/** The preview's resolution: 96 dpi draws a page at its CSS size on a standard display. */
const PREVIEW_DPI = 96;

const ready = init({ module_or_path: new URL('./vitae_wasm_bg.wasm', import.meta.url) });

self.onmessage = async (event) => {
  await ready;
  const request = event.data;
  if (request.op === 'hello') {
    self.postMessage({ id: request.id, layouts: JSON.parse(layouts()) });
  } else if (request.op === 'render') {
    try {
      self.postMessage(...answerRender(request));
    } catch (e) {
      // A panic in the engine traps the module: a bug, reported rather than hanging the page.
      const error = { file: 'vitae', line: 0, column: 0, message: `internal error: ${e}`, hint: 'reload the page' };
      self.postMessage({ id: request.id, report: { error, warnings: [], page_count: 0, page_text: [] } });
    }
  } else if (request.op === 'import') {
    self.postMessage({ id: request.id, report: JSON.parse(importFile(request.text, request.name, 'auto')) });
  }
};

/**
 * Renders the text and rasterises every page; returns the message and the buffers to
 * transfer (not copy) to the page.
 */
function answerRender({ id, text, format, options }) {
  const started = performance.now();
  const outcome = render(text, format, JSON.stringify(options));
  const report = JSON.parse(outcome.report);
  const pdf = outcome.pdf;
  outcome.free();
  const rendered = performance.now();
  const pngs = [];
  for (let i = 0; i < report.page_count; i++) pngs.push(preview(pdf, i, PREVIEW_DPI));
  const timing = { render: rendered - started, preview: performance.now() - rendered };
  const buffers = [pdf.buffer, ...pngs.map((p) => p.buffer)];
  return [{ id, report, pdf, pngs, timing }, buffers];
}
