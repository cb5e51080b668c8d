// Bundles the page into dist/ with esbuild: the page's script and the engine's worker (with
// the JavaScript wasm-bindgen generated in pkg/), the profile schema and the starter profile
// inlined, the WebAssembly module, HTML and CSS copied. Run by ./build after wasm-bindgen.

import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
await build({
  entryPoints: ['src/main.js', 'src/worker.js'],
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  minify: true,
  // The starter profile (src/cli/starter.yaml) is text; the schema is JSON, parsed at build time.
  loader: { '.yaml': 'text' },
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const [from, to] of [
  ['index.html', 'index.html'],
  ['main.css', 'main.css'],
  ['pkg/vitae_wasm_bg.wasm', 'vitae_wasm_bg.wasm'],
]) {
  copyFileSync(from, `dist/${to}`);
}
